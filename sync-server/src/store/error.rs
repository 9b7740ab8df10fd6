//! Why a store operation did not happen: answers for the client first, then failures.

use crate::pairing::PairingError;

/// Why a store operation did not happen. The first group are answers for the client; the rest are failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Unknown room or wrong token: deliberately one case, so the relay is no existence oracle.
    #[error("unknown room or wrong token")]
    Unauthorized,
    /// The upload would take the room past its quota.
    #[error("the room's {quota}-byte quota would be exceeded")]
    QuotaExceeded {
        /// The quota in bytes.
        quota: u64,
    },
    /// A snapshot that covers no more than the current one.
    #[error("snapshot seq {seq} is not after the current snapshot seq {current}")]
    StaleSnapshot {
        /// The offered seq.
        seq: u64,
        /// The stored snapshot's seq.
        current: u64,
    },
    /// A snapshot seq of 0 or past the room's latest bundle.
    #[error("snapshot seq {seq} is not between 1 and the room's latest seq {latest}")]
    BadSnapshotSeq {
        /// The offered seq.
        seq: u64,
        /// The room's latest seq.
        latest: u64,
    },
    /// The cursor points into bundles a snapshot replaced.
    #[error("cursor {after} is behind the room's snapshot at seq {snapshot_seq}")]
    SnapshotRequired {
        /// The cursor asked for.
        after: u64,
        /// The room's snapshot seq.
        snapshot_seq: u64,
    },
    /// The cursor is past the end of the room (it was deleted and created again).
    #[error("cursor {after} is past the room's latest seq {latest}")]
    CursorAhead {
        /// The cursor asked for.
        after: u64,
        /// The room's latest seq.
        latest: u64,
    },
    /// The room has no snapshot.
    #[error("the room has no snapshot")]
    NoSnapshot,
    /// The relay's room count or total storage cap would be exceeded.
    #[error("the relay's room or storage cap would be exceeded")]
    RelayFull,
    /// The pairing mailbox refused.
    #[error(transparent)]
    Pairing(#[from] PairingError),
    /// The database cannot be reached right now (PostgreSQL down, no free connection in time).
    #[error("the database cannot be reached")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// SQLite failed.
    #[error("database error")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed.
    #[error("database error")]
    Postgres(#[from] tokio_postgres::Error),
    /// The database was written by a newer relay, whose schema this one does not know.
    #[error(
        "the database has schema version {found}, but this relay knows versions up to {known}: it was \
         written by a newer mend-sync-server; run that version (or newer) instead"
    )]
    SchemaTooNew {
        /// The version in the database.
        found: i64,
        /// The newest version this relay knows.
        known: i64,
    },
    /// The database settings cannot be used.
    #[error("{0}")]
    Config(String),
    /// Another job in the same batch failed, so the whole transaction was rolled back.
    #[error("the write batch was rolled back")]
    BatchFailed,
    /// The store has shut down.
    #[error("the store is closed")]
    Closed,
    /// A blocking database task panicked or was cancelled.
    #[error("a database task failed")]
    Task(#[from] tokio::task::JoinError),
    /// The database folder could not be created.
    #[error("cannot create the database folder")]
    Io(#[from] std::io::Error),
}
