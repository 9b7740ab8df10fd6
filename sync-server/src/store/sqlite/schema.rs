//! Opening the database: connection settings for the writer and the readers, and the schema.

use crate::store::StoreError;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// The schema; `PRAGMA user_version` records which of these steps have run.
const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE rooms (
        key          INTEGER PRIMARY KEY,
        id           BLOB    NOT NULL UNIQUE CHECK (length(id) = 32),
        token_hash   BLOB    NOT NULL CHECK (length(token_hash) = 32),
        latest_seq   INTEGER NOT NULL DEFAULT 0,
        snapshot_seq INTEGER NOT NULL DEFAULT 0,
        used_bytes   INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL
    );
    -- Rows go in arrival order (rowid), so payload pages are only ever appended; the small
    -- (room, seq) index serves listing. Clustering rows by room instead was measured to write
    -- 1.8x more pages per append: big rows inserted mid-tree keep splitting leaves.
    CREATE TABLE bundles (
        room  INTEGER NOT NULL,
        seq   INTEGER NOT NULL,
        id    BLOB    NOT NULL,
        bytes BLOB    NOT NULL,
        PRIMARY KEY (room, seq)
    );
    -- Every id a room ever stored, kept when a snapshot drops the bundle, so a late re-upload is still a duplicate.
    CREATE TABLE bundle_ids (
        room INTEGER NOT NULL,
        id   BLOB    NOT NULL,
        seq  INTEGER NOT NULL,
        PRIMARY KEY (room, id)
    ) WITHOUT ROWID;
    CREATE TABLE snapshots (
        room  INTEGER PRIMARY KEY,
        seq   INTEGER NOT NULL,
        bytes BLOB    NOT NULL
    );
"#,
    r#"
    -- When each room was last used (milliseconds since the Unix epoch), for idle expiry; rooms
    -- that predate it count as used now.
    ALTER TABLE rooms ADD COLUMN active_at INTEGER NOT NULL DEFAULT 0;
    UPDATE rooms SET active_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
    CREATE INDEX rooms_by_activity ON rooms (active_at);
"#,
];

/// The writer's connection: WAL, the chosen fsync policy, schema brought up to date.
pub(super) fn open_writer(path: &Path, fsync_every_commit: bool) -> Result<Connection, StoreError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(%mode, "SQLite refused WAL mode; writes will block reads");
    }
    conn.pragma_update(None, "synchronous", if fsync_every_commit { "FULL" } else { "NORMAL" })?;
    // Keep the page cache small (2 MiB): every commit ends with a scan of the whole cache, which
    // cost more than a big cache saved (measured: 5% of the relay's CPU at 32 MiB).
    conn.pragma_update(None, "cache_size", -2_000)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Deleted content is overwritten with zeros, in the file and in its free pages, so a deleted
    // room's bytes leave the file (the checkpoint thread also empties the log after deletions).
    conn.pragma_update(None, "secure_delete", "ON")?;
    // The checkpoint thread folds the log in; the writer never stops to do it.
    // No journal_size_limit either: truncating a large log on restart was measured to stall the
    // writer for 260 ms; the log is reused in place instead and truncated once at shutdown.
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    conn.set_prepared_statement_cache_capacity(32);
    keep_plans(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// A read-only connection for the pool.
pub(super) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // Another connection's commit empties this cache before the next read anyway.
    conn.pragma_update(None, "cache_size", -2_000)?;
    conn.set_prepared_statement_cache_capacity(16);
    keep_plans(&conn)?;
    Ok(conn)
}

/// Keep each cached statement's query plan. Without this, the bundled SQLite (built with STAT4)
/// compiles a range query such as `seq > ?` again whenever the bound value changes, which was 5%
/// of the relay's CPU under load; the plans here don't depend on the values.
fn keep_plans(conn: &Connection) -> Result<(), StoreError> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATIONS.len() {
        return Err(StoreError::SchemaTooNew { found: version as i64, known: MIGRATIONS.len() as i64 });
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step + 1)?;
        tx.commit()?;
        tracing::info!(version = step + 1, "database schema migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_and_the_readers_keep_their_query_plans() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relay.sqlite");
        let writer = open_writer(&path, false).unwrap();
        let reader = open_reader(&path).unwrap();
        for conn in [&writer, &reader] {
            assert!(conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
        }
    }
}
