//! A partner's answer to one guide reflection prompt.

use super::TextField;
use crate::guide::StepId;
use crate::ids::PartnerId;
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// One partner's answer to one prompt of the guide; they may revise it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Reflection {
    /// The guide step.
    #[autosurgeon(with = "crate::doc::step_id")]
    pub step: StepId,
    /// The prompt's id in the guide.
    pub prompt: String,
    /// Who answered.
    pub partner: PartnerId,
    /// The answer.
    pub text: String,
    /// When it was last written.
    pub at: Stamp,
}

impl Reflection {
    /// Whether the answer form's words, cleaned as a save would clean them, are exactly this
    /// answer (so there is nothing unsaved).
    pub fn same_as_draft(&self, text: &str) -> bool {
        super::exercise::same_text(TextField::Reflection, &self.text, text)
    }
}
