//! Journal entries: add, edit and delete my own, in the shared or the private document.

use super::{Session, SessionError};
use crate::doc::Record;
use crate::ids::EntryId;
use crate::model::{JournalDraft, JournalEntry, ModelError, Visibility};

impl Session {
    /// Write a new journal entry.
    pub fn add_journal_entry(
        &mut self,
        visibility: Visibility,
        draft: JournalDraft,
    ) -> Result<JournalEntry, SessionError> {
        let me = self.require_me()?;
        let (title, body) = draft.validate()?;
        let now = self.now();
        let entry = JournalEntry {
            id: EntryId::random(),
            author: me,
            title,
            body,
            step: draft.step,
            prompt: draft.prompt,
            created_at: now,
            updated_at: now,
        };
        self.write_entry(visibility, &entry)?;
        Ok(entry)
    }

    /// Change one of my journal entries.
    pub fn edit_journal_entry(
        &mut self,
        visibility: Visibility,
        id: &EntryId,
        draft: JournalDraft,
    ) -> Result<JournalEntry, SessionError> {
        let mut entry = self.own_entry(visibility, id)?;
        let (title, body) = draft.validate()?;
        entry.title = title;
        entry.body = body;
        entry.step = draft.step;
        entry.prompt = draft.prompt;
        entry.updated_at = self.now();
        self.write_entry(visibility, &entry)?;
        Ok(entry)
    }

    /// Delete one of my journal entries.
    pub fn delete_journal_entry(&mut self, visibility: Visibility, id: &EntryId) -> Result<(), SessionError> {
        let entry = self.own_entry(visibility, id)?;
        let key = entry.natural_key();
        match visibility {
            Visibility::Shared => self.edit_shared(|doc| {
                doc.delete::<JournalEntry>(&key)?;
                Ok(vec![entry.doc_key()])
            }),
            Visibility::Private => self.edit_private(|doc| {
                doc.delete::<JournalEntry>(&key)?;
                Ok(vec![entry.doc_key()])
            }),
        }
    }

    fn write_entry(&mut self, visibility: Visibility, entry: &JournalEntry) -> Result<(), SessionError> {
        match visibility {
            Visibility::Shared => self.edit_shared(|doc| {
                doc.put(entry)?;
                Ok(vec![entry.doc_key()])
            }),
            Visibility::Private => self.edit_private(|doc| {
                doc.put(entry)?;
                Ok(vec![entry.doc_key()])
            }),
        }
    }

    fn own_entry(&mut self, visibility: Visibility, id: &EntryId) -> Result<JournalEntry, SessionError> {
        let me = self.require_me()?;
        self.settle_history()?;
        let table = match visibility {
            Visibility::Shared => &self.shared_state.journal,
            Visibility::Private => &self.private_state.journal,
        };
        let entry = table
            .get(id.as_str())
            .cloned()
            .ok_or_else(|| ModelError::UnknownRecord { what: "journal entry", id: id.to_string() })?;
        if entry.author != me {
            return Err(ModelError::NotYourWords {
                what: "journal entry",
                owner: self.shared_state.name_of(&entry.author),
            }
            .into());
        }
        Ok(entry)
    }
}
