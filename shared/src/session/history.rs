//! A large merge's older records, read after the first screen: a copy of the document is read
//! off the session's lock, then taken in with whatever changed meanwhile.
//!
//! A new phone's first sync brings years of records. The merge reads only what a first screen
//! shows ([`SharedState::hydrate_recent`]); the sync engine then reads the rest from a copy of
//! the document while the app already shows Today, and takes it in. Until then the view rows
//! are not written, so closing the app first only means the next open rebuilds the view.

use super::slot::{DocSlot, LoadedDoc, OwedHistory};
use super::{Session, SessionError};
use crate::doc::{CrdtDoc, DocError, DocState, SharedState};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// Days of dated records a large merge reads first: this week's schedule and a month of marks.
pub(super) const RECENT_DAYS_FIRST: i64 = 35;

/// Numbers every job, so a job started earlier is never taken in after a later one.
static JOBS: AtomicU64 = AtomicU64::new(1);

/// A copy of the shared document whose records are still to be read into the typed state.
#[derive(Debug)]
pub struct HistoryJob {
    doc: CrdtDoc,
    job: u64,
}

/// Every record of a [`HistoryJob`]'s copy, ready to be taken in.
#[derive(Debug)]
pub struct ReadHistory {
    state: SharedState,
    job: u64,
}

impl HistoryJob {
    /// Read every record of the copy (the long part: call it without holding the session).
    pub fn read(self) -> Result<ReadHistory, DocError> {
        Ok(ReadHistory { state: SharedState::hydrate(&self.doc)?, job: self.job })
    }
}

/// After an edit of `loaded` stored the records at `keys`: start owing the history if the edit
/// read only the recent records, else remember the keys for the job under way.
pub(super) fn note_edit(loaded: &mut LoadedDoc, keys: &BTreeSet<String>, recent_first: bool) {
    if recent_first {
        loaded.history = Some(OwedHistory { job: 0, changed: BTreeSet::new() });
    } else if let Some(owed) = &mut loaded.history {
        owed.changed.extend(keys.iter().cloned());
    }
}

impl Session {
    /// Whether the typed state holds every record. After a large merge (a new phone's first
    /// sync) it holds the last weeks and every undated record but the journal until the sync
    /// engine has read the rest; screens that sum up all of history wait for it.
    pub fn history_complete(&self) -> bool {
        !matches!(&self.shared, DocSlot::Ready(LoadedDoc { history: Some(_), .. }))
    }

    /// A copy of the shared document to read the older records from, if a large merge left
    /// them for later. Starting a job supersedes any earlier one.
    pub fn history_job(&mut self) -> Result<Option<HistoryJob>, SessionError> {
        let DocSlot::Ready(loaded) = &mut self.shared else { return Ok(None) };
        let Some(owed) = &mut loaded.history else { return Ok(None) };
        owed.job = JOBS.fetch_add(1, Ordering::Relaxed);
        owed.changed.clear();
        let copy = CrdtDoc::from_automerge(loaded.doc.automerge().clone())?;
        Ok(Some(HistoryJob { doc: copy, job: owed.job }))
    }

    /// Read the older records now, on this thread, if a large merge left them for later: an
    /// edit that looks up an earlier record (an old check-in, a journal entry, what an
    /// acknowledgement points at) must find it.
    pub(crate) fn settle_history(&mut self) -> Result<(), SessionError> {
        // Read in place, with the session held anyway: no copy, nothing changes meanwhile.
        let DocSlot::Ready(loaded) = &mut self.shared else { return Ok(()) };
        if loaded.history.is_some() {
            self.shared_state = SharedState::hydrate(&loaded.doc)?;
            loaded.history = None;
        }
        Ok(())
    }

    /// Take in a job's records, then re-read those changed since its copy was made. Returns
    /// `false` (and takes nothing) when the job was superseded or the history is no longer
    /// owed.
    pub fn take_history(&mut self, read: ReadHistory) -> Result<bool, SessionError> {
        let DocSlot::Ready(loaded) = &mut self.shared else { return Ok(false) };
        if loaded.history.as_ref().is_none_or(|owed| owed.job != read.job) {
            return Ok(false);
        }
        let changed = loaded.history.take().map(|owed| owed.changed).unwrap_or_default();
        let mut state = read.state;
        state.refresh(&loaded.doc, &changed)?;
        self.shared_state = state;
        Ok(true)
    }
}
