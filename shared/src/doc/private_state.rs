//! This phone's private document as typed state: private journal, my part, the Today
//! suggestions I set aside, and settings. Never synced.

use super::{CrdtDoc, DocError, DocState, Table};
use crate::model::{DismissedSuggestion, JournalEntry, PartChoice};
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
    /// My part, once chosen (one record, at [`PartChoice::KEY`]).
    pub part: Table<PartChoice>,
    /// Today suggestions set aside, keyed by suggestion id.
    pub dismissed: Table<DismissedSuggestion>,
    /// Settings by document key.
    pub settings: BTreeMap<String, String>,
}

impl PrivateState {
    /// A setting's value, if set.
    pub fn setting(&self, setting: Setting) -> Option<&str> {
        self.settings.get(setting.key()).map(String::as_str)
    }

    /// My part and whether I share it, once chosen.
    pub fn part_choice(&self) -> Option<&PartChoice> {
        self.part.get(PartChoice::KEY)
    }

    /// Whether I set this Today suggestion aside.
    pub fn dismissed(&self, suggestion: &str) -> bool {
        self.dismissed.get(suggestion).is_some()
    }
}

super::state::record_tables!(PrivateState {
    journal: JournalEntry,
    part: PartChoice,
    dismissed: DismissedSuggestion
});

impl DocState for PrivateState {
    fn hydrate(doc: &CrdtDoc) -> Result<Self, DocError> {
        let mut state = Self::default();
        state.hydrate_records(doc, &[])?;
        for key in doc.keys_with_prefix(SETTING_PREFIX) {
            if let Some(v) = doc.get_str(&key)? {
                state.settings.insert(key, v);
            }
        }
        Ok(state)
    }

    fn refresh(&mut self, doc: &CrdtDoc, keys: &BTreeSet<String>) -> Result<(), DocError> {
        self.refresh_records(doc, keys)?;
        // No record's key starts like a setting's.
        for key in keys.iter().filter(|key| key.starts_with(SETTING_PREFIX)) {
            match doc.get_str(key)? {
                Some(v) => self.settings.insert(key.clone(), v),
                None => self.settings.remove(key),
            };
        }
        Ok(())
    }

    fn view_row(&self, key: &str) -> Result<Option<Vec<u8>>, DocError> {
        if let Some(row) = self.record_row(key) {
            return row;
        }
        Ok(self.settings.get(key).map(serde_json::to_vec).transpose()?)
    }

    fn view_rows(&self) -> Result<Vec<(String, Vec<u8>)>, DocError> {
        let mut rows = Vec::new();
        self.push_record_rows(&mut rows)?;
        for (k, v) in &self.settings {
            rows.push((k.clone(), serde_json::to_vec(v)?));
        }
        Ok(rows)
    }

    fn from_view(rows: Vec<(String, Vec<u8>)>) -> Result<Self, DocError> {
        let mut state = Self::default();
        for (key, bytes) in rows {
            if !state.restore_record(&key, &bytes)? && key.starts_with(SETTING_PREFIX) {
                state.settings.insert(key, serde_json::from_slice(&bytes)?);
            }
        }
        Ok(state)
    }
}
