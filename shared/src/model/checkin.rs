//! The daily check-in: mood, trust, and three short optional prompts.

use super::{ModelError, TextField};
use crate::ids::PartnerId;
use crate::time::{Day, Stamp};
use autosurgeon::{Hydrate, Reconcile};
use std::ops::RangeInclusive;

/// Allowed mood values (1 = very low, 5 = very good).
pub const MOOD_RANGE: RangeInclusive<u8> = 1..=5;
/// Allowed trust values (0 = none, 10 = complete).
pub const TRUST_RANGE: RangeInclusive<u8> = 0..=10;

/// One partner's check-in for one local day. At most one per partner per day.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct CheckIn {
    /// Who checked in.
    pub partner: PartnerId,
    /// Their local calendar day.
    pub date: Day,
    /// Mood, 1–5.
    pub mood: u8,
    /// Trust, 0–10.
    pub trust: u8,
    /// What I feel.
    pub feel: String,
    /// What I need.
    pub need: String,
    /// What I appreciate.
    pub appreciate: String,
    /// First written, with the writer's UTC offset.
    pub written_at: Stamp,
    /// Last changed.
    pub updated_at: Stamp,
}

/// What the check-in form submits, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInDraft {
    /// Mood, expected 1–5.
    pub mood: i64,
    /// Trust, expected 0–10.
    pub trust: i64,
    /// What I feel (optional).
    pub feel: String,
    /// What I need (optional).
    pub need: String,
    /// What I appreciate (optional).
    pub appreciate: String,
}

impl CheckInDraft {
    /// Validate and turn into a check-in for `partner` on `date`.
    pub fn validate(
        &self,
        partner: &PartnerId,
        date: Day,
        today: Day,
        now: Stamp,
    ) -> Result<CheckIn, ModelError> {
        let mood = u8::try_from(self.mood)
            .ok()
            .filter(|m| MOOD_RANGE.contains(m))
            .ok_or(ModelError::MoodOutOfRange(self.mood))?;
        let trust = u8::try_from(self.trust)
            .ok()
            .filter(|t| TRUST_RANGE.contains(t))
            .ok_or(ModelError::TrustOutOfRange(self.trust))?;
        if date > today {
            return Err(ModelError::DateInFuture { date, today });
        }
        Ok(CheckIn {
            partner: partner.clone(),
            date,
            mood,
            trust,
            feel: TextField::Feel.clean(&self.feel)?,
            need: TextField::Need.clean(&self.need)?,
            appreciate: TextField::Appreciate.clean(&self.appreciate)?,
            written_at: now,
            updated_at: now,
        })
    }
}

impl From<&CheckIn> for CheckInDraft {
    fn from(c: &CheckIn) -> Self {
        Self {
            mood: i64::from(c.mood),
            trust: i64::from(c.trust),
            feel: c.feel.clone(),
            need: c.need.clone(),
            appreciate: c.appreciate.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Clock, ManualClock};

    fn fixture() -> (PartnerId, ManualClock) {
        (PartnerId::random(), ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 1))
    }

    #[test]
    fn a_check_in_needs_mood_and_trust_in_range() {
        let (me, clock) = fixture();
        let draft = |mood, trust| CheckInDraft { mood, trust, ..Default::default() };
        let v = |d: CheckInDraft| d.validate(&me, clock.today(), clock.today(), clock.stamp());
        assert_eq!(v(draft(0, 5)), Err(ModelError::MoodOutOfRange(0)));
        assert_eq!(v(draft(6, 5)), Err(ModelError::MoodOutOfRange(6)));
        assert_eq!(v(draft(3, -1)), Err(ModelError::TrustOutOfRange(-1)));
        assert_eq!(v(draft(3, 11)), Err(ModelError::TrustOutOfRange(11)));
        assert_eq!(v(draft(3, 300)), Err(ModelError::TrustOutOfRange(300)));
        let ok = v(draft(5, 0)).unwrap();
        assert_eq!((ok.mood, ok.trust), (5, 0));
    }

    #[test]
    fn a_check_in_cannot_be_dated_in_the_future() {
        let (me, clock) = fixture();
        let tomorrow = clock.today().plus_days(1);
        let d = CheckInDraft { mood: 3, trust: 5, ..Default::default() };
        assert_eq!(
            d.validate(&me, tomorrow, clock.today(), clock.stamp()),
            Err(ModelError::DateInFuture { date: tomorrow, today: clock.today() })
        );
    }

    #[test]
    fn check_in_texts_are_optional_but_bounded() {
        let (me, clock) = fixture();
        let d = CheckInDraft { mood: 3, trust: 5, need: "x".repeat(501), ..Default::default() };
        assert!(matches!(
            d.validate(&me, clock.today(), clock.today(), clock.stamp()),
            Err(ModelError::TooLong { field: "what you need", .. })
        ));
    }
}
