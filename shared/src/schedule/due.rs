//! Which of a partner's promises are due on a day, and how far a weekly one has come.

use super::periods::{shows_up, week_quota, week_start};
use crate::doc::SharedState;
use crate::ids::PartnerId;
use crate::model::{Cadence, Outcome, OutcomeKind, Promise, PromiseStatus};
use crate::time::Day;

/// A weekly promise's progress in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekProgress {
    /// Kept or partly kept so far this week (today included).
    pub done: u8,
    /// How many times this week asks for.
    pub quota: u8,
}

/// A promise due on a day, with its mark for that day if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem<'a> {
    /// The promise.
    pub promise: &'a Promise,
    /// Its outcome on that day, if marked.
    pub outcome: Option<&'a Outcome>,
    /// For a weekly promise, the week's progress.
    pub week: Option<WeekProgress>,
}

/// Whether `promise` is due on `day`:
/// - daily: every day it is active;
/// - n times a week: each day of the week until the week's n are kept or partly kept
///   (on other days than `day`);
/// - one-off: every day up to its due date until it is kept.
///
/// A promise already marked on `day` stays due that day, so its mark can still be seen and changed.
/// Retired promises are never due, nor any promise before its first day.
pub fn is_due(state: &SharedState, promise: &Promise, day: Day) -> bool {
    if day < promise.starts_on || promise.status == PromiseStatus::Retired {
        return false;
    }
    if state.outcome(&promise.id, day).is_some() {
        return true;
    }
    match promise.cadence {
        Cadence::Daily => promise.status == PromiseStatus::Active,
        Cadence::PerWeek { times } => {
            let monday = week_start(day);
            let others = state
                .outcomes_of(&promise.id)
                .filter(|o| o.date != day && week_start(o.date) == monday && shows_up(o))
                .count();
            others < usize::from(week_quota(times, promise.starts_on, monday))
        }
        Cadence::OneOff { due } => {
            day <= due && !state.outcomes_of(&promise.id).any(|o| o.date < day && o.kind == OutcomeKind::Kept)
        }
    }
}

/// `owner`'s promises due on `day`, oldest promise first.
pub fn due_on<'a>(state: &'a SharedState, owner: &PartnerId, day: Day) -> Vec<DueItem<'a>> {
    let mut due: Vec<DueItem<'a>> = state
        .promises
        .iter()
        .filter(|p| &p.owner == owner && is_due(state, p, day))
        .map(|p| DueItem {
            promise: p,
            outcome: state.outcome(&p.id, day),
            week: week_progress(state, p, day),
        })
        .collect();
    due.sort_by(|a, b| a.promise.created_at.cmp(&b.promise.created_at).then(a.promise.id.cmp(&b.promise.id)));
    due
}

fn week_progress(state: &SharedState, promise: &Promise, day: Day) -> Option<WeekProgress> {
    let Cadence::PerWeek { times } = promise.cadence else { return None };
    let monday = week_start(day);
    let done = state.outcomes_of(&promise.id).filter(|o| week_start(o.date) == monday && shows_up(o)).count();
    Some(WeekProgress {
        done: u8::try_from(done).unwrap_or(u8::MAX),
        quota: week_quota(times, promise.starts_on, monday),
    })
}
