//! The relay's settings: where it keeps its data and the limits it enforces.

use mend_shared::protocol::{DEFAULT_MAX_SNAPSHOT_BYTES, MAX_BUNDLE_BYTES, NAMEPLATE_TTL_SECS};
use std::path::PathBuf;
use std::time::Duration;

/// Everything an operator can tune; [`Config::default`] is what `mend-sync-server` runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite database file (created if missing), unless `database_url` is set.
    pub db_path: PathBuf,
    /// A `postgres://` URL: keep everything in that PostgreSQL database instead of `db_path`, so
    /// several relay processes can share it.
    pub database_url: Option<String>,
    /// PostgreSQL connections this process keeps open (besides one for wake-ups).
    pub database_pool_size: usize,
    /// Most bytes one room may hold: its bundles plus its snapshot.
    pub room_quota_bytes: u64,
    /// Most rooms the relay holds; creating one more answers 507 `relay_full`. 0 means no cap.
    pub max_rooms: u64,
    /// Most bytes all rooms together may hold; an upload past it answers 507 `relay_full`.
    /// 0 means no cap (then only `max_rooms × room_quota_bytes` bounds the database).
    pub max_stored_bytes: u64,
    /// Largest snapshot upload, in bytes.
    pub max_snapshot_bytes: usize,
    /// Most upload bytes (bundles, snapshots, pairing messages) held in memory at once across the
    /// relay, from the first byte read until the write is committed; past it uploads answer 503
    /// `busy`. Never less than the largest single upload. Bytes count as they arrive, so a slow
    /// upload holds only what it has sent.
    pub max_upload_bytes_in_flight: usize,
    /// Most of that budget one client (IP address, IPv6 /64) may hold; never less than the largest
    /// single upload.
    pub max_upload_bytes_per_client: usize,
    /// Most of that budget the uploads into one room (or one pairing nameplate) may hold; never
    /// less than the largest single upload.
    pub max_upload_bytes_per_room: usize,
    /// After a short grace, an upload's body must keep arriving at this many bytes per second on
    /// average, or it is answered 408 and its bytes are let go (0 = no minimum).
    pub min_upload_bytes_per_sec: u64,
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
    /// Most connections open at once; past it, the connection idle the longest is closed to make
    /// room (0: derived from the process's file-descriptor limit).
    pub max_connections: usize,
    /// Most connections one peer address (IPv6: /64) may hold open; more are answered 503 and
    /// closed (0 = no cap). Not applied with `trust_forwarded_for`, where every peer is the proxy.
    pub max_connections_per_client: usize,
    /// Most pairing nameplates one client may hold open at once (0 = no cap).
    pub max_nameplates_per_client: u64,
    /// Rooms nobody has used (no upload, read or long-poll) for this long are deleted with
    /// everything in them (`None`: rooms never expire).
    pub room_idle_expiry: Option<Duration>,
    /// `synchronous=FULL` (fsync on every commit, survives power loss) instead of `NORMAL`
    /// (survives a killed process, may lose the last commits on power loss).
    pub fsync_every_commit: bool,
    /// Longest a client may take to send a request's headers, and again its body; an idle
    /// keep-alive connection is closed after it too.
    pub request_timeout: Duration,
    /// After a shutdown signal, how long requests in flight may still finish before the
    /// remaining connections are dropped.
    pub shutdown_timeout: Duration,
    /// How long a pairing nameplate lives (the protocol's ten minutes; shorter only in tests).
    pub nameplate_ttl: Duration,
}

impl Config {
    /// The largest single upload the relay takes.
    pub fn largest_upload(&self) -> usize {
        self.max_snapshot_bytes.max(MAX_BUNDLE_BYTES)
    }

    /// The upload budget actually used: the configured one, raised to fit the largest single upload.
    pub fn upload_budget(&self) -> usize {
        self.max_upload_bytes_in_flight.max(self.largest_upload())
    }

    /// The per-client share actually used, raised to fit the largest single upload.
    pub fn upload_budget_per_client(&self) -> usize {
        self.max_upload_bytes_per_client.max(self.largest_upload())
    }

    /// The per-room share actually used, raised to fit the largest single upload.
    pub fn upload_budget_per_room(&self) -> usize {
        self.max_upload_bytes_per_room.max(self.largest_upload())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db_path: PathBuf::from("mend-relay.sqlite"),
            database_url: None,
            database_pool_size: 16,
            room_quota_bytes: 256 << 20,
            max_rooms: 1_000_000,
            max_stored_bytes: 0,
            max_snapshot_bytes: DEFAULT_MAX_SNAPSHOT_BYTES,
            max_upload_bytes_in_flight: 64 << 20,
            max_upload_bytes_per_client: 16 << 20,
            max_upload_bytes_per_room: 16 << 20,
            min_upload_bytes_per_sec: 4096,
            max_page_bytes: 8 << 20,
            max_waiters: 10_000,
            rate_per_second: 50,
            rate_burst: 200,
            trust_forwarded_for: false,
            max_connections: 0,
            max_connections_per_client: 64,
            max_nameplates_per_client: 8,
            room_idle_expiry: None,
            fsync_every_commit: true,
            request_timeout: Duration::from_secs(30),
            shutdown_timeout: Duration::from_secs(30),
            nameplate_ttl: Duration::from_secs(NAMEPLATE_TTL_SECS),
        }
    }
}
