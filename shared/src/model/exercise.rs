//! The guide's exercises as records: root-cause views, weekly talks and replies, "I want you to
//! know" disclosures, support requests, and closing reflections.

use crate::ids::{ExerciseEntryId, PartnerId};
use crate::time::{Day, Stamp};
use autosurgeon::{Hydrate, Reconcile};

/// A factor a partner sees behind the breakdown of trust (the guide's first step).
#[derive(
    Debug,
    Clone,
    Copy,
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
#[serde(rename_all = "kebab-case")]
pub enum RootCauseFactor {
    /// Poor communication.
    PoorCommunication,
    /// Inconsistent behaviour.
    InconsistentBehaviour,
    /// Betrayal.
    Betrayal,
    /// Misunderstanding.
    Misunderstanding,
    /// Something else, described in words.
    Other,
}

impl RootCauseFactor {
    /// Every factor, in the order the app offers them.
    pub const ALL: [RootCauseFactor; 5] = [
        RootCauseFactor::PoorCommunication,
        RootCauseFactor::InconsistentBehaviour,
        RootCauseFactor::Betrayal,
        RootCauseFactor::Misunderstanding,
        RootCauseFactor::Other,
    ];

    /// The factor in words.
    pub fn label(self) -> &'static str {
        match self {
            RootCauseFactor::PoorCommunication => "Poor communication",
            RootCauseFactor::InconsistentBehaviour => "Inconsistent behaviour",
            RootCauseFactor::Betrayal => "Betrayal",
            RootCauseFactor::Misunderstanding => "Misunderstanding",
            RootCauseFactor::Other => "Something else",
        }
    }
}

/// One partner's view of what broke trust; one per partner, revisable. The app keeps it hidden
/// from the other partner until both have written theirs.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct RootCauseView {
    /// Whose view.
    pub partner: PartnerId,
    /// The factors they see.
    pub factors: Vec<RootCauseFactor>,
    /// What "something else" is, if chosen.
    pub other: String,
    /// Their view in their own words, including both people's roles.
    pub view: String,
    /// When last written.
    pub at: Stamp,
}

/// One partner's weekly talk: what I felt and what I need, for the week starting `week_of`.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Talk {
    /// Monday of the week.
    pub week_of: Day,
    /// Who wrote it.
    pub author: PartnerId,
    /// What I felt.
    pub felt: String,
    /// What I need.
    pub need: String,
    /// When last written.
    pub at: Stamp,
}

/// The other partner's reply to a weekly talk, kept beside it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct TalkReply {
    /// The talk's week.
    pub week_of: Day,
    /// The talk's author (the reply is to them).
    pub to: PartnerId,
    /// Who replies.
    pub by: PartnerId,
    /// The reply.
    pub text: String,
    /// When last written.
    pub at: Stamp,
}

/// What an exercise note is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// "I want you to know": something the writer chooses to share. Never asked for, never
    /// collected.
    Disclosure,
    /// "This week I need…": a request for support.
    SupportRequest,
}

/// A disclosure or a support request, written by its author only.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Note {
    /// Stable id.
    pub id: ExerciseEntryId,
    /// Disclosure or support request.
    pub kind: NoteKind,
    /// Who wrote it.
    pub author: PartnerId,
    /// The words.
    pub text: String,
    /// When it was written.
    pub created_at: Stamp,
    /// When it last changed.
    pub updated_at: Stamp,
}

/// One partner's closing reflection on the whole program; revisable.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct ClosingReflection {
    /// Whose reflection.
    pub partner: PartnerId,
    /// The words.
    pub text: String,
    /// When last written.
    pub at: Stamp,
}
