//! The PostgreSQL backend, for any number of relay processes sharing one database: everything the
//! relay keeps (rooms, token hashes, bundles, snapshots, totals for the caps, the pairing mailbox)
//! lives in the database, and each operation is one round trip — a statement or one of the
//! functions in `v1.sql`, where the rules that must hold across processes live (the room's row
//! lock orders appends; a bundle is acknowledged only after its transaction commits).
//!
//! Built on tokio-postgres (the maintained async driver of the rust-postgres project: pipelined
//! queries, LISTEN/NOTIFY through its connection's message stream) and deadpool-postgres (a small
//! pool with per-connection prepared-statement caches).

mod appender;
mod mailbox;
mod schema;
mod signals;

use super::tokens::VerifiedTokens;
use super::{
    Appended, Gauges, RoomCreated, RoomState, Snapshot, Storage, StoreError, StoreOptions, StoreStats, Swept,
    TokenHash,
};
use crate::hub::{Hub, Topic};
use crate::pairing::SlotRead;
use appender::{Appender, Outcome};
use axum::body::Bytes;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use mend_shared::protocol::{Bundle, BundleId, BundlePage, Nameplate, PairingSlot, RoomId};
use signals::{Signal, Signals};
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio_postgres::NoTls;
use tokio_postgres::config::SslMode;

/// How long a request waits for a free connection before it is answered 503.
const POOL_WAIT: Duration = Duration::from_secs(10);

/// Rooms deleted per expiry statement.
const EXPIRE_BATCH: i32 = 256;

/// Writer tasks storing append batches at once, per process (each holds a pooled connection while
/// its batch commits). Two: one batch commits while the next forms; more only split the queue
/// into smaller batches that wait on each other's room locks.
const WRITERS: usize = 1;

/// The relay's PostgreSQL database.
#[derive(Debug)]
pub struct PgStore {
    pool: Pool,
    appender: Appender,
    options: StoreOptions,
    tokens: Arc<VerifiedTokens>,
    stats: Arc<StoreStats>,
    hub: Arc<Hub>,
    signals: Signals,
    /// Keys the stored form of client addresses (per-client nameplate cap).
    client_salt: Vec<u8>,
    closed: AtomicBool,
}

impl PgStore {
    /// Connect to `url`, bring the schema up to date, and start listening for other processes' changes.
    pub async fn connect(
        url: &str,
        pool_size: usize,
        options: StoreOptions,
        hub: Arc<Hub>,
    ) -> Result<PgStore, StoreError> {
        let mut config: tokio_postgres::Config =
            url.parse().map_err(|e| StoreError::Config(format!("the database URL cannot be read: {e}")))?;
        if config.get_ssl_mode() == SslMode::Require {
            return Err(StoreError::Config(
                "sslmode=require: this relay speaks to PostgreSQL without TLS; reach it over loopback, a \
                 Unix socket or a private network"
                    .into(),
            ));
        }
        // The relay's statements run with their parameters' values unknown to the plan: planning
        // them again for each call (PostgreSQL's first tries with a new prepared statement) costs
        // more than the generic plan could lose.
        let given = config.get_options().unwrap_or_default().to_owned();
        if !given.contains("plan_cache_mode") {
            config.options(format!("{given} -c plan_cache_mode=force_generic_plan").trim());
        }
        // Named per process, so an operator can tell relay processes apart in pg_stat_activity.
        let named = config.get_application_name().is_some();
        if !named {
            config.application_name(format!("mend-relay {}", std::process::id()));
        }
        let (mut client, connection) = config.connect(NoTls).await.map_err(unavailable)?;
        let driver = tokio::spawn(connection);
        let migrated = schema::migrate(&mut client).await;
        drop(client);
        let _ = driver.await;
        let client_salt = migrated?;

        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig { recycling_method: RecyclingMethod::Fast },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|e| StoreError::Config(format!("the connection pool cannot be built: {e}")))?;
        let tokens = Arc::new(VerifiedTokens::default());
        let mut listener = config;
        if !named {
            listener.application_name(format!("mend-relay listener {}", std::process::id()));
        }
        let signals = Signals::start(listener, Arc::clone(&hub), Arc::clone(&tokens));
        let limits = appender::Limits {
            quota: i64::try_from(options.room_quota_bytes).unwrap_or(i64::MAX),
            cap: i64::try_from(options.max_stored_bytes).unwrap_or(i64::MAX),
            touch_ms: i64::try_from(options.touch_every().as_millis()).unwrap_or(i64::MAX),
        };
        let stats = Arc::new(StoreStats::default());
        let appender = Appender::start(pool.clone(), WRITERS.min(pool_size), limits, Arc::clone(&stats));
        Ok(PgStore {
            pool,
            appender,
            options,
            tokens,
            stats,
            hub,
            signals,
            client_salt,
            closed: AtomicBool::new(false),
        })
    }

    async fn conn(&self) -> Result<Object, StoreError> {
        if self.closed.load(Ordering::Relaxed) {
            return Err(StoreError::Closed);
        }
        self.pool.get().await.map_err(|e| StoreError::Unavailable(Box::new(e)))
    }

    /// Run one prepared statement on a pooled connection and return its single row.
    async fn one(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<tokio_postgres::Row, StoreError> {
        let client = self.conn().await?;
        let statement = client.prepare_cached(sql).await.map_err(classify)?;
        client.query_one(&statement, params).await.map_err(classify)
    }

    /// Like [`PgStore::one`], for a statement that may find nothing.
    async fn maybe(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<Option<tokio_postgres::Row>, StoreError> {
        let client = self.conn().await?;
        let statement = client.prepare_cached(sql).await.map_err(classify)?;
        client.query_opt(&statement, params).await.map_err(classify)
    }

    /// A room changed: wake this process's waiters now and tell the other processes.
    fn changed(&self, signal: Signal) {
        match signal {
            Signal::Room(room) | Signal::RoomDeleted(room) => self.hub.notify(&Topic::Room(room)),
            Signal::Nameplate(n) => self.hub.notify(&Topic::Nameplate(n)),
        }
        self.signals.announce(signal);
    }

    /// Note that a read used the room once its last use is older than
    /// [`StoreOptions::touch_every`]; in the background, so the read is not held up.
    fn touch(&self, key: i64, idle_ms: i64) {
        if idle_ms < self.options.touch_every().as_millis() as i64 {
            return;
        }
        let pool = self.pool.clone();
        tokio::spawn(async move {
            if let Ok(client) = pool.get().await {
                let sql = "UPDATE rooms SET active_at = mend_now_ms() WHERE key = $1";
                if let Err(error) = client.execute(sql, &[&key]).await {
                    tracing::debug!(%error, "noting a room's use failed");
                }
            }
        });
    }

    fn quota(&self) -> i64 {
        i64::try_from(self.options.room_quota_bytes).unwrap_or(i64::MAX)
    }

    fn storage_cap(&self) -> i64 {
        i64::try_from(self.options.max_stored_bytes).unwrap_or(i64::MAX)
    }
}

/// A failure reaching the database (it is down, or the connection broke) is `Unavailable`;
/// anything else is a database error.
fn classify(error: tokio_postgres::Error) -> StoreError {
    if error.is_closed() { unavailable(error) } else { StoreError::Postgres(error) }
}

fn unavailable(error: tokio_postgres::Error) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

fn seq(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait::async_trait]
impl Storage for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn check_token(&self, room: RoomId, token: TokenHash) -> Result<RoomState, StoreError> {
        let row = self
            .maybe(
                "SELECT latest_seq, snapshot_seq, key, mend_now_ms() - active_at FROM rooms
                 WHERE id = $1 AND token_hash = $2",
                &[&room.as_bytes().as_slice(), &token.as_bytes().as_slice()],
            )
            .await?
            .ok_or(StoreError::Unauthorized)?;
        self.touch(row.get(2), row.get(3));
        Ok(RoomState { latest_seq: seq(row.get(0)), snapshot_seq: seq(row.get(1)) })
    }

    async fn check_upload_token(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError> {
        if self.tokens.matches(&room, &token) {
            return Ok(());
        }
        let deletions = self.tokens.deletions();
        self.maybe(
            "SELECT 1 FROM rooms WHERE id = $1 AND token_hash = $2",
            &[&room.as_bytes().as_slice(), &token.as_bytes().as_slice()],
        )
        .await?
        .ok_or(StoreError::Unauthorized)?;
        self.tokens.remember_read(room, token, deletions);
        Ok(())
    }

    async fn create_room(&self, room: RoomId, token: TokenHash) -> Result<RoomCreated, StoreError> {
        let max_rooms = signed(self.options.max_rooms);
        let row = self
            .one(
                "SELECT mend_create_room($1, $2, $3)",
                &[&room.as_bytes().as_slice(), &token.as_bytes().as_slice(), &max_rooms],
            )
            .await?;
        let created = match row.get::<_, &str>(0) {
            "created" => RoomCreated::New,
            "existed" => RoomCreated::AlreadyExisted,
            "full" => {
                tracing::warn!("room cap reached; refusing a new room (raise --max-rooms)");
                return Err(StoreError::RelayFull);
            }
            _ => return Err(StoreError::Unauthorized),
        };
        self.tokens.committed(&[(room, token)], &[]);
        Ok(created)
    }

    async fn delete_room(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError> {
        let row = self
            .one(
                "SELECT mend_delete_room($1, $2)",
                &[&room.as_bytes().as_slice(), &token.as_bytes().as_slice()],
            )
            .await?;
        if row.get::<_, &str>(0) != "deleted" {
            return Err(StoreError::Unauthorized);
        }
        // Before the deletion is answered: no upload check passes from memory any more.
        self.tokens.committed(&[], &[room]);
        self.changed(Signal::RoomDeleted(room));
        Ok(())
    }

    async fn append(
        &self,
        room: RoomId,
        token: TokenHash,
        id: BundleId,
        bytes: Bytes,
    ) -> Result<Appended, StoreError> {
        let len = bytes.len() as u64;
        match self.appender.append(room, token, id, bytes).await? {
            Outcome::Stored(seq) => {
                StoreStats::add(&self.stats.bundles_stored, 1);
                StoreStats::add(&self.stats.bundle_bytes_stored, len);
                self.changed(Signal::Room(room));
                Ok(Appended { seq, duplicate: false })
            }
            Outcome::Duplicate(seq) => {
                StoreStats::add(&self.stats.duplicate_bundles, 1);
                Ok(Appended { seq, duplicate: true })
            }
            Outcome::Quota => Err(StoreError::QuotaExceeded { quota: self.options.room_quota_bytes }),
            Outcome::Full => {
                tracing::warn!("storage cap reached; refusing an upload (raise --max-stored-bytes)");
                Err(StoreError::RelayFull)
            }
            Outcome::Unauthorized => Err(StoreError::Unauthorized),
        }
    }

    async fn put_snapshot(
        &self,
        room: RoomId,
        token: TokenHash,
        seq_covered: u64,
        bytes: Bytes,
    ) -> Result<u64, StoreError> {
        let row = self
            .one(
                "SELECT outcome, o_latest, o_snapshot FROM mend_put_snapshot($1, $2, $3, $4, $5, $6)",
                &[
                    &room.as_bytes().as_slice(),
                    &token.as_bytes().as_slice(),
                    &signed(seq_covered),
                    &bytes.as_ref(),
                    &self.quota(),
                    &self.storage_cap(),
                ],
            )
            .await?;
        let (latest, current) = (seq(row.get(1)), seq(row.get(2)));
        match row.get::<_, &str>(0) {
            "stored" => {
                StoreStats::add(&self.stats.write_batches, 1);
                StoreStats::add(&self.stats.write_jobs, 1);
                StoreStats::add(&self.stats.snapshots_stored, 1);
                self.changed(Signal::Room(room));
                Ok(seq_covered)
            }
            "bad_seq" => Err(StoreError::BadSnapshotSeq { seq: seq_covered, latest }),
            "stale" => Err(StoreError::StaleSnapshot { seq: seq_covered, current }),
            "quota" => Err(StoreError::QuotaExceeded { quota: self.options.room_quota_bytes }),
            "full" => Err(StoreError::RelayFull),
            _ => Err(StoreError::Unauthorized),
        }
    }

    async fn list(
        &self,
        room: RoomId,
        token: TokenHash,
        after: u64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<BundlePage, StoreError> {
        // One statement, so the room's row and its bundles come from one snapshot: a snapshot
        // committed in between can never make bundles vanish from under the cursor.
        let client = self.conn().await?;
        let statement = client
            .prepare_cached(
                "SELECT r.latest_seq, r.snapshot_seq, r.key, mend_now_ms() - r.active_at, b.seq, b.id, b.bytes
                 FROM rooms r
                 LEFT JOIN LATERAL (
                     SELECT w.seq, w.id, w.bytes FROM (
                         SELECT seq, id, bytes, sum(length(bytes)) OVER (ORDER BY seq) - length(bytes) AS before
                         FROM bundles
                         WHERE room = r.key AND seq > $3 AND $3 >= r.snapshot_seq
                         ORDER BY seq LIMIT $4
                     ) w WHERE w.before < $5
                 ) b ON true
                 WHERE r.id = $1 AND r.token_hash = $2",
            )
            .await
            .map_err(classify)?;
        let rows = client
            .query(
                &statement,
                &[
                    &room.as_bytes().as_slice(),
                    &token.as_bytes().as_slice(),
                    &signed(after),
                    &i64::from(limit),
                    &i64::try_from(max_bytes.max(1)).unwrap_or(i64::MAX),
                ],
            )
            .await
            .map_err(classify)?;
        drop(client);
        let first = rows.first().ok_or(StoreError::Unauthorized)?;
        let (latest_seq, snapshot_seq) = (seq(first.get(0)), seq(first.get(1)));
        self.touch(first.get(2), first.get(3));
        if after < snapshot_seq {
            return Err(StoreError::SnapshotRequired { after, snapshot_seq });
        }
        if after > latest_seq {
            return Err(StoreError::CursorAhead { after, latest: latest_seq });
        }
        let mut bundles = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(at) = row.get::<_, Option<i64>>(4) else { continue };
            let id: &[u8] = row.get(5);
            let id = BundleId::from_bytes(
                id.try_into().map_err(|_| StoreError::Config("a stored bundle id is not 32 bytes".into()))?,
            );
            bundles.push(Bundle { seq: seq(at), id, bytes: row.get(6) });
        }
        // In seq order (sorting here spares the database a sort node per read).
        bundles.sort_unstable_by_key(|b| b.seq);
        Ok(BundlePage { latest_seq, snapshot_seq, bundles })
    }

    async fn snapshot(&self, room: RoomId, token: TokenHash) -> Result<Snapshot, StoreError> {
        let row = self
            .maybe(
                "SELECT s.seq, s.bytes, r.key, mend_now_ms() - r.active_at
                 FROM rooms r LEFT JOIN snapshots s ON s.room = r.key
                 WHERE r.id = $1 AND r.token_hash = $2",
                &[&room.as_bytes().as_slice(), &token.as_bytes().as_slice()],
            )
            .await?
            .ok_or(StoreError::Unauthorized)?;
        self.touch(row.get(2), row.get(3));
        let covered: Option<i64> = row.get(0);
        let covered = covered.ok_or(StoreError::NoSnapshot)?;
        Ok(Snapshot { seq: seq(covered), bytes: row.get(1) })
    }

    async fn allocate_nameplate(&self, client: IpAddr) -> Result<Nameplate, StoreError> {
        mailbox::allocate(self, client).await
    }

    async fn check_slot_writable(&self, nameplate: Nameplate, slot: PairingSlot) -> Result<(), StoreError> {
        mailbox::check_writable(self, nameplate, slot).await
    }

    async fn write_slot(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        message: Bytes,
    ) -> Result<(), StoreError> {
        mailbox::write(self, nameplate, slot, message).await
    }

    async fn read_slot(&self, nameplate: Nameplate, slot: PairingSlot) -> Result<SlotRead, StoreError> {
        mailbox::read(self, nameplate, slot).await
    }

    async fn close_nameplate(&self, nameplate: Nameplate) -> Result<(), StoreError> {
        mailbox::close(self, nameplate).await
    }

    async fn sweep(&self) -> Result<Swept, StoreError> {
        mailbox::sweep(self).await?;
        let mut swept = Swept::default();
        let Some(expiry) = self.options.room_idle_expiry else { return Ok(swept) };
        let idle_ms = i64::try_from(expiry.as_millis()).unwrap_or(i64::MAX);
        loop {
            let client = self.conn().await?;
            let rows = client
                .query("SELECT mend_expire_rooms($1, $2)", &[&idle_ms, &EXPIRE_BATCH])
                .await
                .map_err(classify)?;
            drop(client);
            for row in &rows {
                let id: &[u8] = row.get(0);
                if let Ok(id) = <[u8; 32]>::try_from(id) {
                    let room = RoomId::from_bytes(id);
                    self.tokens.committed(&[], &[room]);
                    self.changed(Signal::RoomDeleted(room));
                }
            }
            swept.rooms_expired += rows.len() as u64;
            StoreStats::add(&self.stats.rooms_expired, rows.len() as u64);
            if !rows.is_empty() {
                tracing::info!(rooms = rows.len(), "deleted rooms idle past --room-idle-expiry-days");
            }
            if rows.len() < EXPIRE_BATCH as usize {
                return Ok(swept);
            }
        }
    }

    async fn gauges(&self) -> Result<Gauges, StoreError> {
        let row = self
            .one(
                "SELECT coalesce(sum(rooms), 0)::bigint, coalesce(sum(bytes), 0)::bigint,
                        (SELECT count(*) FROM nameplates WHERE state = 'open' AND expires_at > now())
                 FROM usage",
                &[],
            )
            .await?;
        Ok(Gauges { rooms: seq(row.get(0)), stored_bytes: seq(row.get(1)), nameplates_open: seq(row.get(2)) })
    }

    async fn healthy(&self) -> bool {
        if self.closed.load(Ordering::Relaxed) {
            return false;
        }
        let probe = async { self.conn().await.ok()?.simple_query("").await.ok() };
        tokio::time::timeout(Duration::from_secs(2), probe).await.ok().flatten().is_some()
    }

    fn stats(&self) -> &StoreStats {
        &self.stats
    }

    async fn close(&self) -> Result<(), StoreError> {
        self.closed.store(true, Ordering::Relaxed);
        self.signals.stop().await;
        self.pool.close();
        Ok(())
    }
}
