//! The phone's SQLite file: documents as append-only chunks, a typed view of their records,
//! sync bookkeeping, and identity.
//!
//! Every edit is appended as one chunk inside a committed transaction before the app says
//! "saved" (WAL, `synchronous=FULL`); the same transaction updates the view rows of the records
//! it touched and the document heads the view reflects. The view lets a session show its state
//! without first loading the automerge document. Compaction replaces a document's chunks with
//! one full save in a single transaction. On open, chunks load in order; a damaged chunk (a torn
//! write) is moved aside and reported, so at most the edit in flight is lost and the rest loads.
//! Only the sync engine's bookkeeping, which a later sync redoes, commits without waiting for
//! the disk (see [`Store::begin_batch`]).

mod error;
mod schema;

pub use error::StoreError;

use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// Insert or replace one key/value entry.
const UPSERT_KV: &str =
    "INSERT INTO kv (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";

/// Which of the two documents a chunk belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// The couple's shared document.
    Shared,
    /// This phone's private document.
    Private,
}

impl DocKind {
    fn as_str(self) -> &'static str {
        match self {
            DocKind::Shared => "shared",
            DocKind::Private => "private",
        }
    }
}

/// One stored piece of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Row id; chunks load in this order.
    pub id: i64,
    /// automerge bytes (a full save or incremental changes).
    pub bytes: Vec<u8>,
}

/// One changed view row: its key and new stored form, or `None` when the record was deleted.
pub type RowChange = (String, Option<Vec<u8>>);

/// What one edit writes for one document: its new chunk, changed view rows and new heads.
#[derive(Debug, Clone, Copy)]
pub struct DocEdit<'a> {
    /// The document edited.
    pub doc: DocKind,
    /// Its new changes (may be empty).
    pub chunk: &'a [u8],
    /// The view rows the edit changed.
    pub rows: &'a [RowChange],
    /// The document heads the view reflects afterwards; `None` when the view is behind the
    /// document (rows still to be written), so that an open in between rebuilds it.
    pub heads: Option<&'a [u8]>,
}

fn view_heads_key(doc: DocKind) -> String {
    format!("view/{}/heads", doc.as_str())
}

/// The SQLite store behind a [`crate::session::Session`].
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (or create) the store at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Folder { path: dir.to_path_buf(), source: e })?;
        }
        Self::init(Connection::open(path)?)
    }

    /// A store that lives only in memory (tests and previews).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Before anything writes the first page (switching to WAL does): SQLite ignores this
        // setting on a file that has pages, and compaction needs it to give space back.
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&conn)?;
        Ok(Self { conn })
    }

    /// Every chunk of `doc`, in the order they were written.
    pub fn chunks(&self, doc: DocKind) -> Result<Vec<Chunk>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT id, bytes FROM chunks WHERE doc = ?1 ORDER BY id")?;
        let rows = stmt.query_map([doc.as_str()], |r| Ok(Chunk { id: r.get(0)?, bytes: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Number of chunks stored for `doc`.
    pub fn chunk_count(&self, doc: DocKind) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM chunks WHERE doc = ?1", [doc.as_str()], |r| r.get(0))?)
    }

    /// Durably append one chunk; returns its id once committed.
    pub fn append(&mut self, doc: DocKind, bytes: &[u8]) -> Result<i64, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("INSERT INTO chunks (doc, bytes) VALUES (?1, ?2)", params![doc.as_str(), bytes])?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Durably record edits of one or both documents (my part in the private document and its
    /// shared copy): each one's chunk (if any), the view rows it changed (`None` deletes a row)
    /// and the heads the view now reflects, with any key/value entries that belong with them (a
    /// new profile's identity), all in one transaction: all of it is saved, or none of it.
    pub fn commit_edits(
        &mut self,
        edits: &[DocEdit<'_>],
        values: &[(&str, &[u8])],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for DocEdit { doc, chunk, rows, heads } in edits {
            if !chunk.is_empty() {
                tx.execute("INSERT INTO chunks (doc, bytes) VALUES (?1, ?2)", params![doc.as_str(), chunk])?;
            }
            let mut upsert = tx.prepare_cached(
                "INSERT INTO records (doc, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT(doc, key) DO UPDATE SET value = excluded.value",
            )?;
            let mut delete = tx.prepare_cached("DELETE FROM records WHERE doc = ?1 AND key = ?2")?;
            for (key, value) in rows.iter() {
                match value {
                    Some(v) => upsert.execute(params![doc.as_str(), key, v])?,
                    None => delete.execute(params![doc.as_str(), key])?,
                };
            }
            match heads {
                Some(heads) => tx.execute(UPSERT_KV, params![view_heads_key(*doc), heads])?,
                None => tx.execute("DELETE FROM kv WHERE key = ?1", [view_heads_key(*doc)])?,
            };
        }
        for (key, value) in values {
            tx.execute(UPSERT_KV, params![key, value])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Replace the whole view of `doc` (after a rebuild from the document itself).
    pub fn rebuild_view(
        &mut self,
        doc: DocKind,
        rows: &[(String, Vec<u8>)],
        heads: &[u8],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM records WHERE doc = ?1", [doc.as_str()])?;
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO records (doc, key, value) VALUES (?1, ?2, ?3)")?;
            for (key, value) in rows {
                insert.execute(params![doc.as_str(), key, value])?;
            }
        }
        tx.execute(UPSERT_KV, params![view_heads_key(doc), heads])?;
        tx.commit()?;
        Ok(())
    }

    /// Every view row of `doc`, as stored.
    pub fn view_rows(&self, doc: DocKind) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT key, value FROM records WHERE doc = ?1")?;
        let rows = stmt.query_map([doc.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The document heads the view of `doc` reflects; `None` if there is no view yet.
    pub fn view_heads(&self, doc: DocKind) -> Result<Option<Vec<u8>>, StoreError> {
        self.value(&view_heads_key(doc))
    }

    /// Replace every chunk of `doc` with one full save, atomically.
    pub fn compact(&mut self, doc: DocKind, full_save: &[u8]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM chunks WHERE doc = ?1", [doc.as_str()])?;
        tx.execute("INSERT INTO chunks (doc, bytes) VALUES (?1, ?2)", params![doc.as_str(), full_save])?;
        tx.commit()?;
        // Return the pages the old chunks used to the file system. The pragma frees one page
        // per step, so it is stepped to the end rather than run once.
        let mut vacuum = self.conn.prepare("PRAGMA incremental_vacuum")?;
        let mut steps = vacuum.query([])?;
        while steps.next()?.is_some() {}
        Ok(())
    }

    /// Move a chunk that no longer loads out of the way, keeping its bytes for diagnosis.
    pub fn quarantine(&mut self, doc: DocKind, chunk_id: i64, reason: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO damaged_chunks (doc, original_id, bytes, reason)
             SELECT doc, id, bytes, ?3 FROM chunks WHERE doc = ?1 AND id = ?2",
            params![doc.as_str(), chunk_id, reason],
        )?;
        tx.execute("DELETE FROM chunks WHERE doc = ?1 AND id = ?2", params![doc.as_str(), chunk_id])?;
        tx.commit()?;
        Ok(())
    }

    /// How many chunks were ever set aside as damaged.
    pub fn damaged_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM damaged_chunks", [], |r| r.get(0))?)
    }

    /// A value from the small key/value table (identity, sync bookkeeping).
    pub fn value(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM kv WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Durably set a key/value entry.
    pub fn set_value(&mut self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.conn.execute(UPSERT_KV, params![key, value])?;
        Ok(())
    }

    /// Remove a key/value entry.
    pub fn delete_value(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM kv WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Remove every key/value entry whose key starts with `prefix`.
    pub fn delete_values_with_prefix(&mut self, prefix: &str) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM kv WHERE substr(key, 1, length(?1)) = ?1", [prefix])?;
        Ok(())
    }

    /// Delete every chunk and view row of `doc` (when a partner chooses not to keep the couple's
    /// copy after unpairing), writing `values` in the same transaction.
    pub fn erase(&mut self, doc: DocKind, values: &[(&str, &[u8])]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM chunks WHERE doc = ?1", [doc.as_str()])?;
        tx.execute("DELETE FROM records WHERE doc = ?1", [doc.as_str()])?;
        tx.execute("DELETE FROM kv WHERE key = ?1", [view_heads_key(doc)])?;
        for (key, value) in values {
            tx.execute(UPSERT_KV, params![key, value])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Start a transaction for bookkeeping that a later sync redoes if it is lost (see
    /// `Session::batch`); the writes after it join it until [`Self::end_batch`]. It commits
    /// without waiting for the disk (`synchronous=NORMAL` for this commit only): an app crash
    /// loses none of it, and a power cut at most this commit, never an earlier one. The WAL
    /// keeps commits in order and the next durable commit syncs this one down with it, so the
    /// document it follows is always on disk first.
    pub(crate) fn begin_batch(&mut self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let begun = self.conn.execute_batch("BEGIN IMMEDIATE");
        if begun.is_err() {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(begun?)
    }

    /// Commit the batch begun by [`Self::begin_batch`], or roll it back when `keep` is false.
    /// A commit that fails rolls back too, so no transaction is left open; either way, every
    /// commit after it waits for the disk again.
    pub(crate) fn end_batch(&mut self, keep: bool) -> Result<(), StoreError> {
        let ended = self.conn.execute_batch(if keep { "COMMIT" } else { "ROLLBACK" });
        if ended.is_err() && keep {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let durable_again = self.conn.pragma_update(None, "synchronous", "FULL");
        ended?;
        Ok(durable_again?)
    }

    /// The raw connection, for crash-simulation tests.
    #[doc(hidden)]
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synchronous(store: &Store) -> i64 {
        store.conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap()
    }

    #[test]
    fn only_a_bookkeeping_batch_commits_without_waiting_for_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("mend.sqlite")).unwrap();
        const FULL: i64 = 2;
        const NORMAL: i64 = 1;
        assert_eq!(synchronous(&store), FULL, "an edit waits for the disk");
        store.begin_batch().unwrap();
        assert_eq!(synchronous(&store), NORMAL);
        store.set_value("sync/cursor", b"7").unwrap();
        store.end_batch(true).unwrap();
        assert_eq!(synchronous(&store), FULL, "and again after a batch kept");
        assert_eq!(store.value("sync/cursor").unwrap().as_deref(), Some(&b"7"[..]));
        store.begin_batch().unwrap();
        store.set_value("sync/cursor", b"8").unwrap();
        store.end_batch(false).unwrap();
        assert_eq!(synchronous(&store), FULL, "and after one rolled back");
        assert_eq!(store.value("sync/cursor").unwrap().as_deref(), Some(&b"7"[..]));
    }
}
