//! Each partner's progress through the guide's steps.

use crate::guide::StepId;
use crate::ids::PartnerId;
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// One partner's progress on one step: started, and perhaps marked done.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct StepProgress {
    /// The guide step.
    #[autosurgeon(with = "crate::doc::step_id")]
    pub step: StepId,
    /// Whose progress.
    pub partner: PartnerId,
    /// When they opened the step.
    pub started_at: Stamp,
    /// When they marked it done (steps can be revisited and reopened).
    pub completed_at: Option<Stamp>,
}
