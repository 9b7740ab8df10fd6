//! The one type the app and the sync engine hold: an open store with typed state and every
//! operation a partner can perform.
//!
//! Each operation validates its input, writes the records into the right document, commits, and
//! appends the change to SQLite before returning; on any error nothing is saved and the typed
//! state is unchanged. Only a record's author may change their own words.
//!
//! ```
//! use mend_shared::session::Session;
//! use mend_shared::model::CheckInDraft;
//! use mend_shared::time::{Day, ManualClock};
//! use std::sync::Arc;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 2));
//! let path = dir.path().join("mend.sqlite");
//! let mut s = Session::open_with_clock(&path, clock.clone()).unwrap();
//! s.create_profile("Ana").unwrap();
//! s.save_checkin(CheckInDraft { mood: 4, trust: 6, feel: "hopeful".into(), ..Default::default() }).unwrap();
//! drop(s);
//!
//! let s = Session::open_with_clock(&path, clock).unwrap();
//! let me = s.me().unwrap().id.clone();
//! assert_eq!(s.shared().checkin(s.today(), &me).unwrap().feel, "hopeful");
//! ```

mod apologies;
mod checkins;
mod error;
mod exercises;
mod guide;
mod history;
mod journal;
mod open;
mod part;
mod profile;
mod promises;
mod questions;
mod reminder;
mod sample;
mod slot;

pub use error::SessionError;
pub use exercises::{NoteWithAcks, PartnerView, RootCauseReveal, TalkWeek, TalkWithReply};
pub use history::{HistoryJob, ReadHistory};
pub use open::LoadReport;
pub use questions::QuestionWithAnswer;
pub use reminder::PlannedReminder;
pub use sample::SampleSpec;

use crate::doc::{ChangeSet, CrdtDoc, DocError, DocState, Incoming, PrivateState, SharedState, most_of};
use crate::ids::PartnerId;
use crate::model::{ModelError, Partner};
use crate::secrets::SecretStore;
use crate::store::{DocEdit, DocKind, RowChange, Store};
use crate::time::{Clock, Day, Stamp};
use slot::{DocSlot, encode_heads};
use std::collections::BTreeSet;
use std::sync::Arc;

/// More chunks than this are compacted into one full save once the documents have loaded.
pub const COMPACT_AFTER_CHUNKS: u64 = 256;

/// An edit or merge that changes more records than this stores its view rows later (see
/// [`Session::write_owed_view`]): a month apart changes a few hundred records, a first sync of
/// three years over 13,000, whose rows (60–85 ms here) need not hold up the first screen.
const ROWS_WITH_AN_EDIT: usize = 1_000;

/// An open Mend data file: both documents, their typed state, and the local identity.
#[derive(Debug)]
pub struct Session {
    store: Store,
    clock: Arc<dyn Clock>,
    shared: DocSlot,
    private: DocSlot,
    shared_state: SharedState,
    private_state: PrivateState,
    me: Option<PartnerId>,
    actor: Vec<u8>,
    report: LoadReport,
    path: Option<std::path::PathBuf>,
    secrets: Arc<dyn SecretStore>,
}

impl Session {
    /// The typed shared state (both partners' records).
    pub fn shared(&self) -> &SharedState {
        &self.shared_state
    }

    /// The typed private state (this phone only).
    pub fn private(&self) -> &PrivateState {
        &self.private_state
    }

    /// This phone's partner profile, once onboarding is done.
    pub fn me(&self) -> Option<&Partner> {
        self.me.as_ref().and_then(|id| self.shared_state.partners.get(id.as_str()))
    }

    /// This phone's partner id, once onboarding is done.
    pub fn my_id(&self) -> Option<&PartnerId> {
        self.me.as_ref()
    }

    /// The other partner, once paired and synced.
    pub fn partner(&self) -> Option<&Partner> {
        self.me.as_ref().and_then(|me| self.shared_state.partner_of(me))
    }

    /// Today on this phone's clock.
    pub fn today(&self) -> Day {
        self.clock.today()
    }

    /// Now on this phone's clock.
    pub fn now(&self) -> Stamp {
        self.clock.stamp()
    }

    /// The clock this session reads.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// This device's id: the automerge actor of every change it makes, and the sender it seals as.
    pub fn device_id(&self) -> [u8; 16] {
        let mut id = [0u8; 16];
        id.copy_from_slice(&self.actor[..16]);
        id
    }

    /// Where the data file lives (`None` for an in-memory session).
    pub fn data_path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// Where this phone keeps its secrets (pair secret, app lock): never in the data file.
    pub fn secrets(&self) -> &Arc<dyn SecretStore> {
        &self.secrets
    }

    /// The store, read-only.
    pub fn store_ref(&self) -> &Store {
        &self.store
    }

    /// The store, for the sync engine's bookkeeping.
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Run `writes` to the data file's key/value entries as one transaction; if they fail, none
    /// is kept. Only for sync bookkeeping that a later sync redoes if a power cut loses it (the
    /// cursor, what the relay holds, resend requests): the transaction does not wait for the
    /// disk (see [`Store::begin_batch`]). They must not edit a document (that is a transaction
    /// of its own, which does).
    pub(crate) fn batch<T, E: From<SessionError>>(
        &mut self,
        writes: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<T, E> {
        self.store.begin_batch().map_err(SessionError::from)?;
        let result = writes(self);
        // The writes' own error says more than a failed rollback after it.
        let ended = self.store.end_batch(result.is_ok());
        let value = result?;
        ended.map_err(SessionError::from)?;
        Ok(value)
    }

    /// The shared automerge document (loaded if needed), for the sync engine.
    pub fn shared_doc(&mut self) -> Result<&mut CrdtDoc, SessionError> {
        Ok(&mut self.loaded(DocKind::Shared)?.doc)
    }

    /// Merge remote changes into the shared document, refresh typed state, and persist both. If
    /// they are refused (damaged bytes, or written by a newer Mend), nothing of them is kept.
    /// Changes that bring most of a long history are read into the typed state recent days
    /// first: the older ones follow through [`Self::history_job`] (the sync engine's round) or
    /// the first edit that looks one up.
    pub fn apply_shared_changes(&mut self, bytes: &[u8]) -> Result<ChangeSet, SessionError> {
        self.apply_changes(DocKind::Shared, Incoming::parse(bytes))
    }

    /// [`Self::apply_shared_changes`] for changes already parsed and checked (a pull's bundles).
    pub fn apply_shared_incoming(&mut self, incoming: Incoming<'_>) -> Result<ChangeSet, SessionError> {
        self.apply_changes(DocKind::Shared, incoming)
    }

    /// The private automerge document (loaded if needed), for backups. It never leaves the phone
    /// otherwise.
    pub(crate) fn private_doc(&mut self) -> Result<&mut CrdtDoc, SessionError> {
        Ok(&mut self.loaded(DocKind::Private)?.doc)
    }

    /// Merge changes (a backup's save) into the private document, refresh typed state, and persist.
    pub(crate) fn apply_private_changes(&mut self, bytes: &[u8]) -> Result<ChangeSet, SessionError> {
        self.apply_changes(DocKind::Private, Incoming::parse(bytes))
    }

    /// Merge changes into one document. automerge cannot take back changes it has merged, so a
    /// refusal (found only after merging, such as a newer schema) reloads the document from disk:
    /// otherwise the refused changes would ride along with the next local edit.
    fn apply_changes(&mut self, kind: DocKind, incoming: Incoming<'_>) -> Result<ChangeSet, SessionError> {
        let bytes = incoming.bytes();
        let loaded = self.loaded(kind)?;
        let before = loaded.doc.heads();
        // When everything before this merge is already stored, the bytes that arrived are the
        // chunk to store (duplicates in them load harmlessly): re-encoding "everything since
        // the stored heads" would cost in proportion to the whole document.
        let in_step = before == loaded.persisted;
        match loaded.doc.apply_incoming(incoming) {
            Ok(changes) => {
                let moved = self.loaded(kind)?.doc.heads() != before;
                let chunk = match (in_step, moved) {
                    (true, true) => Chunk::These(bytes),
                    (true, false) => Chunk::These(&[]),
                    (false, _) => Chunk::SincePersisted,
                };
                self.after_edits(&[(kind, &changes.keys, chunk)], &[])?;
                Ok(changes)
            }
            Err(refused) => {
                self.reload(kind)?;
                Err(refused.into())
            }
        }
    }

    /// Replace the stored chunks of both documents with one full save each.
    pub fn compact(&mut self) -> Result<(), SessionError> {
        for kind in [DocKind::Shared, DocKind::Private] {
            let loaded = self.loaded(kind)?;
            let bytes = loaded.doc.save();
            let heads = loaded.doc.heads();
            self.store.compact(kind, &bytes)?;
            self.loaded(kind)?.persisted = heads;
        }
        Ok(())
    }

    /// My id, or the error that tells the app to finish onboarding first.
    fn require_me(&self) -> Result<PartnerId, SessionError> {
        self.me.clone().ok_or(SessionError::Invalid(ModelError::NoProfile))
    }

    /// Run `edit` against the shared document as one change: commit, refresh the keys it reports,
    /// persist. On any error the pending edit is rolled back and nothing is saved.
    fn edit_shared(
        &mut self,
        edit: impl FnOnce(&mut CrdtDoc) -> Result<Vec<String>, DocError>,
    ) -> Result<(), SessionError> {
        self.edit(DocKind::Shared, edit)
    }

    /// Like [`Self::edit_shared`], for the private document.
    fn edit_private(
        &mut self,
        edit: impl FnOnce(&mut CrdtDoc) -> Result<Vec<String>, DocError>,
    ) -> Result<(), SessionError> {
        self.edit(DocKind::Private, edit)
    }

    fn edit(
        &mut self,
        kind: DocKind,
        edit: impl FnOnce(&mut CrdtDoc) -> Result<Vec<String>, DocError>,
    ) -> Result<(), SessionError> {
        self.edit_with(kind, edit, &[])
    }

    /// Like [`Self::edit`], also writing `values` to the key/value table in the same transaction,
    /// for state that must never be saved without the edit (or the edit without it).
    fn edit_with(
        &mut self,
        kind: DocKind,
        edit: impl FnOnce(&mut CrdtDoc) -> Result<Vec<String>, DocError>,
        values: &[(&str, &[u8])],
    ) -> Result<(), SessionError> {
        let clock = self.clock.clone();
        let doc = &mut self.loaded(kind)?.doc;
        let keys = match edit(doc) {
            Ok(keys) => keys,
            Err(e) => {
                doc.automerge().rollback();
                return Err(e.into());
            }
        };
        doc.commit(clock.as_ref());
        self.after_edit_with(kind, &keys.into_iter().collect(), values)
    }

    /// One edit of both documents, saved in one transaction: what only this phone keeps and
    /// what the couple shares can never disagree after a crash. On any error both pending edits
    /// are rolled back and nothing is saved.
    fn edit_both(
        &mut self,
        private: impl FnOnce(&mut CrdtDoc) -> Result<Vec<String>, DocError>,
        shared: impl FnOnce(&mut CrdtDoc) -> Result<Vec<String>, DocError>,
    ) -> Result<(), SessionError> {
        let clock = self.clock.clone();
        self.loaded(DocKind::Shared)?;
        let private_doc = &mut self.loaded(DocKind::Private)?.doc;
        let private_keys = match private(private_doc) {
            Ok(keys) => keys,
            Err(e) => {
                private_doc.automerge().rollback();
                return Err(e.into());
            }
        };
        let shared_doc = &mut self.loaded(DocKind::Shared)?.doc;
        let shared_keys = match shared(shared_doc) {
            Ok(keys) => keys,
            Err(e) => {
                shared_doc.automerge().rollback();
                self.loaded(DocKind::Private)?.doc.automerge().rollback();
                return Err(e.into());
            }
        };
        shared_doc.commit(clock.as_ref());
        self.loaded(DocKind::Private)?.doc.commit(clock.as_ref());
        let (private_keys, shared_keys): (BTreeSet<String>, BTreeSet<String>) =
            (private_keys.into_iter().collect(), shared_keys.into_iter().collect());
        self.after_edits(
            &[
                (DocKind::Private, &private_keys, Chunk::SincePersisted),
                (DocKind::Shared, &shared_keys, Chunk::SincePersisted),
            ],
            &[],
        )
    }

    /// Refresh typed state for `keys`, then append the new changes, the changed view rows, the
    /// heads and `values` (key/value entries) in one transaction. If SQLite refuses, reload from
    /// disk so memory never shows an edit that was not saved.
    fn after_edit_with(
        &mut self,
        kind: DocKind,
        keys: &BTreeSet<String>,
        values: &[(&str, &[u8])],
    ) -> Result<(), SessionError> {
        self.after_edits(&[(kind, keys, Chunk::SincePersisted)], values)
    }

    /// Like [`Self::after_edit_with`] for an edit of several documents, saved in one transaction,
    /// each storing its [`Chunk`] as its new changes.
    fn after_edits(
        &mut self,
        edits: &[(DocKind, &BTreeSet<String>, Chunk<'_>)],
        values: &[(&str, &[u8])],
    ) -> Result<(), SessionError> {
        let result = self.refresh_and_persist(edits, values);
        if result.is_err() {
            for (kind, _, _) in edits {
                self.reload(*kind)?;
            }
        }
        result
    }

    fn refresh_and_persist(
        &mut self,
        edits: &[(DocKind, &BTreeSet<String>, Chunk<'_>)],
        values: &[(&str, &[u8])],
    ) -> Result<(), SessionError> {
        let mut pending = Vec::new();
        let since = self.today().plus_days(-history::RECENT_DAYS_FIRST);
        for (kind, keys, chunk) in edits {
            let loaded = self.loaded(*kind)?;
            let bytes = match chunk {
                Chunk::These(bytes) => bytes.to_vec(),
                Chunk::SincePersisted => loaded.doc.changes_since(&loaded.persisted),
            };
            let heads = loaded.doc.heads();
            if bytes.is_empty() && keys.is_empty() {
                continue;
            }
            // A large merge (a new phone's first sync, a backup) leaves its view rows for later,
            // so the app can show it sooner.
            let owe = keys.len() > ROWS_WITH_AN_EDIT || loaded.view_owed;
            // A large merge of the shared document reads what a first screen shows now, and
            // leaves the older records for `history_job` (its view rows wait for them).
            let mut recent_first = false;
            // Disjoint borrows: the loaded document is read while the typed state is updated.
            let rows = match (kind, &self.shared, &self.private) {
                (DocKind::Shared, DocSlot::Ready(loaded), _) if owe && most_of(&loaded.doc, keys) => {
                    self.shared_state = SharedState::hydrate_recent(&loaded.doc, since)?;
                    recent_first = true;
                    Vec::new()
                }
                (DocKind::Shared, DocSlot::Ready(loaded), _) => {
                    update_state(&mut self.shared_state, &loaded.doc, keys, owe)?
                }
                (DocKind::Private, _, DocSlot::Ready(loaded)) => {
                    update_state(&mut self.private_state, &loaded.doc, keys, owe)?
                }
                _ => return Err(DocError::NotLoaded.into()),
            };
            let view_heads = (!owe).then(|| encode_heads(&heads));
            pending.push((*kind, bytes, rows, view_heads, heads, (*keys, recent_first)));
        }
        if pending.is_empty() && values.is_empty() {
            return Ok(());
        }
        let writes: Vec<DocEdit<'_>> = pending
            .iter()
            .map(|(doc, chunk, rows, view_heads, _, _)| DocEdit {
                doc: *doc,
                chunk,
                rows,
                heads: view_heads.as_deref(),
            })
            .collect();
        self.store.commit_edits(&writes, values)?;
        for (kind, _, _, view_heads, heads, (keys, recent_first)) in pending {
            let loaded = self.loaded(kind)?;
            loaded.persisted = heads;
            // Heads left unstored mean the rows are owed.
            loaded.view_owed = view_heads.is_none();
            history::note_edit(loaded, keys, recent_first);
        }
        Ok(())
    }

    /// Write the view rows a large merge left for later, in one transaction per document, and
    /// return whether there were any. Until then the typed state in memory is complete and the
    /// document's changes are stored; only reopening the app would cost more (it rebuilds the
    /// view). The sync engine calls this after each round, once the app has been told.
    pub fn write_owed_view(&mut self) -> Result<bool, SessionError> {
        let mut wrote = false;
        for kind in [DocKind::Shared, DocKind::Private] {
            let DocSlot::Ready(loaded) = self.slot(kind) else { continue };
            // The view is stored against heads on disk: with an edit in flight, wait for it. And
            // it must hold every record: while older ones are still being read, wait for them.
            if !loaded.view_owed || loaded.history.is_some() || loaded.doc.heads() != loaded.persisted {
                continue;
            }
            let heads = encode_heads(&loaded.persisted);
            let rows = match kind {
                DocKind::Shared => self.shared_state.view_rows()?,
                DocKind::Private => self.private_state.view_rows()?,
            };
            self.store.rebuild_view(kind, &rows, &heads)?;
            self.loaded(kind)?.view_owed = false;
            wrote = true;
        }
        Ok(wrote)
    }
}

/// Bring typed state up to date with the records at `keys` and return their stored forms, or
/// none while the view is owed.
fn update_state<S: DocState>(
    state: &mut S,
    doc: &CrdtDoc,
    keys: &BTreeSet<String>,
    owe: bool,
) -> Result<Vec<RowChange>, DocError> {
    state.refresh(doc, keys)?;
    if owe { Ok(Vec::new()) } else { view_rows(state, keys) }
}

/// The changes a persist stores as the document's new chunk.
#[derive(Debug, Clone, Copy)]
enum Chunk<'a> {
    /// Everything after the heads last stored (a local edit, or a merge that wasn't in step).
    SincePersisted,
    /// Exactly these bytes: what a merge received, when all before it was stored.
    These(&'a [u8]),
}

/// The stored form of each changed record (`None` where it was deleted).
fn view_rows<S: DocState>(state: &S, keys: &BTreeSet<String>) -> Result<Vec<RowChange>, DocError> {
    keys.iter().map(|k| Ok((k.clone(), state.view_row(k)?))).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_session_can_move_to_the_sync_task() {
        fn assert_send<T: Send>() {}
        assert_send::<super::Session>();
    }
}
