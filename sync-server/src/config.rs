//! The relay's settings: where it keeps its database and the limits it enforces.

use mend_shared::protocol::DEFAULT_MAX_SNAPSHOT_BYTES;
use std::path::PathBuf;

/// Everything an operator can tune; [`Config::default`] is what `mend-sync-server` runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite database file (created if missing).
    pub db_path: PathBuf,
    /// Most bytes one room may hold: its bundles plus its snapshot.
    pub room_quota_bytes: u64,
    /// Largest snapshot upload, in bytes.
    pub max_snapshot_bytes: usize,
    /// Soft cap on one list answer's payload bytes (a page always holds at least one bundle).
    pub max_page_bytes: usize,
    /// Most long-polls (bundle and pairing waits) open at once; more get 503 `too_many_waiters`.
    pub max_waiters: usize,
    /// Requests per second one client (IP address, IPv6 /64) may sustain; 0 turns rate limiting off.
    pub rate_per_second: u32,
    /// Requests one client may burst above the sustained rate.
    pub rate_burst: u32,
    /// Take the client address from the last `X-Forwarded-For` hop (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// `synchronous=FULL` (fsync on every commit, survives power loss) instead of `NORMAL`
    /// (survives a killed process, may lose the last commits on power loss).
    pub fsync_every_commit: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db_path: PathBuf::from("mend-relay.sqlite"),
            room_quota_bytes: 256 << 20,
            max_snapshot_bytes: DEFAULT_MAX_SNAPSHOT_BYTES,
            max_page_bytes: 8 << 20,
            max_waiters: 10_000,
            rate_per_second: 50,
            rate_burst: 200,
            trust_forwarded_for: false,
            fsync_every_commit: true,
        }
    }
}
