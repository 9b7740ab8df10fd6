//! A promise's outcome on one day: kept, missed or partly kept, with an optional note.

use crate::ids::{PartnerId, PromiseId};
use crate::time::{Day, Stamp};
use autosurgeon::{Hydrate, Reconcile};

/// How a promise went on a day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeKind {
    /// Kept.
    Kept,
    /// Partly kept.
    Partial,
    /// Not kept this time.
    Missed,
}

impl OutcomeKind {
    /// All kinds, in the order the app offers them.
    pub const ALL: [OutcomeKind; 3] = [OutcomeKind::Kept, OutcomeKind::Partial, OutcomeKind::Missed];

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeKind::Kept => "Kept",
            OutcomeKind::Partial => "Partly",
            OutcomeKind::Missed => "Not this time",
        }
    }

    /// How much the day counts toward consistency (kept 1, partly ½, missed 0).
    pub fn weight(self) -> f64 {
        match self {
            OutcomeKind::Kept => 1.0,
            OutcomeKind::Partial => 0.5,
            OutcomeKind::Missed => 0.0,
        }
    }
}

/// The outcome of one promise on one day; one per promise per day, written by the owner.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    /// Which promise.
    pub promise: PromiseId,
    /// Which day (the owner's local day).
    pub date: Day,
    /// Kept, partly, or missed.
    pub kind: OutcomeKind,
    /// Optional note.
    pub note: String,
    /// Who recorded it (the promise's owner).
    pub by: PartnerId,
    /// When it was recorded.
    pub at: Stamp,
}
