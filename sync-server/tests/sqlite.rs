//! The relay's whole suite against SQLite: in-process through the router and against the real binary.

#[path = "relay/mod.rs"]
mod relay;

/// The backend every test in this binary runs on.
const BACKEND: relay::util::Backend = relay::util::Backend::Sqlite;

#[path = "sqlite_only/secure_delete.rs"]
mod secure_delete;
