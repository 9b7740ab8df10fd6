//! The relay's storage interface: rooms, sealed bundles and snapshots, and the pairing mailbox,
//! behind one trait with two implementations — SQLite in one file for a single relay process
//! ([`sqlite`]), and PostgreSQL for any number of relay processes sharing one database
//! ([`postgres`]). Routes, limits, metrics and errors only ever see [`Storage`].
//!
//! Either backend wakes long-polls through the [`Hub`](crate::hub::Hub) it is given: SQLite's
//! writer after each commit, PostgreSQL's listener when any relay process commits.

mod error;
pub mod postgres;
pub mod sqlite;
mod tokens;

pub use error::StoreError;

use crate::config::Config;
use crate::hub::Hub;
use crate::pairing::SlotRead;
use axum::body::Bytes;
use mend_shared::protocol::{BundleId, BundlePage, Nameplate, PairingSlot, RelayToken, RoomId};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A room's outcome of `PUT /v1/rooms/{room}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomCreated {
    /// The room did not exist and now does.
    New,
    /// The room already existed with this token.
    AlreadyExisted,
}

/// Where an uploaded bundle landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// Its sequence number (the original one for a duplicate).
    pub seq: u64,
    /// Whether the id was already stored and nothing new was written.
    pub duplicate: bool,
}

/// A room's sealed snapshot.
#[derive(Clone)]
pub struct Snapshot {
    /// The seq it covers.
    pub seq: u64,
    /// The sealed bytes.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("seq", &self.seq).field("len", &self.bytes.len()).finish()
    }
}

/// A room's position, as seen by a token check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomState {
    /// The newest bundle's seq.
    pub latest_seq: u64,
    /// The seq the room's snapshot covers (0 without one).
    pub snapshot_seq: u64,
}

/// What the whole relay holds right now, for `/metrics`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gauges {
    /// Rooms that exist.
    pub rooms: u64,
    /// Bytes held in bundles and snapshots.
    pub stored_bytes: u64,
    /// Pairing nameplates open.
    pub nameplates_open: u64,
}

/// What this process did since it started, for `/metrics`.
#[derive(Debug, Default)]
pub struct StoreStats {
    /// Bundles stored.
    pub bundles_stored: AtomicU64,
    /// Payload bytes of those bundles.
    pub bundle_bytes_stored: AtomicU64,
    /// Uploads answered as duplicates.
    pub duplicate_bundles: AtomicU64,
    /// Snapshots stored.
    pub snapshots_stored: AtomicU64,
    /// Write transactions committed (SQLite's writer groups many writes into one).
    pub write_batches: AtomicU64,
    /// Writes in those transactions.
    pub write_jobs: AtomicU64,
    /// Rooms deleted for having been idle past `--room-idle-expiry-days`.
    pub rooms_expired: AtomicU64,
}

impl StoreStats {
    /// Add `n` to a counter.
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    /// A counter's value.
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}

/// The caps every write is checked against, from [`Config`].
#[derive(Debug, Clone, Copy)]
pub struct StoreOptions {
    /// Most bytes one room may hold.
    pub room_quota_bytes: u64,
    /// Most rooms (0 = no cap).
    pub max_rooms: u64,
    /// Most bytes in all rooms together (0 = no cap).
    pub max_stored_bytes: u64,
    /// SQLite: fsync on every commit (`synchronous=FULL`) rather than only at checkpoints.
    pub fsync_every_commit: bool,
    /// Open nameplates one client may hold (0 = no cap).
    pub max_nameplates_per_client: u64,
    /// How long a nameplate lives, and how long its number stays unused after.
    pub nameplate_ttl: Duration,
    /// Rooms nobody used for this long are deleted (`None`: never).
    pub room_idle_expiry: Option<Duration>,
}

impl StoreOptions {
    /// The options in `config`.
    pub fn of(config: &Config) -> StoreOptions {
        StoreOptions {
            room_quota_bytes: config.room_quota_bytes,
            max_rooms: config.max_rooms,
            max_stored_bytes: config.max_stored_bytes,
            fsync_every_commit: config.fsync_every_commit,
            max_nameplates_per_client: config.max_nameplates_per_client,
            nameplate_ttl: config.nameplate_ttl,
            room_idle_expiry: config.room_idle_expiry,
        }
    }

    /// How stale a room's last-use time may get before a read writes it again: reads would
    /// otherwise each cost a write, and idle expiry only needs a coarse time.
    pub fn touch_every(&self) -> Duration {
        let day = Duration::from_secs(86_400);
        self.room_idle_expiry.map_or(day, |expiry| (expiry / 8).clamp(Duration::from_millis(100), day))
    }
}

/// What one upkeep pass removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Rooms deleted for having been idle too long.
    pub rooms_expired: u64,
}

/// Everything the relay keeps. Every write is durable before it returns `Ok`; every method that
/// takes a token refuses an unknown room and a wrong token with the same [`StoreError::Unauthorized`].
#[async_trait::async_trait]
pub trait Storage: Send + Sync + std::fmt::Debug + 'static {
    /// `"sqlite"` or `"postgres"`, for logs.
    fn backend(&self) -> &'static str;

    /// Check `token` against the room; its position if it matches.
    async fn check_token(&self, room: RoomId, token: TokenHash) -> Result<RoomState, StoreError>;

    /// Check `token` before an append reads its body; may answer from memory when this token was
    /// seen to match before (the append itself checks again).
    async fn check_upload_token(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError>;

    /// Create a room owned by `token`, or confirm it exists with that token.
    async fn create_room(&self, room: RoomId, token: TokenHash) -> Result<RoomCreated, StoreError>;

    /// Delete a room with its bundles and snapshot; its long-polls are woken (and find it gone).
    async fn delete_room(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError>;

    /// Store a sealed bundle under its id; returns only after it is committed. The same id again
    /// is answered with the original seq and stores nothing.
    async fn append(
        &self,
        room: RoomId,
        token: TokenHash,
        id: BundleId,
        bytes: Bytes,
    ) -> Result<Appended, StoreError>;

    /// Store a snapshot covering seq ≤ `seq` and drop the bundles it covers, in one transaction.
    async fn put_snapshot(
        &self,
        room: RoomId,
        token: TokenHash,
        seq: u64,
        bytes: Bytes,
    ) -> Result<u64, StoreError>;

    /// Bundles after `after`, at most `limit` of them and about `max_bytes` of payload (at least one).
    async fn list(
        &self,
        room: RoomId,
        token: TokenHash,
        after: u64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<BundlePage, StoreError>;

    /// The room's snapshot.
    async fn snapshot(&self, room: RoomId, token: TokenHash) -> Result<Snapshot, StoreError>;

    /// Open a mailbox under a fresh nameplate for `client` (an address key, see [`client_key`]).
    async fn allocate_nameplate(&self, client: IpAddr) -> Result<Nameplate, StoreError>;

    /// Whether a write to the slot would be taken, so a refused write never costs its body.
    async fn check_slot_writable(&self, nameplate: Nameplate, slot: PairingSlot) -> Result<(), StoreError>;

    /// Write a slot once; its waiters are woken.
    async fn write_slot(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        message: Bytes,
    ) -> Result<(), StoreError>;

    /// Read a slot without waiting. A nameplate closed or completed while in quarantine answers
    /// [`crate::pairing::PairingError::Closed`]; one never allocated or expired, [`crate::pairing::PairingError::Unknown`].
    async fn read_slot(&self, nameplate: Nameplate, slot: PairingSlot) -> Result<SlotRead, StoreError>;

    /// Close a nameplate for good; its waiters are woken.
    async fn close_nameplate(&self, nameplate: Nameplate) -> Result<(), StoreError>;

    /// Upkeep: drop expired nameplates, and delete rooms idle past [`StoreOptions::room_idle_expiry`].
    async fn sweep(&self) -> Result<Swept, StoreError>;

    /// What the relay holds.
    async fn gauges(&self) -> Result<Gauges, StoreError>;

    /// Whether the store can take writes right now.
    async fn healthy(&self) -> bool;

    /// This process's counters.
    fn stats(&self) -> &StoreStats;

    /// Finish queued writes and close. Later calls fail with [`StoreError::Closed`].
    async fn close(&self) -> Result<(), StoreError>;
}

/// Open the store `config` names — PostgreSQL when `database_url` is set, else the SQLite file —
/// bringing its schema up to date.
pub async fn open(config: &Config, hub: Arc<Hub>) -> Result<Arc<dyn Storage>, StoreError> {
    let options = StoreOptions::of(config);
    Ok(match &config.database_url {
        Some(url) => {
            Arc::new(postgres::PgStore::connect(url, config.database_pool_size, options, hub).await?)
        }
        None => Arc::new(sqlite::SqliteStore::open(&config.db_path, options, hub)?),
    })
}

/// SHA-256 of a room's bearer token.
#[derive(Clone, Copy)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// Wrap a hash.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        TokenHash(bytes)
    }

    /// The hash bytes, for storing.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHash(<redacted>)")
    }
}

impl TokenHash {
    /// The SHA-256 of a bearer token: the only form of it the relay handles past the request edge.
    pub fn of(token: &RelayToken) -> TokenHash {
        TokenHash::from_bytes(Sha256::digest(token.as_bytes()).into())
    }
}

/// Now, in milliseconds since the Unix epoch: the unit of a room's last use.
pub(crate) fn unix_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}
