//! What a typed state must do to stay in step with its document and with the SQLite view.

use super::{CrdtDoc, DocError};
use std::collections::BTreeSet;

/// A typed view of a document, which can also be saved to and restored from per-record rows
/// (the SQLite view that makes opening a session fast without loading the document).
pub trait DocState: Sized + Default {
    /// Read everything from the document.
    fn hydrate(doc: &CrdtDoc) -> Result<Self, DocError>;

    /// Re-read the records at these root keys from the document.
    fn refresh(&mut self, doc: &CrdtDoc, keys: &BTreeSet<String>) -> Result<(), DocError>;

    /// The stored form of the record at `key` (`None` if it no longer exists).
    fn view_row(&self, key: &str) -> Result<Option<Vec<u8>>, DocError>;

    /// Every record in its stored form.
    fn view_rows(&self) -> Result<Vec<(String, Vec<u8>)>, DocError>;

    /// Rebuild the typed state from stored rows.
    fn from_view(rows: Vec<(String, Vec<u8>)>) -> Result<Self, DocError>;
}

/// Gives a state struct private methods over its `Table<Record>` fields: read, store and
/// restore the record at a root key when one of those tables holds it.
macro_rules! record_tables {
    ($state:ty { $($field:ident : $ty:ty),* $(,)? }) => {
        /// One record re-read from the document (`None`: it is gone), on its way to its table.
        #[allow(non_camel_case_types)]
        enum FreshRecord {
            $( $field(String, Option<$ty>), )*
        }

        impl $state {
            /// Read every table whose field is not named in `skip` from the document; a large
            /// one's tables side by side, on threads of their own (each record costs automerge a
            /// seek of its own).
            pub(crate) fn hydrate_records(
                &mut self,
                doc: &$crate::doc::CrdtDoc,
                skip: &[&str],
            ) -> Result<(), $crate::doc::DocError> {
                if doc.root_len() < $crate::doc::state::TABLES_SIDE_BY_SIDE_FROM {
                    $( if !skip.contains(&stringify!($field)) { self.$field = doc.table()?; } )*
                    return Ok(());
                }
                std::thread::scope(|scope| {
                    $( let $field = (!skip.contains(&stringify!($field))).then(|| scope.spawn(|| doc.table::<$ty>())); )*
                    $(
                        if let Some(read) = $field {
                            self.$field = read.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
                        }
                    )*
                    Ok(())
                })
            }

            /// Re-read the records at `keys` (those no table holds are left alone). A long list
            /// is read on two threads side by side, each record costing automerge a seek of its
            /// own, then taken in.
            fn refresh_records(
                &mut self,
                doc: &$crate::doc::CrdtDoc,
                keys: &std::collections::BTreeSet<String>,
            ) -> Result<(), $crate::doc::DocError> {
                let keys: Vec<&String> = keys.iter().collect();
                let read = |keys: &[&String]| -> Result<Vec<FreshRecord>, $crate::doc::DocError> {
                    keys.iter().filter_map(|key| Self::read_record(doc, key).transpose()).collect()
                };
                let fresh = if keys.len() < $crate::doc::state::REFRESH_SIDE_BY_SIDE_FROM {
                    read(&keys)?
                } else {
                    let (first, second) = keys.split_at(keys.len() / 2);
                    std::thread::scope(|scope| {
                        let other = scope.spawn(|| read(second));
                        let mut fresh = read(first)?;
                        fresh.extend(other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?);
                        Ok::<_, $crate::doc::DocError>(fresh)
                    })?
                };
                for record in fresh {
                    match record {
                        $( FreshRecord::$field(key, record) => self.$field.set(key, record), )*
                    }
                }
                Ok(())
            }

            /// The record at root key `key` as the document holds it now; `None` if no table
            /// holds that key.
            fn read_record(
                doc: &$crate::doc::CrdtDoc,
                key: &str,
            ) -> Result<Option<FreshRecord>, $crate::doc::DocError> {
                use $crate::doc::Record;
                $(
                    if let Some(natural) = key.strip_prefix(<$ty>::PREFIX) {
                        return Ok(Some(FreshRecord::$field(natural.to_string(), doc.get::<$ty>(natural)?)));
                    }
                )*
                Ok(None)
            }

            /// The stored form of the record at `key`; `None` if no table holds that key.
            fn record_row(&self, key: &str) -> Option<Result<Option<Vec<u8>>, $crate::doc::DocError>> {
                use $crate::doc::Record;
                $(
                    if let Some(natural) = key.strip_prefix(<$ty>::PREFIX) {
                        return Some(self.$field.get(natural).map(serde_json::to_vec).transpose().map_err(Into::into));
                    }
                )*
                None
            }

            /// Every record of every table in its stored form.
            fn push_record_rows(&self, rows: &mut Vec<(String, Vec<u8>)>) -> Result<(), $crate::doc::DocError> {
                use $crate::doc::Record;
                $(
                    for r in self.$field.iter() {
                        rows.push((r.doc_key(), serde_json::to_vec(r)?));
                    }
                )*
                Ok(())
            }

            /// Put back one stored record; `false` if no table holds that key.
            fn restore_record(&mut self, key: &str, bytes: &[u8]) -> Result<bool, $crate::doc::DocError> {
                use $crate::doc::Record;
                $(
                    if let Some(natural) = key.strip_prefix(<$ty>::PREFIX) {
                        self.$field.set(natural.to_string(), Some(serde_json::from_slice(bytes)?));
                        return Ok(true);
                    }
                )*
                Ok(false)
            }
        }
    };
}

/// Implements [`DocState`] for a struct whose fields are all `Table<Record>`s.
macro_rules! table_state {
    ($state:ty { $($field:ident : $ty:ty),* $(,)? }) => {
        $crate::doc::state::record_tables!($state { $($field: $ty),* });

        impl $crate::doc::DocState for $state {
            fn hydrate(doc: &$crate::doc::CrdtDoc) -> Result<Self, $crate::doc::DocError> {
                let mut state = Self::default();
                state.hydrate_records(doc, &[])?;
                Ok(state)
            }

            fn refresh(
                &mut self,
                doc: &$crate::doc::CrdtDoc,
                keys: &std::collections::BTreeSet<String>,
            ) -> Result<(), $crate::doc::DocError> {
                if $crate::doc::state::most_of(doc, keys) {
                    *self = Self::hydrate(doc)?;
                    return Ok(());
                }
                self.refresh_records(doc, keys)
            }

            fn view_row(&self, key: &str) -> Result<Option<Vec<u8>>, $crate::doc::DocError> {
                self.record_row(key).unwrap_or(Ok(None))
            }

            fn view_rows(&self) -> Result<Vec<(String, Vec<u8>)>, $crate::doc::DocError> {
                let mut rows = Vec::new();
                self.push_record_rows(&mut rows)?;
                Ok(rows)
            }

            fn from_view(rows: Vec<(String, Vec<u8>)>) -> Result<Self, $crate::doc::DocError> {
                let mut state = Self::default();
                for (key, bytes) in rows {
                    state.restore_record(&key, &bytes)?;
                }
                Ok(state)
            }
        }
    };
}

/// Root keys from which a document's tables are read on threads of their own: below it, starting
/// the threads costs more than they save.
pub(crate) const TABLES_SIDE_BY_SIDE_FROM: usize = 2_000;

/// Records re-read at once from which they are read on two threads: below it, starting the
/// thread costs more than it saves (a record read takes tens of microseconds on three years).
pub(crate) const REFRESH_SIDE_BY_SIDE_FROM: usize = 64;

/// Whether `keys` are most of the document's root keys (a first sync): then one pass over each
/// table reads them all faster than a lookup per key.
pub(crate) fn most_of(doc: &CrdtDoc, keys: &BTreeSet<String>) -> bool {
    const FEW: usize = 512;
    keys.len() > FEW && keys.len() * 2 > doc.root_len()
}

pub(crate) use record_tables;
pub(crate) use table_state;
