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

/// Implements [`DocState`] for a struct whose fields are `Table<Record>`s.
macro_rules! table_state {
    ($state:ty { $($field:ident : $ty:ty),* $(,)? }) => {
        impl $crate::doc::DocState for $state {
            fn hydrate(doc: &$crate::doc::CrdtDoc) -> Result<Self, $crate::doc::DocError> {
                Ok(Self { $($field: doc.table()?,)* })
            }

            fn refresh(
                &mut self,
                doc: &$crate::doc::CrdtDoc,
                keys: &std::collections::BTreeSet<String>,
            ) -> Result<(), $crate::doc::DocError> {
                use $crate::doc::Record;
                for key in keys {
                    $(
                        if let Some(natural) = key.strip_prefix(<$ty>::PREFIX) {
                            self.$field.set(natural.to_string(), doc.get::<$ty>(natural)?);
                            continue;
                        }
                    )*
                }
                Ok(())
            }

            fn view_row(&self, key: &str) -> Result<Option<Vec<u8>>, $crate::doc::DocError> {
                use $crate::doc::Record;
                $(
                    if let Some(natural) = key.strip_prefix(<$ty>::PREFIX) {
                        return Ok(self.$field.get(natural).map(serde_json::to_vec).transpose()?);
                    }
                )*
                Ok(None)
            }

            fn view_rows(&self) -> Result<Vec<(String, Vec<u8>)>, $crate::doc::DocError> {
                use $crate::doc::Record;
                let mut rows = Vec::new();
                $(
                    for r in self.$field.iter() {
                        rows.push((r.doc_key(), serde_json::to_vec(r)?));
                    }
                )*
                Ok(rows)
            }

            fn from_view(rows: Vec<(String, Vec<u8>)>) -> Result<Self, $crate::doc::DocError> {
                use $crate::doc::Record;
                let mut state = Self::default();
                for (key, bytes) in rows {
                    $(
                        if let Some(natural) = key.strip_prefix(<$ty>::PREFIX) {
                            state.$field.set(natural.to_string(), Some(serde_json::from_slice(&bytes)?));
                            continue;
                        }
                    )*
                }
                Ok(state)
            }
        }
    };
}

pub(crate) use table_state;
