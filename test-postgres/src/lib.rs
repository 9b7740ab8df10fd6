//! A throwaway PostgreSQL cluster for the relay's tests and benchmarks: Debian's server binaries,
//! `initdb` in a temporary folder, the server on a free loopback port, run as the unprivileged
//! `postgres` user when the tests run as root, and stopped afterwards.
//!
//! One place for both test crates (`mend-sync-server`'s suites and `mend-tests`), so there is one
//! way to start, reach and stop a test database:
//!
//! - [`Cluster::shared`] is the one cluster of a test process, started on first use; it stops when
//!   the process exits (the server gets a signal from the kernel when its parent goes away, so not
//!   even a killed test run leaves one behind).
//! - [`Cluster::start`] is a cluster of your own, stopped when dropped (also on panic).
//! - [`Cluster::create_database`] gives every test its own empty database.

mod cluster;
mod database;
mod install;

pub use cluster::{Cluster, TEST_SETTINGS};
pub use database::Database;
pub use install::Install;

/// Why a cluster or database could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No PostgreSQL server binaries were found.
    #[error(
        "no PostgreSQL {min}+ server found under /usr/lib/postgresql/*/bin (install Debian's \
         `postgresql` package, or set MEND_TEST_PG_BIN to the folder holding initdb)",
        min = install::MIN_VERSION
    )]
    NotInstalled,
    /// The unprivileged user to run the server as does not exist.
    #[error("running as root, but there is no `postgres` user to run the server as")]
    NoPostgresUser,
    /// A helper program failed.
    #[error("{what} failed: {detail}")]
    Command {
        /// What was run.
        what: String,
        /// Its exit status and the end of its output.
        detail: String,
    },
    /// The server did not start accepting connections.
    #[error("the PostgreSQL server did not start: {0}")]
    NotReady(String),
    /// A file or process operation failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
