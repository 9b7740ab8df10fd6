//! Errors from the phone's SQLite store.

use std::path::PathBuf;

/// A store operation failed; nothing partial was written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("storage error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The folder for the database could not be created.
    #[error("could not create the data folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file was written by a newer version of Mend.
    #[error(
        "this data file was written by a newer version of Mend (store version {found}); please update the app"
    )]
    NewerVersion {
        /// Version found in the file.
        found: i64,
    },
    /// A stored value has the wrong shape.
    #[error("stored value {key} is malformed")]
    Malformed {
        /// Which value.
        key: String,
    },
}
