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

/// Where one partner stands on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepState {
    /// Not opened yet.
    NotStarted,
    /// Opened, not marked done.
    Started,
    /// Marked done.
    Done,
}

impl StepState {
    /// The state in words.
    pub fn label(self) -> &'static str {
        match self {
            StepState::NotStarted => "Not started",
            StepState::Started => "Started",
            StepState::Done => "Done",
        }
    }

    /// A stable kebab-case key (for styling and element ids).
    pub fn key(self) -> &'static str {
        match self {
            StepState::NotStarted => "not-started",
            StepState::Started => "started",
            StepState::Done => "done",
        }
    }
}
