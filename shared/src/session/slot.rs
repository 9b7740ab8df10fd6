//! A document that may still be loading in the background, and how it is loaded from chunks.
//!
//! Opening a session shows the typed state from the SQLite view at once and parses the automerge
//! document on a background thread; the first operation that needs the document waits for it.

use crate::doc::{CrdtDoc, DocError};
use crate::store::Chunk;
use automerge::{AutoCommit, AutomergeError, ChangeHash, LoadOptions, OnPartialLoad, VerificationMode};
use std::thread::JoinHandle;

/// A loaded document and the heads already on disk.
#[derive(Debug)]
pub(super) struct LoadedDoc {
    pub(super) doc: CrdtDoc,
    pub(super) persisted: Vec<ChangeHash>,
    /// Whether the stored view is behind the document: a large merge stored its changes and
    /// left the view rows for later (see `Session::write_owed_view`). The view's heads are
    /// then not stored, so an open before that rebuilds the view from the document.
    pub(super) view_owed: bool,
    /// Set while a large merge's older records are still to be read into the typed state (see
    /// `Session::history_job`).
    pub(super) history: Option<OwedHistory>,
}

/// A large merge's older records, not yet in the typed state.
#[derive(Debug)]
pub(super) struct OwedHistory {
    /// Tells one reading of the history from another: a job is taken in only if none started
    /// after it and no other large merge came in meanwhile.
    pub(super) job: u64,
    /// Root keys changed since the current job copied the document.
    pub(super) changed: std::collections::BTreeSet<String>,
}

/// The result of parsing a document's chunks.
#[derive(Debug)]
pub(super) struct Parsed {
    pub(super) doc: CrdtDoc,
    /// Chunks that failed to parse, with the reason.
    pub(super) damaged: Vec<(i64, String)>,
}

/// A document being loaded, or ready.
#[derive(Debug)]
pub(super) enum DocSlot {
    Loading(JoinHandle<Result<Parsed, DocError>>),
    /// Parsed on this thread, not yet taken into use.
    Parsed(Parsed),
    Ready(LoadedDoc),
    /// Only while a slot is being swapped.
    Empty,
}

impl DocSlot {
    /// Start parsing `chunks` on a background thread.
    pub(super) fn spawn(chunks: Vec<Chunk>) -> Self {
        DocSlot::Loading(std::thread::spawn(move || parse_chunks(chunks)))
    }
}

/// Parse chunks in order. Each chunk is parsed strictly first; one that fails (a torn write) is
/// reported so the caller can move it aside, and every chunk before and after it still loads.
pub(super) fn parse_chunks(chunks: Vec<Chunk>) -> Result<Parsed, DocError> {
    let strict = || {
        LoadOptions::new()
            .on_partial_load(OnPartialLoad::Error)
            .verification_mode(VerificationMode::DontCheck)
    };
    let mut doc: Option<AutoCommit> = None;
    let mut damaged = Vec::new();
    for chunk in chunks {
        match &mut doc {
            None => match AutoCommit::load_with_options(&chunk.bytes, strict()) {
                Ok(d) => doc = Some(d),
                Err(e) => {
                    // Salvage what a damaged first chunk still holds; its bytes are kept aside.
                    let partial = LoadOptions::new()
                        .on_partial_load(OnPartialLoad::Ignore)
                        .verification_mode(VerificationMode::DontCheck);
                    doc = AutoCommit::load_with_options(&chunk.bytes, partial).ok();
                    damaged.push((chunk.id, e.to_string()));
                }
            },
            // Parsing a chunk on its own reports `MissingDeps` when its changes build on earlier
            // chunks: that is a well-formed chunk. Any other failure means damaged bytes.
            Some(d) => match AutoCommit::load_with_options(&chunk.bytes, strict()) {
                Ok(_) | Err(AutomergeError::MissingDeps) => {
                    d.load_incremental(&chunk.bytes)?;
                }
                Err(e) => damaged.push((chunk.id, e.to_string())),
            },
        }
    }
    let doc = match doc {
        Some(d) => CrdtDoc::from_automerge(d)?,
        None => CrdtDoc::new(),
    };
    Ok(Parsed { doc, damaged })
}

/// Heads in a stable byte form, for the view's bookkeeping.
pub(super) fn encode_heads(heads: &[ChangeHash]) -> Vec<u8> {
    let mut sorted: Vec<&ChangeHash> = heads.iter().collect();
    sorted.sort();
    sorted.iter().flat_map(|h| h.0).collect()
}
