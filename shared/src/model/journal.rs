//! Journal entries: shared with the partner, or private to this phone.

use super::{ModelError, TextField};
use crate::guide::StepId;
use crate::ids::{EntryId, PartnerId};
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// Who can read an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    /// In the couple's shared document: both partners read it.
    Shared,
    /// In this phone's private document: never synced to the partner or the relay; it leaves
    /// the phone only inside a backup the user exports themselves.
    Private,
}

/// A journal entry. Only its author may edit or delete it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct JournalEntry {
    /// Stable id.
    pub id: EntryId,
    /// Who wrote it.
    pub author: PartnerId,
    /// Optional title.
    pub title: String,
    /// The words.
    pub body: String,
    /// The guide step it was written for, if any.
    #[autosurgeon(with = "crate::doc::step_id_opt")]
    pub step: Option<StepId>,
    /// The guide prompt it answers, if any.
    pub prompt: Option<String>,
    /// When it was written.
    pub created_at: Stamp,
    /// When it last changed.
    pub updated_at: Stamp,
}

/// What the journal form submits, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalDraft {
    /// Optional title.
    pub title: String,
    /// The words.
    pub body: String,
    /// The guide step it belongs to, if any.
    pub step: Option<StepId>,
    /// The guide prompt it answers, if any (must exist in the guide).
    pub prompt: Option<String>,
}

impl JournalDraft {
    /// Check the draft; returns cleaned title and body.
    pub fn validate(&self) -> Result<(String, String), ModelError> {
        if let Some(p) = &self.prompt
            && crate::guide::prompt(p).is_none()
        {
            return Err(ModelError::UnknownPrompt(p.clone()));
        }
        Ok((TextField::JournalTitle.clean(&self.title)?, TextField::JournalBody.clean(&self.body)?))
    }
}

impl JournalEntry {
    /// Whether this entry matches the search `query`: every entry for a blank query, otherwise
    /// those whose title or words contain it, ignoring case and the spaces around it.
    pub fn matches_search(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || self.title.to_lowercase().contains(&query)
            || self.body.to_lowercase().contains(&query)
    }

    /// The entries matching `query`, newest first (by when they were written; ties by id, so
    /// the order is the same on both phones).
    pub fn search<'a>(
        entries: impl IntoIterator<Item = &'a JournalEntry>,
        query: &str,
    ) -> Vec<&'a JournalEntry> {
        let mut found: Vec<&JournalEntry> = entries.into_iter().filter(|e| e.matches_search(query)).collect();
        found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        found
    }
}
