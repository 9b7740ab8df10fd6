//! A promise at a glance, for lists: its strength and current run.

use super::run::{Run, current_run};
use super::strength::{Strength, strength};
use crate::doc::SharedState;
use crate::ids::PartnerId;
use crate::model::{Promise, PromiseStatus};
use crate::time::Day;

/// A promise with how consistently it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseSummary<'a> {
    /// The promise.
    pub promise: &'a Promise,
    /// Its strength score.
    pub strength: Strength,
    /// Its current run (none for one-off promises).
    pub run: Option<Run>,
}

/// The summary of one promise as of `today`.
pub fn summarize<'a>(state: &SharedState, promise: &'a Promise, today: Day) -> PromiseSummary<'a> {
    PromiseSummary {
        promise,
        strength: strength(state, promise, today),
        run: current_run(state, promise, today),
    }
}

/// `owner`'s promises as of `today`: active ones first, then kept and retired; oldest first within each.
pub fn summaries<'a>(state: &'a SharedState, owner: &PartnerId, today: Day) -> Vec<PromiseSummary<'a>> {
    let mut list: Vec<PromiseSummary<'a>> =
        state.promises.iter().filter(|p| &p.owner == owner).map(|p| summarize(state, p, today)).collect();
    list.sort_by(|a, b| {
        let closed = |p: &Promise| p.status != PromiseStatus::Active;
        closed(a.promise)
            .cmp(&closed(b.promise))
            .then(a.promise.created_at.cmp(&b.promise.created_at))
            .then(a.promise.id.cmp(&b.promise.id))
    });
    list
}
