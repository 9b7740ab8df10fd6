//! Errors from reading and writing the automerge documents.

/// A document operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// automerge refused the bytes or the operation.
    #[error("document error: {0}")]
    Automerge(Box<automerge::AutomergeError>),
    /// A record in the document does not have the expected shape.
    #[error("a record in the document is malformed: {0}")]
    Hydrate(Box<autosurgeon::HydrateError>),
    /// Writing a record into the document failed.
    #[error("could not write the record: {0}")]
    Reconcile(Box<autosurgeon::ReconcileError>),
    /// A record's stored (view) form could not be read or written.
    #[error("a stored record is malformed: {0}")]
    View(#[from] serde_json::Error),
    /// The document is not loaded (an internal ordering error).
    #[error("the document is not loaded yet")]
    NotLoaded,
    /// The document was written by a newer version of Mend.
    #[error(
        "this data was written by a newer version of Mend (schema {found}, this app reads up to {supported}); please update the app"
    )]
    NewerSchema {
        /// Schema found in the document.
        found: u64,
        /// Highest schema this build reads.
        supported: u64,
    },
}

// The automerge and autosurgeon errors are large; boxing keeps every `Result` in the crate small.
impl From<automerge::AutomergeError> for DocError {
    fn from(e: automerge::AutomergeError) -> Self {
        DocError::Automerge(Box::new(e))
    }
}

impl From<autosurgeon::HydrateError> for DocError {
    fn from(e: autosurgeon::HydrateError) -> Self {
        DocError::Hydrate(Box::new(e))
    }
}

impl From<autosurgeon::ReconcileError> for DocError {
    fn from(e: autosurgeon::ReconcileError) -> Self {
        DocError::Reconcile(Box::new(e))
    }
}
