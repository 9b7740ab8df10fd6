//! An ordered, typed view of one kind of record, keyed by natural key.

use super::Record;
use std::collections::BTreeMap;

/// All records of one kind, ordered by natural key (dates in keys sort chronologically).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<T> {
    rows: BTreeMap<String, T>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self { rows: BTreeMap::new() }
    }
}

impl<T: Record> Table<T> {
    /// The record with this natural key.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.rows.get(key)
    }

    /// Records in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.rows.values()
    }

    /// Records whose key starts with `prefix`, in key order.
    pub fn with_prefix<'a>(&'a self, prefix: &str) -> impl DoubleEndedIterator<Item = &'a T> + use<'a, T> {
        self.rows.range(prefix.to_string()..super::crdt::prefix_end(prefix)).map(|(_, v)| v)
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub(crate) fn upsert(&mut self, record: T) {
        self.rows.insert(record.natural_key(), record);
    }

    pub(crate) fn set(&mut self, key: String, record: Option<T>) {
        match record {
            Some(r) => self.rows.insert(key, r),
            None => self.rows.remove(&key),
        };
    }
}

impl<T: serde::Serialize> serde::Serialize for Table<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.rows.values())
    }
}
