//! Errors a session operation can return.

use crate::doc::DocError;
use crate::model::ModelError;
use crate::store::StoreError;

/// Why an operation did not happen. Nothing was saved.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The input broke a rule; the message is meant for the user.
    #[error(transparent)]
    Invalid(#[from] ModelError),
    /// The document could not be read or written.
    #[error(transparent)]
    Doc(#[from] DocError),
    /// The SQLite file could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SessionError {
    /// The validation error, if this was one (forms show these inline).
    pub fn as_invalid(&self) -> Option<&ModelError> {
        match self {
            SessionError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}
