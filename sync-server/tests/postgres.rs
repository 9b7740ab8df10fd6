//! The relay's whole suite against PostgreSQL: one throwaway cluster for this test binary (from
//! Debian's server binaries, see `mend-test-postgres`) and a database of its own for every test.

#[path = "relay/mod.rs"]
mod relay;

/// The backend every test in this binary runs on.
const BACKEND: relay::util::Backend = relay::util::Backend::Postgres;

#[path = "postgres_only/processes.rs"]
mod processes;
