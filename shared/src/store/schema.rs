//! The store's tables and their migrations, tracked by SQLite's `user_version`.

use super::StoreError;
use rusqlite::Connection;

const VERSION: i64 = 2;

pub(super) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::NewerVersion { found });
    }
    if found < 1 {
        conn.execute_batch(
            "BEGIN;
             CREATE TABLE IF NOT EXISTS chunks (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 doc TEXT NOT NULL CHECK (doc IN ('shared', 'private')),
                 bytes BLOB NOT NULL
             );
             CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks (doc, id);
             CREATE TABLE IF NOT EXISTS damaged_chunks (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 doc TEXT NOT NULL,
                 original_id INTEGER NOT NULL,
                 bytes BLOB NOT NULL,
                 reason TEXT NOT NULL,
                 found_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
             );
             CREATE TABLE IF NOT EXISTS records (
                 doc TEXT NOT NULL,
                 key TEXT NOT NULL,
                 value BLOB NOT NULL,
                 PRIMARY KEY (doc, key)
             );
             CREATE TABLE IF NOT EXISTS kv (
                 key TEXT PRIMARY KEY,
                 value BLOB NOT NULL
             );
             PRAGMA user_version = 1;
             COMMIT;",
        )?;
    }
    if found < 2 {
        // Files made before version 2 switched to WAL first, which made SQLite ignore
        // `auto_vacuum`; turning it on for an existing file takes one VACUUM.
        let mode: i64 = conn.pragma_query_value(None, "auto_vacuum", |r| r.get(0))?;
        if mode != 2 {
            conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
            conn.execute_batch("VACUUM;")?;
        }
        conn.pragma_update(None, "user_version", VERSION)?;
    }
    Ok(())
}
