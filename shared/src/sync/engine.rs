//! The sync engine: one [`Syncer`] per paired phone runs rounds of push and pull (see
//! [`super::push`] and [`super::pull`]), compacts the room into a snapshot when it grows, and
//! reports status for the app.
//!
//! Push sends every change the relay is not known to hold, as sealed bundles whose id is a keyed
//! hash of their content, so a re-push after a crash stores nothing twice. The two halves of a
//! round are independent: a push the relay refuses never stops this phone from receiving.

use super::coverage;
use super::{KeyStore, PullReport, SyncError, SyncState, SyncStatus, bookkeeping};
use crate::crypto::{CoupleKeys, CryptoError};
use crate::protocol::{BundlePage, MAX_LIST_LIMIT};
use crate::relay::{RelayClient, RelayError};
use crate::session::{Session, SessionError};
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

/// By default, once this many bundles sit on the relay past its snapshot, a caught-up phone
/// uploads a new one (see [`Syncer::with_snapshot_after`]).
pub const SNAPSHOT_AFTER_BUNDLES: u64 = 256;

/// What one sync round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes pushed (of any author: whatever the relay was not known to hold).
    pub pushed_changes: usize,
    /// Bundles uploaded.
    pub pushed_bundles: usize,
    /// The pull's report.
    pub pull: PullReport,
    /// Whether this phone asked the partner's phone to send missing changes again.
    pub asked_for_missing: bool,
    /// Whether a snapshot was uploaded.
    pub snapshot_uploaded: bool,
}

/// A round's two halves, each with its own outcome: the pull can work while the push fails.
#[derive(Debug, Default)]
pub(super) struct Round {
    pub(super) report: SyncReport,
    /// Why the pull failed (then nothing more was received this round).
    pub(super) pull_error: Option<SyncError>,
    /// Why pushing (changes, a resend request or a snapshot) failed.
    pub(super) push_error: Option<SyncError>,
    /// Whether a push was tried this round.
    pub(super) pushed: bool,
}

impl Round {
    /// The round as one result: the pull's error first, then the push's, then rejected bundles.
    pub(super) fn into_result(self) -> Result<SyncReport, SyncError> {
        if let Some(e) = self.pull_error.or(self.push_error) {
            return Err(e);
        }
        let pull = &self.report.pull;
        if pull.rejected > 0 {
            let first = pull.first_rejection.clone().unwrap_or(CryptoError::Tampered);
            return Err(SyncError::Rejected { count: pull.rejected, first });
        }
        Ok(self.report)
    }
}

/// Syncs one paired session with its relay.
#[derive(Debug)]
pub struct Syncer {
    pub(super) session: SharedSession,
    pub(super) relay: RelayClient,
    pub(super) keys: CoupleKeys,
    pub(super) device: [u8; 16],
    pub(super) page_limit: u32,
    snapshot_after: u64,
    status: watch::Sender<SyncStatus>,
    pub(super) wake: Notify,
    round_lock: tokio::sync::Mutex<()>,
}

impl Syncer {
    /// A syncer for `session` if it is paired (its key file holds a secret), else `None`.
    pub fn for_session(session: SharedSession, relay: RelayClient) -> Result<Option<Self>, SyncError> {
        let (secret, device) = {
            let s = lock(&session);
            (KeyStore::of_syncing(&s)?.load()?, s.device_id())
        };
        let Some(secret) = secret else { return Ok(None) };
        let syncer = Self {
            session,
            relay,
            keys: secret.derive(),
            device,
            page_limit: MAX_LIST_LIMIT,
            snapshot_after: SNAPSHOT_AFTER_BUNDLES,
            status: watch::Sender::new(SyncStatus::default()),
            wake: Notify::new(),
            round_lock: tokio::sync::Mutex::new(()),
        };
        syncer.restore_held_back()?;
        syncer.refresh_status(None);
        Ok(Some(syncer))
    }

    /// Upload a snapshot once `bundles` bundles sit on the relay past its snapshot (at least 1;
    /// default [`SNAPSHOT_AFTER_BUNDLES`]).
    pub fn with_snapshot_after(mut self, bundles: u64) -> Self {
        self.snapshot_after = bundles.max(1);
        self
    }

    /// Ask the relay for at most `bundles` bundles per page (1..=1000; default 1000).
    pub fn with_page_limit(mut self, bundles: u32) -> Self {
        self.page_limit = bundles.clamp(1, MAX_LIST_LIMIT);
        self
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

    /// Tell the syncer the app changed the shared document: the counts update (a problem already
    /// shown stays shown until a round settles it) and live sync wakes.
    pub fn local_change(&self) {
        let (pending, missing) = self.counts();
        // Decided on the status as it is when replaced, not as it was read before counting: a
        // round that ends in between and shows a problem (a refused key, whose retry is half an
        // hour away) must not be covered by "waiting".
        self.status.send_modify(|shown| {
            shown.pending_changes = pending;
            shown.missing_from_partner = missing;
            if !matches!(shown.state, SyncState::Offline | SyncState::Error) {
                shown.state = settled_state(pending, missing);
                shown.last_error = None;
            }
        });
        self.wake.notify_one();
    }

    /// One full round: pull (without waiting), ask for anything missing, push, then snapshot if
    /// the room has grown.
    pub async fn sync_once(&self) -> Result<SyncReport, SyncError> {
        let result = self.round(Duration::ZERO, true).await.into_result();
        self.finish_round(&result).await;
        result
    }

    /// One round. Without waiting (a one-off sync) it pulls first, so pushing afterwards can
    /// move the cursor past this phone's own new bundle and nothing is downloaded twice. Live,
    /// it pushes first so a local change reaches the relay at once, then long-polls. Each half
    /// runs even if the other failed, unless the relay is unreachable altogether.
    pub(super) async fn round(&self, wait: Duration, push: bool) -> Round {
        let _one_round_at_a_time = self.round_lock.lock().await;
        let mut round = Round::default();
        let live = !wait.is_zero();
        if live && push {
            self.push_into(&mut round).await;
        }
        let unreachable = round.push_error.as_ref().is_some_and(SyncError::is_offline);
        let mut page = None;
        if !unreachable {
            match self.pull(wait).await {
                Ok((pull, last)) => {
                    round.report.pull = pull;
                    page = last;
                    // A replacing phone becomes its partner once their record has arrived.
                    if let Err(e) = super::replace::adopt_if_arrived(&mut lock(&self.session)) {
                        round.pull_error = Some(e);
                    }
                }
                Err(e) => round.pull_error = Some(e),
            }
        }
        if round.pull_error.is_none() && !unreachable {
            match self.ask_for_missing(round.report.pull.applied).await {
                Ok(asked) => round.report.asked_for_missing = asked,
                Err(e) => round.push_error = Some(e),
            }
        }
        if !live && push && !round.pull_error.as_ref().is_some_and(SyncError::is_offline) {
            self.push_into(&mut round).await;
        }
        if let (Some(page), None, None) = (page, &round.pull_error, &round.push_error) {
            match self.maybe_snapshot(&page, round.report.pull.cursor).await {
                Ok(uploaded) => round.report.snapshot_uploaded = uploaded,
                Err(e) => round.push_error = Some(e),
            }
        }
        round
    }

    async fn push_into(&self, round: &mut Round) {
        round.pushed = true;
        match self.push().await {
            Ok((changes, bundles)) => {
                round.report.pushed_changes += changes;
                round.report.pushed_bundles += bundles;
            }
            Err(e) => {
                round.push_error.get_or_insert(e);
            }
        }
    }

    /// Record the round's outcome in the status (and the last-synced time on success).
    pub(super) async fn finish_round(&self, result: &Result<SyncReport, SyncError>) {
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
        // After the status, which tells the app to show what arrived: a first sync's older
        // records, then its view rows. Neither loses anything if it fails: the typed state holds
        // everything but the older records, the view is only a faster way to open the app (the
        // next open rebuilds it), and the next round tries again.
        match self.complete_history().await {
            // The app shows the records that came in: on one runtime thread (the phone's), it
            // hears of them before the view rows below hold the session.
            Ok(true) => {
                self.status.send_modify(|_| {});
                tokio::task::yield_now().await;
            }
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, "the older records of a large merge could not be read yet"),
        }
        if let Err(error) = lock(&self.session).write_owed_view() {
            tracing::warn!(%error, "the view rows of a large merge could not be written yet");
        }
    }

    /// Read the older records a large merge left for later (see [`Session::history_job`]) from a
    /// copy of the document, without holding the session meanwhile, and take them in. Returns
    /// whether the typed state changed.
    pub async fn complete_history(&self) -> Result<bool, SyncError> {
        let Some(job) = lock(&self.session).history_job()? else { return Ok(false) };
        // On a thread of its own: the runtime (a single thread on the phone) meanwhile passes
        // the status that shows the first screen on to the app.
        let read = tokio::task::spawn_blocking(move || job.read())
            .await
            .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()))
            .map_err(SessionError::from)?;
        Ok(lock(&self.session).take_history(read)?)
    }

    /// Upload a snapshot covering `cursor` when the room holds many bundles past its snapshot,
    /// this phone has applied all of them, and it is missing nothing and owes nothing (a
    /// snapshot lets the relay drop bundles, so it must hold everything they held).
    async fn maybe_snapshot(&self, page: &BundlePage, cursor: u64) -> Result<bool, SyncError> {
        if cursor < page.latest_seq || page.latest_seq.saturating_sub(page.snapshot_seq) < self.snapshot_after
        {
            return Ok(false);
        }
        {
            let mut s = lock(&self.session);
            let owed = bookkeeping::resend(&s)?.is_some();
            if owed || !s.shared_doc()?.automerge().get_missing_deps(&[]).is_empty() {
                return Ok(false);
            }
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

    /// Changes the relay is not known to hold, and earlier partner changes this phone is missing.
    fn counts(&self) -> (usize, usize) {
        let mut s = lock(&self.session);
        let pending = coverage::unpushed(&mut s).map_or(0, |changes| changes.len());
        let missing = s.shared_doc().map(|d| d.automerge().get_missing_deps(&[]).len()).unwrap_or(0);
        (pending, missing)
    }

    /// Recompute the status from the session, with `error` as the last error (if any).
    pub(super) fn refresh_status(&self, error: Option<&SyncError>) {
        let (pending, missing) = self.counts();
        let last_synced = bookkeeping::last_synced(&lock(&self.session)).ok().flatten();
        let state = match error {
            Some(e) if e.is_offline() => SyncState::Offline,
            Some(_) => SyncState::Error,
            None => settled_state(pending, missing),
        };
        self.status.send_replace(SyncStatus {
            state,
            last_synced,
            pending_changes: pending,
            missing_from_partner: missing,
            last_error: error.map(SyncError::user_message),
        });
    }
}

/// The state with no problem to show: waiting while changes are unpushed or missing, else synced.
fn settled_state(pending: usize, missing: usize) -> SyncState {
    if pending > 0 || missing > 0 { SyncState::Waiting } else { SyncState::Synced }
}
