//! A partner: one of the two people in the couple.

use crate::ids::PartnerId;
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// A partner's profile, written by that partner only.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Partner {
    /// Stable id.
    pub id: PartnerId,
    /// Display name.
    pub name: String,
    /// When the profile was made.
    pub joined_at: Stamp,
}
