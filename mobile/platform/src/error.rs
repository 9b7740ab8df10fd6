//! The one error every platform service returns: which service, and what the platform said.

/// A platform service failed. Nothing was half-done: a keystore write either replaced the
/// secret or left the old one, a schedule either took the new plan or kept the old.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{service}: {reason}")]
pub struct PlatformError {
    /// The service, in words ("the keystore", "reminders", …).
    pub service: &'static str,
    /// What the platform said.
    pub reason: String,
}

impl PlatformError {
    /// An error from `service`.
    pub fn new(service: &'static str, reason: impl Into<String>) -> Self {
        PlatformError { service, reason: reason.into() }
    }
}
