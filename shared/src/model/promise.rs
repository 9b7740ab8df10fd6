//! Promises: who promised what, how often, and whether it is still active.

use super::{ModelError, TextField};
use crate::ids::{ApologyId, PartnerId, PromiseId};
use crate::time::{Day, Stamp};
use autosurgeon::{Hydrate, Reconcile};

/// How often a promise is meant to be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Cadence {
    /// Every day.
    Daily,
    /// A number of days in each week (Monday to Sunday).
    PerWeek {
        /// Days per week, 1–7.
        times: u8,
    },
    /// Once, by a due date.
    OneOff {
        /// The last day it can be kept.
        due: Day,
    },
}

impl Cadence {
    /// How the cadence reads in the app.
    pub fn describe(&self) -> String {
        match self {
            Cadence::Daily => "every day".to_string(),
            Cadence::PerWeek { times: 1 } => "once a week".to_string(),
            Cadence::PerWeek { times } => format!("{times} times a week"),
            Cadence::OneOff { due } => format!("once, by {}", due.0.format("%b %-d, %Y")),
        }
    }
}

/// Where a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PromiseStatus {
    /// Being kept now.
    Active,
    /// A one-off promise that was kept.
    Kept,
    /// Set aside by its owner; its history stays.
    Retired,
}

impl PromiseStatus {
    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            PromiseStatus::Active => "active",
            PromiseStatus::Kept => "kept",
            PromiseStatus::Retired => "retired",
        }
    }
}

/// A promise in the shared tracker. Only its owner may edit or retire it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Promise {
    /// Stable id.
    pub id: PromiseId,
    /// Who made the promise.
    pub owner: PartnerId,
    /// What is promised.
    pub title: String,
    /// Why it matters (optional).
    pub why: String,
    /// How often.
    pub cadence: Cadence,
    /// Active, kept or retired.
    pub status: PromiseStatus,
    /// The first day outcomes may be recorded.
    pub starts_on: Day,
    /// The apology this promise came from, if any.
    pub apology: Option<ApologyId>,
    /// When it was made.
    pub created_at: Stamp,
    /// When it last changed.
    pub updated_at: Stamp,
}

impl Promise {
    /// Whether outcomes and edits are still accepted.
    pub fn is_open(&self) -> bool {
        self.status == PromiseStatus::Active
    }

    /// Refuse changes to a promise that is kept or retired.
    pub fn ensure_open(&self) -> Result<(), ModelError> {
        if self.is_open() { Ok(()) } else { Err(ModelError::PromiseClosed { status: self.status.label() }) }
    }
}

/// What the promise form submits, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseDraft {
    /// What is promised.
    pub title: String,
    /// Why it matters.
    pub why: String,
    /// How often (times per week is checked here).
    pub cadence: Cadence,
}

impl PromiseDraft {
    /// Check the draft; returns the cleaned title and why.
    pub fn validate(&self, today: Day) -> Result<(String, String, Cadence), ModelError> {
        let title = TextField::PromiseTitle.clean(&self.title)?;
        let why = TextField::PromiseWhy.clean(&self.why)?;
        match self.cadence {
            Cadence::PerWeek { times } if !(1..=7).contains(&times) => {
                return Err(ModelError::TimesPerWeekOutOfRange(i64::from(times)));
            }
            Cadence::OneOff { due } if due < today => return Err(ModelError::DueDateInPast { due, today }),
            _ => {}
        }
        Ok((title, why, self.cadence))
    }

    /// A new promise owned by `owner`, starting `today`.
    pub fn into_promise(&self, owner: &PartnerId, today: Day, now: Stamp) -> Result<Promise, ModelError> {
        let (title, why, cadence) = self.validate(today)?;
        Ok(Promise {
            id: PromiseId::random(),
            owner: owner.clone(),
            title,
            why,
            cadence,
            status: PromiseStatus::Active,
            starts_on: today,
            apology: None,
            created_at: now,
            updated_at: now,
        })
    }
}

impl From<&Promise> for PromiseDraft {
    fn from(p: &Promise) -> Self {
        Self { title: p.title.clone(), why: p.why.clone(), cadence: p.cadence }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Day {
        Day::ymd(2026, 6, 1).unwrap()
    }

    #[test]
    fn a_promise_needs_a_title_and_a_sensible_cadence() {
        let mut d = PromiseDraft { title: " ".into(), why: String::new(), cadence: Cadence::Daily };
        assert_eq!(d.validate(today()), Err(ModelError::EmptyText { field: "the promise" }));
        d.title = "Call when I'm late".into();
        d.cadence = Cadence::PerWeek { times: 0 };
        assert_eq!(d.validate(today()), Err(ModelError::TimesPerWeekOutOfRange(0)));
        d.cadence = Cadence::PerWeek { times: 8 };
        assert_eq!(d.validate(today()), Err(ModelError::TimesPerWeekOutOfRange(8)));
        d.cadence = Cadence::OneOff { due: today().plus_days(-1) };
        assert!(matches!(d.validate(today()), Err(ModelError::DueDateInPast { .. })));
        d.cadence = Cadence::OneOff { due: today() };
        assert!(d.validate(today()).is_ok());
    }

    #[test]
    fn cadences_read_naturally() {
        assert_eq!(Cadence::Daily.describe(), "every day");
        assert_eq!(Cadence::PerWeek { times: 1 }.describe(), "once a week");
        assert_eq!(Cadence::PerWeek { times: 3 }.describe(), "3 times a week");
        assert_eq!(Cadence::OneOff { due: today() }.describe(), "once, by Jun 1, 2026");
    }
}
