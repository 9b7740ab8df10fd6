//! Promise consistency over time: per week, the share of scheduled promise-days kept.
//!
//! The scheduled slots come from [`crate::schedule::periods`], so this agrees with the strength
//! score: a daily promise asks once a day, an "n times a week" promise n times in its week, a
//! one-off once. Kept counts 1, partly kept ½, not kept 0. An unmarked slot counts as not kept
//! only once its period is over — today is never held against anyone.

use super::range::{couple, mondays};
use crate::doc::SharedState;
use crate::ids::PartnerId;
use crate::model::{Cadence, OutcomeKind, Promise};
use crate::schedule::{Period, periods, week_start};
use crate::time::Day;
use std::collections::BTreeMap;

/// One week of promise-keeping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekShare {
    /// Monday of the week.
    pub week_of: Day,
    /// Kept slots (partly kept counts ½).
    pub kept: f64,
    /// Scheduled slots counted.
    pub slots: usize,
}

impl WeekShare {
    /// The share kept, 0 to 1, or `None` in a week nothing was scheduled.
    pub fn share(&self) -> Option<f64> {
        (self.slots > 0).then(|| self.kept / self.slots as f64)
    }
}

/// One partner's weekly consistency.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerConsistency {
    /// Whose promises.
    pub partner: PartnerId,
    /// Their display name.
    pub name: String,
    /// Every week of the range, oldest first.
    pub weeks: Vec<WeekShare>,
}

/// Promise consistency per week, for each partner and for both together.
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseConsistency {
    /// Each partner's own promises, in [`couple`] order.
    pub partners: Vec<PartnerConsistency>,
    /// All promises together.
    pub together: Vec<WeekShare>,
}

/// How much of one promise was kept over a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeptShare {
    /// Kept slots (partly kept counts ½).
    pub kept: f64,
    /// Scheduled slots counted.
    pub slots: usize,
}

impl KeptShare {
    /// The share kept, 0 to 1, or `None` when nothing was scheduled.
    pub fn share(&self) -> Option<f64> {
        (self.slots > 0).then(|| self.kept / self.slots as f64)
    }
}

/// Consistency for the weeks touching `from..=to`, counting the slots whose day falls in the
/// range; `today` decides which periods are over.
pub fn promise_consistency(state: &SharedState, from: Day, to: Day, today: Day) -> PromiseConsistency {
    let empty: BTreeMap<Day, (f64, usize)> = mondays(from, to).map(|m| (m, (0.0, 0))).collect();
    let mut per_owner: BTreeMap<&PartnerId, BTreeMap<Day, (f64, usize)>> = BTreeMap::new();
    let mut together = empty.clone();
    for promise in state.promises.iter() {
        let owner = per_owner.entry(&promise.owner).or_insert_with(|| empty.clone());
        for (day, kept, slots) in counted_slots(state, promise, from, to, today) {
            for bucket in [&mut *owner, &mut together] {
                if let Some(week) = bucket.get_mut(&week_start(day)) {
                    week.0 += kept;
                    week.1 += slots;
                }
            }
        }
    }
    let rows = |m: &BTreeMap<Day, (f64, usize)>| -> Vec<WeekShare> {
        m.iter()
            .map(|(week_of, (kept, slots))| WeekShare { week_of: *week_of, kept: *kept, slots: *slots })
            .collect()
    };
    let partners = couple(state)
        .into_iter()
        .map(|p| PartnerConsistency {
            partner: p.id.clone(),
            name: p.name.clone(),
            weeks: per_owner.get(&p.id).map(&rows).unwrap_or_else(|| rows(&empty)),
        })
        .collect();
    PromiseConsistency { partners, together: rows(&together) }
}

/// How much of `promise` was kept from `from` to `to`, counted as [`promise_consistency`] does.
pub fn promise_share(state: &SharedState, promise: &Promise, from: Day, to: Day, today: Day) -> KeptShare {
    counted_slots(state, promise, from, to, today).fold(
        KeptShare { kept: 0.0, slots: 0 },
        |acc, (_, kept, slots)| KeptShare { kept: acc.kept + kept, slots: acc.slots + slots },
    )
}

/// Each period of `promise` with scheduled slots counted within `from..=to`: the day it counts
/// on, the kept value and the number of slots.
fn counted_slots<'a>(
    state: &'a SharedState,
    promise: &'a Promise,
    from: Day,
    to: Day,
    today: Day,
) -> impl Iterator<Item = (Day, f64, usize)> + 'a {
    periods(state, promise, today).into_iter().filter_map(move |period| {
        if period.slots.is_empty() {
            return None;
        }
        let day = counted_on(state, promise, &period);
        (day >= from && day <= to).then(|| (day, period.slots.iter().sum(), period.slots.len()))
    })
}

/// The day a period's slots are counted on: the day itself for a daily promise, the week for a
/// weekly one, and for a one-off the day it was kept (or its due date if it wasn't).
fn counted_on(state: &SharedState, promise: &Promise, period: &Period) -> Day {
    match promise.cadence {
        Cadence::OneOff { .. } => state
            .outcomes_of(&promise.id)
            .find(|o| o.kind == OutcomeKind::Kept && o.date >= period.first && o.date <= period.last)
            .map(|o| o.date)
            .unwrap_or(period.last),
        Cadence::Daily | Cadence::PerWeek { .. } => period.first,
    }
}
