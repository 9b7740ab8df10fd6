//! A Today suggestion this phone's owner set aside; kept in the private document only.

use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// "Not now" on one of the guide's Today suggestions ([`crate::guide::Suggestion::id`]).
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct DismissedSuggestion {
    /// The suggestion's id, e.g. `"transparency.hurt"`.
    pub suggestion: String,
    /// When it was set aside.
    pub at: Stamp,
}
