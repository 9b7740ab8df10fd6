//! A partner's answer to one guide reflection prompt.

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
