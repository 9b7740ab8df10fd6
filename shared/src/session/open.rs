//! Opening a session: identity, typed state from the view, and documents loaded on demand.

use super::slot::{DocSlot, LoadedDoc, Parsed, encode_heads, parse_chunks};
use super::{COMPACT_AFTER_CHUNKS, Session, SessionError};
use crate::doc::{DocError, DocState, PrivateState, SharedState};
use crate::ids::PartnerId;
use crate::secrets::{FileSecrets, MemorySecrets, SecretStore};
use crate::store::{DocKind, Store, StoreError};
use crate::time::{Clock, SystemClock};
use std::path::Path;
use std::sync::Arc;

pub(super) const ACTOR_KEY: &str = "identity/actor";
pub(super) const ME_KEY: &str = "identity/partner";

/// What loading the documents found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Chunks that could not be read and were set aside (a torn last write, usually).
    pub damaged_chunks: usize,
    /// Whether the typed view had to be rebuilt from the documents.
    pub view_rebuilt: bool,
    /// Whether the documents were compacted after loading.
    pub compacted: bool,
}

impl Session {
    /// Open the data file at `path` with the device clock.
    pub fn open(path: &Path) -> Result<Self, SessionError> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Open the data file at `path`, reading time from `clock`, with its secrets in files beside
    /// it (the desktop and preview [`FileSecrets`]).
    pub fn open_with_clock(path: &Path, clock: Arc<dyn Clock>) -> Result<Self, SessionError> {
        Self::open_with_secrets(path, clock, Arc::new(FileSecrets::beside(path)))
    }

    /// Open the data file at `path`, keeping its secrets (pair secret, app lock) in `secrets`:
    /// a phone passes its platform keystore here.
    pub fn open_with_secrets(
        path: &Path,
        clock: Arc<dyn Clock>,
        secrets: Arc<dyn SecretStore>,
    ) -> Result<Self, SessionError> {
        let mut session = Self::from_store(Store::open(path)?, clock, secrets)?;
        session.path = Some(path.to_path_buf());
        Ok(session)
    }

    /// A session over a store that lives only in memory, with secrets in memory too.
    pub fn in_memory(clock: Arc<dyn Clock>) -> Result<Self, SessionError> {
        Self::from_store(Store::open_in_memory()?, clock, Arc::new(MemorySecrets::default()))
    }

    fn from_store(
        mut store: Store,
        clock: Arc<dyn Clock>,
        secrets: Arc<dyn SecretStore>,
    ) -> Result<Self, SessionError> {
        let actor = match store.value(ACTOR_KEY)? {
            Some(a) if a.len() == 16 => a,
            _ => {
                let a = new_actor();
                store.set_value(ACTOR_KEY, &a)?;
                a
            }
        };
        let me = match store.value(ME_KEY)? {
            None => None,
            Some(raw) => Some(
                String::from_utf8(raw)
                    .ok()
                    .and_then(|s| s.parse::<PartnerId>().ok())
                    .ok_or_else(|| StoreError::Malformed { key: ME_KEY.into() })?,
            ),
        };
        let (shared_state, shared) = open_doc::<SharedState>(&mut store, DocKind::Shared)?;
        let (private_state, private) = open_doc::<PrivateState>(&mut store, DocKind::Private)?;
        let session = Session {
            store,
            clock,
            shared,
            private,
            shared_state,
            private_state,
            me,
            actor,
            report: Default::default(),
            path: None,
            secrets,
        };
        Ok(session)
    }

    pub(super) fn set_me(&mut self, id: PartnerId) -> Result<(), SessionError> {
        self.store.set_value(ME_KEY, id.as_str().as_bytes())?;
        self.me = Some(id);
        Ok(())
    }

    pub(super) fn slot(&mut self, kind: DocKind) -> &mut DocSlot {
        match kind {
            DocKind::Shared => &mut self.shared,
            DocKind::Private => &mut self.private,
        }
    }

    /// Wait for both documents to finish loading; returns what loading found.
    pub fn ensure_loaded(&mut self) -> Result<&LoadReport, SessionError> {
        self.loaded(DocKind::Shared)?;
        self.loaded(DocKind::Private)?;
        let chunks = self.store.chunk_count(DocKind::Shared)? + self.store.chunk_count(DocKind::Private)?;
        if chunks > COMPACT_AFTER_CHUNKS && !self.report.compacted {
            self.compact()?;
            self.report.compacted = true;
        }
        Ok(&self.report)
    }

    /// The loaded document of `kind`, waiting for the background load if needed. The first time,
    /// damaged chunks are set aside and the view is checked against the document's heads (and
    /// rebuilt from the document if they differ).
    pub(super) fn loaded(&mut self, kind: DocKind) -> Result<&mut LoadedDoc, SessionError> {
        if !matches!(self.slot(kind), DocSlot::Ready(_)) {
            let parsed = match std::mem::replace(self.slot(kind), DocSlot::Empty) {
                DocSlot::Loading(handle) => match handle.join() {
                    Ok(result) => result?,
                    // The loader thread panicked (a bug in a dependency): parse again here.
                    Err(_) => parse_chunks(self.store.chunks(kind)?)?,
                },
                DocSlot::Parsed(parsed) => parsed,
                DocSlot::Ready(_) | DocSlot::Empty => parse_chunks(self.store.chunks(kind)?)?,
            };
            let loaded = self.adopt(kind, parsed)?;
            *self.slot(kind) = DocSlot::Ready(loaded);
        }
        self.ready_doc(kind)
    }

    fn ready_doc(&mut self, kind: DocKind) -> Result<&mut LoadedDoc, SessionError> {
        match self.slot(kind) {
            DocSlot::Ready(loaded) => Ok(loaded),
            _ => Err(DocError::NotLoaded.into()),
        }
    }

    /// Take a freshly parsed document into use.
    fn adopt(&mut self, kind: DocKind, parsed: Parsed) -> Result<LoadedDoc, SessionError> {
        let Parsed { mut doc, damaged } = parsed;
        for (chunk_id, reason) in &damaged {
            self.store.quarantine(kind, *chunk_id, reason)?;
        }
        self.report.damaged_chunks += damaged.len();
        doc.set_actor(&self.actor);
        let heads = doc.heads();
        let encoded = encode_heads(&heads);
        if self.store.view_heads(kind)?.as_deref() != Some(encoded.as_slice()) {
            match kind {
                DocKind::Shared => {
                    self.shared_state = SharedState::hydrate(&doc)?;
                    self.store.rebuild_view(kind, &self.shared_state.view_rows()?, &encoded)?;
                }
                DocKind::Private => {
                    self.private_state = PrivateState::hydrate(&doc)?;
                    self.store.rebuild_view(kind, &self.private_state.view_rows()?, &encoded)?;
                }
            }
            self.report.view_rebuilt = true;
        }
        Ok(LoadedDoc { doc, persisted: heads, view_owed: false, history: None })
    }

    /// Reload one document and its state from disk, dropping anything in memory not persisted.
    pub(super) fn reload(&mut self, kind: DocKind) -> Result<(), SessionError> {
        let parsed = parse_chunks(self.store.chunks(kind)?)?;
        let rows = self.store.view_rows(kind)?;
        match kind {
            DocKind::Shared => self.shared_state = SharedState::from_view(rows)?,
            DocKind::Private => self.private_state = PrivateState::from_view(rows)?,
        }
        let loaded = self.adopt(kind, parsed)?;
        *self.slot(kind) = DocSlot::Ready(loaded);
        Ok(())
    }
}

/// A fresh random device id (the automerge actor of this phone's changes).
pub(super) fn new_actor() -> Vec<u8> {
    uuid::Uuid::new_v4().as_bytes().to_vec()
}

/// The typed state for `kind` and its document slot. With a view on disk the state comes from it
/// and the document parses in the background; without one (a new or older file, or an unreadable
/// view) the document is parsed now and the view written, so the next open is fast.
fn open_doc<S: DocState>(store: &mut Store, kind: DocKind) -> Result<(S, DocSlot), SessionError> {
    let chunks = store.chunks(kind)?;
    if store.view_heads(kind)?.is_some()
        && let Ok(state) = S::from_view(store.view_rows(kind)?)
    {
        return Ok((state, DocSlot::spawn(chunks)));
    }
    let mut parsed = parse_chunks(chunks)?;
    let state = S::hydrate(&parsed.doc)?;
    store.rebuild_view(kind, &state.view_rows()?, &encode_heads(&parsed.doc.heads()))?;
    Ok((state, DocSlot::Parsed(parsed)))
}
