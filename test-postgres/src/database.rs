//! One database of a test cluster: its URL for the relay, and `psql` for looking inside it.

use crate::{Error, Install};
use std::process::{Command, Stdio};

/// A database in a [`crate::Cluster`]; it lives as long as the cluster.
#[derive(Debug, Clone)]
pub struct Database {
    install: Install,
    port: u16,
    name: String,
}

impl Database {
    pub(crate) fn new(install: Install, port: u16, name: String) -> Database {
        Database { install, port, name }
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `postgres://` URL a relay connects with.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{}", self.port, self.name)
    }

    /// The result of one query, unaligned and without headers (`|` between columns, a line per row).
    pub fn query(&self, sql: &str) -> Result<String, Error> {
        psql(&self.install, self.port, &self.name, sql)
    }

    /// Run statements whose output does not matter.
    pub fn execute(&self, sql: &str) -> Result<(), Error> {
        self.query(sql).map(drop)
    }
}

/// `psql` as the `postgres` role over loopback, stopping at the first error.
pub(crate) fn psql(install: &Install, port: u16, db: &str, sql: &str) -> Result<String, Error> {
    let output = Command::new(install.program("psql"))
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres"])
        .args(["-p", &port.to_string(), "-d", db, "-c", sql])
        .env("PGCONNECT_TIMEOUT", "10")
        .stdin(Stdio::null())
        .output()?;
    crate::cluster::checked("psql", output)
}
