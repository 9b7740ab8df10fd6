//! "Questions I need answered" (step 3): one partner writes a question, the other answers it in
//! their own time. A question stays open until answered; its asker may withdraw it. There is no
//! deadline and no reminder, by design.
//!
//! The question and its answer are two records, each written by one person only, so a
//! rewording and an answer written at the same time on two phones both survive the merge.

use super::TextField;
use super::exercise::same_text;
use crate::ids::{ExerciseEntryId, PartnerId};
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// A question one partner asks the other; only its asker may reword or withdraw it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Stable id.
    pub id: ExerciseEntryId,
    /// Who asks.
    pub asker: PartnerId,
    /// The question, in the asker's words.
    pub text: String,
    /// When it was asked.
    pub asked_at: Stamp,
    /// When its words last changed.
    pub updated_at: Stamp,
    /// When its asker withdrew it, if they did.
    pub withdrawn_at: Option<Stamp>,
}

impl Question {
    /// Whether the rewording form's words, cleaned, are exactly the question as saved.
    pub fn same_as_draft(&self, text: &str) -> bool {
        same_text(TextField::Question, &self.text, text)
    }
}

/// The other partner's answer to a question; they may revise it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Answer {
    /// The question answered.
    pub question: ExerciseEntryId,
    /// Who answers.
    pub by: PartnerId,
    /// The answer, in their words.
    pub text: String,
    /// When it was last written.
    pub at: Stamp,
}

impl Answer {
    /// Whether the answer form's words, cleaned, are exactly the answer as saved.
    pub fn same_as_draft(&self, text: &str) -> bool {
        same_text(TextField::Answer, &self.text, text)
    }
}

/// Where a question stands. Never "late", never "overdue": a question waits as long as it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionState {
    /// Asked, not answered yet.
    Open,
    /// Answered (the answer may still be revised).
    Answered,
    /// Withdrawn by its asker; an answer written before that reached the asker stays readable.
    Withdrawn,
}

impl QuestionState {
    /// The state in words, for a label beside the question.
    pub const fn label(self) -> &'static str {
        match self {
            QuestionState::Open => "Open",
            QuestionState::Answered => "Answered",
            QuestionState::Withdrawn => "Withdrawn",
        }
    }
}
