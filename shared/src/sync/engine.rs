//! The sync engine: push my changes as sealed bundles, pull and apply the partner's, compact the
//! room into a snapshot when it grows, and report status for the app.
//!
//! Push sends every change of this device the relay has not acknowledged, as one sealed bundle
//! whose id is a keyed hash of its content, so a re-push after a crash stores nothing twice. Pull
//! fetches bundles after the cursor, opens and checks each, applies them, persists the document,
//! and only then moves the cursor — so a crash at any point repeats work but never loses it.

use super::{KeyStore, SyncError, SyncState, SyncStatus, bookkeeping};
use crate::crypto::{CoupleKeys, CryptoError, Sealed};
use crate::doc::CrdtDoc;
use crate::protocol::{BundleId, BundlePage, MAX_BUNDLE_BYTES, MAX_LIST_LIMIT};
use crate::relay::{RelayClient, RelayError};
use crate::session::Session;
use automerge::{ActorId, Change, ChangeHash};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// A session shared between the app and the sync engine. Locks are held only for local work,
/// never across a network call.
pub type SharedSession = Arc<Mutex<Session>>;

/// Lock a shared session; a poisoned lock still guards a consistent session (every operation is
/// all-or-nothing on disk), so it is used as is.
pub fn lock(session: &SharedSession) -> MutexGuard<'_, Session> {
    session.lock().unwrap_or_else(|e| e.into_inner())
}

/// Once this many bundles sit on the relay past its snapshot, a caught-up phone uploads a new one.
pub const SNAPSHOT_AFTER_BUNDLES: u64 = 256;
/// Raw change bytes per bundle before compression; bundles are split below the relay's limit.
const RAW_BYTES_PER_BUNDLE: usize = 4 << 20;

/// What one pull did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullReport {
    /// Bundles opened and applied (not counting this device's own).
    pub applied: usize,
    /// Bundles that failed to open or check and were skipped.
    pub rejected: usize,
    /// Whether the phone caught up from the room's snapshot first.
    pub from_snapshot: bool,
    /// The cursor after the pull.
    pub cursor: u64,
}

/// What one sync round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes of this device pushed.
    pub pushed_changes: usize,
    /// Bundles uploaded.
    pub pushed_bundles: usize,
    /// The pull's report.
    pub pull: PullReport,
    /// Whether a snapshot was uploaded.
    pub snapshot_uploaded: bool,
}

/// Syncs one paired session with its relay.
#[derive(Debug)]
pub struct Syncer {
    session: SharedSession,
    relay: RelayClient,
    keys: CoupleKeys,
    device: [u8; 16],
    status: watch::Sender<SyncStatus>,
    pub(super) wake: Notify,
    round_lock: tokio::sync::Mutex<()>,
}

impl Syncer {
    /// A syncer for `session` if it is paired (its key file holds a secret), else `None`.
    pub fn for_session(session: SharedSession, relay: RelayClient) -> Result<Option<Self>, SyncError> {
        let (secret, device) = {
            let s = lock(&session);
            let path = s.data_path().ok_or(SyncError::NoDataFile)?;
            (KeyStore::beside(path).load()?, s.device_id())
        };
        let Some(secret) = secret else { return Ok(None) };
        let syncer = Self {
            session,
            relay,
            keys: secret.derive(),
            device,
            status: watch::Sender::new(SyncStatus::default()),
            wake: Notify::new(),
            round_lock: tokio::sync::Mutex::new(()),
        };
        syncer.refresh_status(None);
        Ok(Some(syncer))
    }

    /// The session this syncer works on.
    pub fn session(&self) -> &SharedSession {
        &self.session
    }

    /// The relay this syncer talks to.
    pub fn relay(&self) -> &RelayClient {
        &self.relay
    }

    /// The couple's derived keys (room id and token are what the relay sees).
    pub fn keys(&self) -> &CoupleKeys {
        &self.keys
    }

    /// The current status.
    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// A receiver that sees every status change.
    pub fn watch(&self) -> watch::Receiver<SyncStatus> {
        self.status.subscribe()
    }

    /// Tell the syncer the app changed the shared document: status updates and live sync wakes.
    pub fn local_change(&self) {
        self.refresh_status(None);
        self.wake.notify_one();
    }

    /// One full round: push, then pull (without waiting), then snapshot if the room has grown.
    pub async fn sync_once(&self) -> Result<SyncReport, SyncError> {
        let result = self.round(Duration::ZERO).await;
        self.finish_round(&result);
        result
    }

    /// One round. Without waiting (a one-off sync) it pulls first, so pushing afterwards can
    /// move the cursor past this phone's own new bundle and nothing is downloaded twice. Live,
    /// it pushes first so a local change reaches the relay at once, then long-polls.
    pub(super) async fn round(&self, wait: Duration) -> Result<SyncReport, SyncError> {
        let _one_round_at_a_time = self.round_lock.lock().await;
        let (pull, page, (pushed_changes, pushed_bundles)) = if wait.is_zero() {
            let (pull, page) = self.pull(wait).await?;
            (pull, page, self.push().await?)
        } else {
            let pushed = self.push().await?;
            let (pull, page) = self.pull(wait).await?;
            (pull, page, pushed)
        };
        let snapshot_uploaded = match page {
            Some(page) => self.maybe_snapshot(&page, pull.cursor).await?,
            None => false,
        };
        if pull.rejected > 0 {
            return Err(SyncError::Rejected { count: pull.rejected, first: CryptoError::Tampered });
        }
        Ok(SyncReport { pushed_changes, pushed_bundles, pull, snapshot_uploaded })
    }

    /// Record the round's outcome in the status (and the last-synced time on success).
    pub(super) fn finish_round(&self, result: &Result<SyncReport, SyncError>) {
        match result {
            Ok(_) => {
                let mut s = lock(&self.session);
                let now = s.now();
                let _ = bookkeeping::set_last_synced(&mut s, now);
                drop(s);
                self.refresh_status(None);
            }
            Err(e) => self.refresh_status(Some(e)),
        }
    }

    /// Push every unacknowledged change of this device, as compact automerge bundles (changes
    /// encoded column by column, several times smaller than the changes one by one). Returns
    /// (changes, bundles) pushed.
    pub async fn push(&self) -> Result<(usize, usize), SyncError> {
        let batches: Vec<Vec<ChangeHash>> = {
            let mut s = lock(&self.session);
            batches(unpushed(&mut s, &self.device)?)
        };
        let mut changes = 0;
        let mut bundles = 0;
        for batch in batches {
            for (id, sealed, last) in self.seal_within_limit(&batch)? {
                let stored = self.relay.put_bundle(&self.keys, &id, sealed).await?;
                let mut s = lock(&self.session);
                bookkeeping::set_pushed(&mut s, &last)?;
                // Directly after the cursor: this phone already has it, so never download it.
                if stored.seq == bookkeeping::cursor(&s)? + 1 {
                    bookkeeping::set_cursor(&mut s, stored.seq)?;
                }
                bundles += 1;
            }
            changes += batch.len();
        }
        Ok((changes, bundles))
    }

    /// Seal a batch as one bundle, halving it until each sealed bundle fits the relay's limit.
    fn seal_within_limit(
        &self,
        batch: &[ChangeHash],
    ) -> Result<Vec<(BundleId, Vec<u8>, ChangeHash)>, SyncError> {
        let Some(last) = batch.last().copied() else { return Ok(Vec::new()) };
        let plaintext = {
            let mut s = lock(&self.session);
            let doc = s.shared_doc()?.automerge();
            doc.bundle(batch.iter().copied())
                .map_err(|e| SyncError::Session(crate::doc::DocError::from(e).into()))?
                .bytes()
                .to_vec()
        };
        let (id, sealed) = self.keys.seal_bundle(&self.device, &plaintext)?;
        if sealed.len() <= MAX_BUNDLE_BYTES || batch.len() == 1 {
            return Ok(vec![(id, sealed, last)]);
        }
        let (a, b) = batch.split_at(batch.len() / 2);
        let mut parts = self.seal_within_limit(a)?;
        parts.extend(self.seal_within_limit(b)?);
        Ok(parts)
    }

    /// Pull and apply everything after the cursor, waiting up to `wait` if nothing is there.
    pub async fn pull(&self, wait: Duration) -> Result<(PullReport, Option<BundlePage>), SyncError> {
        let mut report = PullReport::default();
        let mut wait = wait;
        let last_page = loop {
            let after = bookkeeping::cursor(&lock(&self.session))?;
            let page = match self.relay.list_bundles(&self.keys, after, MAX_LIST_LIMIT, wait).await {
                Ok(page) => page,
                Err(RelayError::SnapshotRequired) => {
                    self.restore_snapshot().await?;
                    report.from_snapshot = true;
                    continue;
                }
                Err(RelayError::CursorAhead) => {
                    // The room was reset under us: start over; applying twice is harmless.
                    bookkeeping::set_cursor(&mut lock(&self.session), 0)?;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            wait = Duration::ZERO;
            report.cursor = page.next_cursor(after);
            let (plaintext, applied, rejected) = self.open_page(&page);
            report.applied += applied;
            report.rejected += rejected;
            {
                let mut s = lock(&self.session);
                if !plaintext.is_empty() {
                    // Document first, then cursor: a crash in between only repeats the apply.
                    s.apply_shared_changes(&plaintext)?;
                }
                bookkeeping::set_cursor(&mut s, report.cursor)?;
            }
            // An empty page ends the pull even if the relay claims more: never spin.
            if page.is_complete(after) || page.bundles.is_empty() {
                break page;
            }
        };
        Ok((report, Some(last_page)))
    }

    /// Open every bundle on a page that is not this device's own; returns the concatenated
    /// plaintext and how many opened and how many were rejected.
    fn open_page(&self, page: &BundlePage) -> (Vec<u8>, usize, usize) {
        let mut plaintext = Vec::new();
        let (mut applied, mut rejected) = (0, 0);
        for bundle in &page.bundles {
            if Sealed::parse(&bundle.bytes).is_ok_and(|s| s.sender == self.device) {
                continue;
            }
            match self.keys.open_bundle(&bundle.id, &bundle.bytes) {
                Ok(opened) if CrdtDoc::check_well_formed(&opened.plaintext).is_ok() => {
                    plaintext.extend_from_slice(&opened.plaintext);
                    applied += 1;
                }
                Ok(_) => {
                    tracing::warn!(
                        seq = bundle.seq,
                        "a bundle opened but is not well-formed automerge; skipped"
                    );
                    rejected += 1;
                }
                Err(e) => {
                    tracing::warn!(seq = bundle.seq, error = %e, "a bundle failed to open; skipped");
                    rejected += 1;
                }
            }
        }
        (plaintext, applied, rejected)
    }

    /// Catch up from the room's snapshot (a new or reinstalled phone, or one far behind).
    async fn restore_snapshot(&self) -> Result<(), SyncError> {
        let (seq, sealed) = self
            .relay
            .get_snapshot(&self.keys)
            .await?
            .ok_or(RelayError::UnexpectedAnswer("a snapshot was required but none exists".into()))?;
        let opened = self.keys.open_snapshot(seq, &sealed)?;
        CrdtDoc::check_well_formed(&opened.plaintext).map_err(|_| CryptoError::Tampered)?;
        let mut s = lock(&self.session);
        s.apply_shared_changes(&opened.plaintext)?;
        bookkeeping::set_cursor(&mut s, seq)?;
        Ok(())
    }

    /// Upload a snapshot covering `cursor` when the room holds many bundles past its snapshot and
    /// this phone has applied all of them.
    async fn maybe_snapshot(&self, page: &BundlePage, cursor: u64) -> Result<bool, SyncError> {
        if cursor < page.latest_seq
            || page.latest_seq.saturating_sub(page.snapshot_seq) < SNAPSHOT_AFTER_BUNDLES
        {
            return Ok(false);
        }
        self.upload_snapshot(cursor).await
    }

    /// Seal the whole document as a snapshot covering the room up to `seq` and upload it.
    pub async fn upload_snapshot(&self, seq: u64) -> Result<bool, SyncError> {
        let document = lock(&self.session).shared_doc()?.save();
        let sealed = self.keys.seal_snapshot(&self.device, seq, &document)?;
        match self.relay.put_snapshot(&self.keys, seq, sealed).await {
            Ok(_) => Ok(true),
            // Another phone got there first; its snapshot serves just as well.
            Err(RelayError::StaleSnapshot) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Recompute the status from the session, with `error` as the last error (if any).
    pub(super) fn refresh_status(&self, error: Option<&SyncError>) {
        let (pending, last_synced) = {
            let mut s = lock(&self.session);
            let pending = unpushed(&mut s, &self.device).map(|c| c.len()).unwrap_or(0);
            (pending, bookkeeping::last_synced(&s).ok().flatten())
        };
        let state = match error {
            Some(e) if e.is_offline() => SyncState::Offline,
            Some(_) => SyncState::Error,
            None if pending > 0 => SyncState::Waiting,
            None => SyncState::Synced,
        };
        self.status.send_replace(SyncStatus {
            state,
            last_synced,
            pending_changes: pending,
            last_error: error.map(SyncError::user_message),
        });
    }
}

/// This device's changes that the relay has not acknowledged, oldest first.
pub(super) fn unpushed(session: &mut Session, device: &[u8; 16]) -> Result<Vec<Change>, SyncError> {
    let pushed = bookkeeping::pushed(session)?;
    let me = ActorId::from(device.as_slice());
    let have: Vec<ChangeHash> = pushed.into_iter().collect();
    let doc = session.shared_doc()?.automerge();
    // An acknowledged hash this document doesn't hold (its copy was deleted) means "nothing".
    let have = if have.iter().all(|h| doc.get_change_by_hash(h).is_some()) { have } else { Vec::new() };
    let mut mine: Vec<Change> = doc.get_changes(&have).into_iter().filter(|c| c.actor_id() == &me).collect();
    mine.sort_by_key(Change::seq);
    Ok(mine)
}

/// Split changes into batches of at most [`RAW_BYTES_PER_BUNDLE`] raw bytes, oldest first.
fn batches(changes: Vec<Change>) -> Vec<Vec<ChangeHash>> {
    let mut out: Vec<Vec<ChangeHash>> = Vec::new();
    let mut size = 0;
    for change in changes {
        let len = change.raw_bytes().len();
        match out.last_mut() {
            Some(batch) if size + len <= RAW_BYTES_PER_BUNDLE => {
                size += len;
                batch.push(change.hash());
            }
            _ => {
                size = len;
                out.push(vec![change.hash()]);
            }
        }
    }
    out
}
