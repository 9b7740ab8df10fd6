//! Pull: fetch bundles after the cursor page by page, open and check each, apply them, persist
//! the document, then move the cursor — so a crash at any point repeats work but never loses it.
//!
//! A bundle that fails to open is skipped (its changes are asked for again, see
//! [`super::resend`]); a bundle sealed by a newer Mend is never skipped: the pull stops before it.

use super::coverage::{self, HeldChange};
use super::resend::ResendRequest;
use super::{SyncError, Syncer, bookkeeping, lock};
use crate::crypto::{CryptoError, Sealed, SealedKind, newer_version};
use crate::doc::{DocError, Incoming};
use crate::protocol::BundlePage;
use crate::relay::RelayError;
use crate::session::{Session, SessionError};
use automerge::Change;
use std::time::Duration;

/// What one pull did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullReport {
    /// Bundles opened and applied (not counting this device's own).
    pub applied: usize,
    /// Bundles that failed to open or check and were skipped.
    pub rejected: usize,
    /// Why the first rejected bundle was refused.
    pub first_rejection: Option<CryptoError>,
    /// Resend requests from the partner's phone that this phone can answer.
    pub resend_requests: usize,
    /// Whether the phone caught up from the room's snapshot first.
    pub from_snapshot: bool,
    /// List requests made (pages read).
    pub pages: usize,
    /// The cursor after the pull.
    pub cursor: u64,
    /// Earlier changes this phone is missing after the pull (their later changes wait).
    pub missing: usize,
}

/// One page, opened.
#[derive(Default)]
struct OpenedPage {
    plaintext: Vec<u8>,
    /// The plaintext's changes, parsed while checking each bundle; `None` once a bundle held
    /// something else (a whole document), which the merge then reads itself.
    changes: Option<Vec<Change>>,
    applied: usize,
    rejected: usize,
    first_rejection: Option<CryptoError>,
    requests: Vec<ResendRequest>,
    /// The last seq handled: the page's last, or the one before a bundle from a newer Mend.
    cursor: u64,
    newer: Option<u8>,
}

impl Syncer {
    /// Pull and apply everything after the cursor, waiting up to `wait` if nothing is there.
    pub async fn pull(&self, wait: Duration) -> Result<(PullReport, Option<BundlePage>), SyncError> {
        let mut report = PullReport::default();
        self.restore_held_back()?;
        let mut wait = wait;
        let last_page = loop {
            let after = bookkeeping::cursor(&lock(&self.session))?;
            report.pages += 1;
            let page = match self.relay.list_bundles(&self.keys, after, self.page_limit, wait).await {
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
            let opened = self.open_page(&page, after);
            report.applied += opened.applied;
            report.rejected += opened.rejected;
            if report.first_rejection.is_none() {
                report.first_rejection = opened.first_rejection;
            }
            {
                let mut s = lock(&self.session);
                // Document first, then the bookkeeping: a crash in between only repeats the apply.
                let applied = match opened.plaintext.is_empty() {
                    true => None,
                    false => {
                        let incoming = Incoming::from_parts(&opened.plaintext, opened.changes);
                        Some(merge_from_relay(&mut s, incoming)?)
                    }
                };
                // What the merge means for the relay's coverage and the cursor, in one transaction.
                report.resend_requests += s.batch(|s| -> Result<usize, SyncError> {
                    if let Some(applied) = applied {
                        record_merge(s, applied, &opened.plaintext, true)?;
                    }
                    let mut owed = 0;
                    for request in opened.requests {
                        owed += usize::from(owe_resend(s, request)?);
                    }
                    bookkeeping::set_cursor(s, opened.cursor)?;
                    Ok(owed)
                })?;
            }
            report.cursor = opened.cursor;
            if let Some(version) = opened.newer {
                return Err(SyncError::NeedsUpdate { version });
            }
            // An empty page ends the pull even if the relay claims more: never spin.
            if page.is_complete(after) || page.bundles.is_empty() {
                break page;
            }
        };
        report.missing = lock(&self.session).shared_doc()?.automerge().get_missing_deps(&[]).len();
        Ok((report, Some(last_page)))
    }

    /// Open every bundle on a page that is not this device's own, stopping before one sealed by
    /// a newer Mend.
    fn open_page(&self, page: &BundlePage, after: u64) -> OpenedPage {
        let mut out = OpenedPage { cursor: after, changes: Some(Vec::new()), ..Default::default() };
        for bundle in &page.bundles {
            if let Some(version) = newer_version(&bundle.bytes) {
                tracing::warn!(seq = bundle.seq, version, "a bundle from a newer Mend; stopping before it");
                out.newer = Some(version);
                return out;
            }
            out.cursor = bundle.seq;
            let sealed = Sealed::parse(&bundle.bytes);
            if sealed.as_ref().is_ok_and(|s| s.sender == self.device) {
                continue;
            }
            let result = match sealed.map(|s| s.kind) {
                Ok(SealedKind::Request) => self
                    .keys
                    .open_request(&bundle.id, &bundle.bytes)
                    .and_then(|o| ResendRequest::decode(&o.plaintext))
                    .map(|r| out.requests.push(r)),
                _ => self.keys.open_bundle(&bundle.id, &bundle.bytes).and_then(|opened| {
                    let parsed = Incoming::check(&opened.plaintext)
                        .map_err(|_| CryptoError::Unreadable { what: "bundle" })?
                        .into_changes();
                    match (&mut out.changes, parsed) {
                        (Some(all), Some(these)) => all.extend(these),
                        (changes, _) => *changes = None,
                    }
                    out.plaintext.extend_from_slice(&opened.plaintext);
                    out.applied += 1;
                    Ok(())
                }),
            };
            if let Err(e) = result {
                tracing::warn!(seq = bundle.seq, error = %e, "a bundle was refused; skipped");
                out.rejected += 1;
                out.first_rejection.get_or_insert(e);
            }
        }
        out
    }

    /// Catch up from the room's snapshot (a new or reinstalled phone, or one far behind).
    async fn restore_snapshot(&self) -> Result<(), SyncError> {
        let (seq, sealed) = self
            .relay
            .get_snapshot(&self.keys)
            .await?
            .ok_or(RelayError::UnexpectedAnswer("a snapshot was required but none exists".into()))?;
        if let Some(version) = newer_version(&sealed) {
            return Err(SyncError::NeedsUpdate { version });
        }
        let opened = self.keys.open_snapshot(seq, &sealed)?;
        let mut s = lock(&self.session);
        // The merge refuses a damaged snapshot and keeps nothing of it; checking it first as
        // well would parse the whole document twice.
        let applied = match merge_from_relay(&mut s, Incoming::parse(&opened.plaintext)) {
            Err(SyncError::Session(SessionError::Doc(DocError::Automerge(_)))) => {
                return Err(CryptoError::Unreadable { what: "snapshot" }.into());
            }
            applied => applied?,
        };
        s.batch(|s| -> Result<(), SyncError> {
            record_merge(s, applied, &opened.plaintext, true)?;
            bookkeeping::set_cursor(s, seq)
        })?;
        Ok(())
    }

    /// After a restart, put changes that were waiting for a missing one back in line (automerge
    /// keeps them only in memory).
    pub(super) fn restore_held_back(&self) -> Result<(), SyncError> {
        let mut s = lock(&self.session);
        let held = bookkeeping::held_back(&s)?;
        if held.is_empty() || !s.shared_doc()?.automerge().get_missing_deps(&[]).is_empty() {
            return Ok(());
        }
        let applied = merge_from_relay(&mut s, Incoming::parse(&held))?;
        s.batch(|s| record_merge(s, applied, &held, false))
    }
}

/// Merge changes that came from the relay (the document is saved in its own transaction) and
/// return those it applied.
fn merge_from_relay(s: &mut Session, incoming: Incoming<'_>) -> Result<Vec<HeldChange>, SyncError> {
    let doc = s.shared_doc()?.automerge();
    let arriving = incoming.changes().map(|changes| coverage::arriving(doc, changes));
    let before = doc.get_heads();
    s.apply_shared_incoming(incoming)?;
    let doc = s.shared_doc()?.automerge();
    Ok(match arriving {
        Some(arriving) => coverage::kept(doc, arriving),
        None => coverage::applied_since(doc, &before),
    })
}

/// After a merge: record that the relay holds what it applied, and (when `keep_aside`) keep the
/// merged `plaintext` while any change waits for a missing one.
fn record_merge(
    s: &mut Session,
    applied: Vec<HeldChange>,
    plaintext: &[u8],
    keep_aside: bool,
) -> Result<(), SyncError> {
    let waiting = !s.shared_doc()?.automerge().get_missing_deps(&[]).is_empty();
    coverage::record_held(s, &applied)?;
    match (waiting, keep_aside) {
        (true, true) => bookkeeping::add_held_back(s, plaintext),
        (true, false) => Ok(()),
        (false, _) => bookkeeping::clear_held_back(s),
    }
}

/// Note a resend the partner's phone asked for, if this phone holds any of what it misses.
fn owe_resend(s: &mut Session, request: ResendRequest) -> Result<bool, SyncError> {
    let doc = s.shared_doc()?.automerge();
    if !request.missing.iter().any(|h| doc.get_change_meta_by_hash(h).is_some()) {
        return Ok(false);
    }
    bookkeeping::set_resend(s, Some(&request.heads))?;
    Ok(true)
}
