//! This phone's private document as typed state: private journal and settings. Never synced.

use super::{CrdtDoc, DocError, DocState, Table};
use crate::doc::Record;
use crate::model::JournalEntry;
use std::collections::{BTreeMap, BTreeSet};

/// A named setting kept in the private document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Setting {
    /// The relay's base URL.
    RelayUrl,
    /// The colour scheme: "system", "light" or "dark".
    Theme,
    /// The daily reminder (see [`crate::reminder::ReminderSettings`]).
    Reminder,
}

const SETTING_PREFIX: &str = "setting/";

impl Setting {
    /// The setting's document key.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Setting::RelayUrl => "setting/relay-url",
            Setting::Theme => "setting/theme",
            Setting::Reminder => "setting/reminder",
        }
    }
}

/// Everything that stays on this phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PrivateState {
    /// Private journal entries keyed by id.
    pub journal: Table<JournalEntry>,
    /// Settings by document key.
    pub settings: BTreeMap<String, String>,
}

impl PrivateState {
    /// A setting's value, if set.
    pub fn setting(&self, setting: Setting) -> Option<&str> {
        self.settings.get(setting.key()).map(String::as_str)
    }
}

impl DocState for PrivateState {
    fn hydrate(doc: &CrdtDoc) -> Result<Self, DocError> {
        let mut settings = BTreeMap::new();
        for key in doc.keys_with_prefix(SETTING_PREFIX) {
            if let Some(v) = doc.get_str(&key)? {
                settings.insert(key, v);
            }
        }
        Ok(Self { journal: doc.table()?, settings })
    }

    fn refresh(&mut self, doc: &CrdtDoc, keys: &BTreeSet<String>) -> Result<(), DocError> {
        for key in keys {
            if let Some(natural) = key.strip_prefix(JournalEntry::PREFIX) {
                self.journal.set(natural.to_string(), doc.get::<JournalEntry>(natural)?);
            } else if key.starts_with(SETTING_PREFIX) {
                match doc.get_str(key)? {
                    Some(v) => self.settings.insert(key.clone(), v),
                    None => self.settings.remove(key),
                };
            }
        }
        Ok(())
    }

    fn view_row(&self, key: &str) -> Result<Option<Vec<u8>>, DocError> {
        if let Some(natural) = key.strip_prefix(JournalEntry::PREFIX) {
            return Ok(self.journal.get(natural).map(serde_json::to_vec).transpose()?);
        }
        Ok(self.settings.get(key).map(serde_json::to_vec).transpose()?)
    }

    fn view_rows(&self) -> Result<Vec<(String, Vec<u8>)>, DocError> {
        let mut rows = Vec::new();
        for e in self.journal.iter() {
            rows.push((e.doc_key(), serde_json::to_vec(e)?));
        }
        for (k, v) in &self.settings {
            rows.push((k.clone(), serde_json::to_vec(v)?));
        }
        Ok(rows)
    }

    fn from_view(rows: Vec<(String, Vec<u8>)>) -> Result<Self, DocError> {
        let mut state = Self::default();
        for (key, bytes) in rows {
            if let Some(natural) = key.strip_prefix(JournalEntry::PREFIX) {
                state.journal.set(natural.to_string(), Some(serde_json::from_slice(&bytes)?));
            } else if key.starts_with(SETTING_PREFIX) {
                state.settings.insert(key, serde_json::from_slice(&bytes)?);
            }
        }
        Ok(state)
    }
}
