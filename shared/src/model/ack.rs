//! Acknowledgements: a partner's "I saw this" on the other's record — never an edit of it.

use crate::ids::{EntryId, ExerciseEntryId, PartnerId, PromiseId};
use crate::time::{Day, Stamp};
use autosurgeon::{Hydrate, Reconcile};
use std::fmt;

/// What kind of acknowledgement.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum AckKind {
    /// "I saw this."
    Seen,
    /// "Thank you."
    ThankYou,
    /// "I see it differently."
    SeeItDifferently,
}

impl AckKind {
    /// All kinds, in the order the app offers them.
    pub const ALL: [AckKind; 3] = [AckKind::Seen, AckKind::ThankYou, AckKind::SeeItDifferently];

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            AckKind::Seen => "Seen",
            AckKind::ThankYou => "Thank you",
            AckKind::SeeItDifferently => "I see it differently",
        }
    }
}

/// The record an acknowledgement is about.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Reconcile,
    Hydrate,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum AckTarget {
    /// A partner's check-in on a day.
    CheckIn {
        /// Whose check-in.
        partner: PartnerId,
        /// Which day.
        date: Day,
    },
    /// A promise's outcome on a day.
    Outcome {
        /// Which promise.
        promise: PromiseId,
        /// Which day.
        date: Day,
    },
    /// A promise as a whole.
    Promise {
        /// Which promise.
        promise: PromiseId,
    },
    /// A shared journal entry.
    Journal {
        /// Which entry.
        entry: EntryId,
    },
    /// A disclosure or a support request.
    Note {
        /// Which note.
        entry: ExerciseEntryId,
    },
}

impl fmt::Display for AckTarget {
    /// A compact, stable text form, used inside document keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AckTarget::CheckIn { partner, date } => write!(f, "checkin:{date}/{partner}"),
            AckTarget::Outcome { promise, date } => write!(f, "outcome:{promise}/{date}"),
            AckTarget::Promise { promise } => write!(f, "promise:{promise}"),
            AckTarget::Journal { entry } => write!(f, "journal:{entry}"),
            AckTarget::Note { entry } => write!(f, "note:{entry}"),
        }
    }
}

/// One partner's acknowledgement of one record; the latest one per partner per record stands.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Acknowledgement {
    /// What is acknowledged.
    pub target: AckTarget,
    /// Who acknowledged.
    pub by: PartnerId,
    /// Seen, thank you, or I see it differently.
    pub kind: AckKind,
    /// Optional note.
    pub note: String,
    /// When.
    pub at: Stamp,
}
