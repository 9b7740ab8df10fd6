//! The guide's exercises as records: root-cause views, weekly talks and replies, "I want you to
//! know" disclosures, support requests, and closing reflections.

use super::TextField;
use crate::ids::{ExerciseEntryId, PartnerId};
use crate::time::{Day, Stamp};
use autosurgeon::{Hydrate, Reconcile};

/// Whether `draft`, cleaned as `field` is cleaned before saving, is exactly `saved`. A draft
/// the field would refuse is never the saved text, so it counts as a change not saved yet.
pub(super) fn same_text(field: TextField, saved: &str, draft: &str) -> bool {
    field.clean(draft).is_ok_and(|clean| clean == saved)
}

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

    /// `chosen` as it is stored: each factor once, in the order the app offers them.
    pub fn in_order(chosen: &[RootCauseFactor]) -> Vec<RootCauseFactor> {
        RootCauseFactor::ALL.into_iter().filter(|f| chosen.contains(f)).collect()
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

impl RootCauseView {
    /// Whether the form's factors and words would save as exactly this view (so there is
    /// nothing unsaved): factors compared as stored, words as cleaned, and the "something else"
    /// words only when that factor is chosen.
    pub fn same_as_draft(&self, factors: &[RootCauseFactor], other: &str, view: &str) -> bool {
        let factors = RootCauseFactor::in_order(factors);
        let other_same = !factors.contains(&RootCauseFactor::Other)
            || same_text(TextField::RootCauseOther, &self.other, other);
        self.factors == factors && other_same && same_text(TextField::RootCauseView, &self.view, view)
    }
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

impl Talk {
    /// Whether the form's two answers, cleaned, are exactly what is saved.
    pub fn same_as_draft(&self, felt: &str, need: &str) -> bool {
        same_text(TextField::TalkFelt, &self.felt, felt) && same_text(TextField::TalkNeed, &self.need, need)
    }
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

impl TalkReply {
    /// Whether the reply form's words, cleaned, are exactly what is saved.
    pub fn same_as_draft(&self, text: &str) -> bool {
        same_text(TextField::TalkReply, &self.text, text)
    }
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

impl ClosingReflection {
    /// Whether the form's words, cleaned, are exactly what is saved.
    pub fn same_as_draft(&self, text: &str) -> bool {
        same_text(TextField::ClosingReflection, &self.text, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Clock, Day, ManualClock};

    fn stamp() -> Stamp {
        ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 0).stamp()
    }

    #[test]
    fn a_draft_that_cleans_to_the_saved_words_has_nothing_unsaved() {
        let talk = Talk {
            week_of: Day::ymd(2026, 5, 4).unwrap(),
            author: PartnerId::random(),
            felt: "line one\nline two".into(),
            need: "time".into(),
            at: stamp(),
        };
        assert!(talk.same_as_draft("  line one\r\nline two ", "time\n"), "cleaned like a save");
        assert!(!talk.same_as_draft("line one", "time"));
        assert!(!talk.same_as_draft("line one\nline two", &"x".repeat(3_000)), "refused is unsaved");
    }

    #[test]
    fn a_root_cause_draft_compares_factors_as_stored_and_other_words_only_when_chosen() {
        let view = RootCauseView {
            partner: PartnerId::random(),
            factors: vec![RootCauseFactor::PoorCommunication, RootCauseFactor::Betrayal],
            other: String::new(),
            view: "We drifted.".into(),
            at: stamp(),
        };
        let picked = [RootCauseFactor::Betrayal, RootCauseFactor::PoorCommunication];
        assert!(view.same_as_draft(&picked, "left over words", " We drifted.\r\n"));
        assert!(!view.same_as_draft(&[RootCauseFactor::Betrayal], "", "We drifted."));
        let with_other =
            [RootCauseFactor::PoorCommunication, RootCauseFactor::Betrayal, RootCauseFactor::Other];
        assert!(!view.same_as_draft(&with_other, "money", "We drifted."));
    }
}
