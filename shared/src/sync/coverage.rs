//! What the relay is known to hold, as a set of change hashes ("relay heads"), and what is not
//! yet there: every change of the document, of any author, outside those heads.
//!
//! Pushing adds what was pushed; pulling adds what was pulled. The set is kept small: a hash
//! another member depends on directly is dropped, and once it covers the whole document it
//! collapses to the document's heads.

use super::{SyncError, bookkeeping};
use crate::session::Session;
use automerge::{AutoCommit, Change, ChangeHash};
use std::collections::HashSet;

/// A change the relay now holds: its hash and direct dependencies.
pub(super) type HeldChange = (ChangeHash, Vec<ChangeHash>);

/// The relay heads this document knows (a hash it lacks can't describe anything it holds).
pub(super) fn known_relay_heads(s: &mut Session) -> Result<Vec<ChangeHash>, SyncError> {
    let heads = bookkeeping::relay_heads(s)?;
    let doc = s.shared_doc()?.automerge();
    Ok(known(doc, heads))
}

fn known(doc: &mut AutoCommit, hashes: Vec<ChangeHash>) -> Vec<ChangeHash> {
    hashes.into_iter().filter(|h| doc.get_change_meta_by_hash(h).is_some()).collect()
}

/// A change on its way to the relay: what the relay will then hold, and how many operations it
/// carries (what the push sizes its bundles by).
#[derive(Debug)]
pub(super) struct Outgoing {
    pub held: HeldChange,
    pub ops: u64,
}

/// Every change the relay is not known to hold, oldest first. Read from the changes' metadata:
/// a push bundles them straight from the document, so none is rebuilt on its own first.
pub(super) fn unpushed(s: &mut Session) -> Result<Vec<Outgoing>, SyncError> {
    let have = known_relay_heads(s)?;
    Ok(changes_after(s.shared_doc()?.automerge(), &have))
}

/// Every change of `doc` not covered by `heads`, oldest first, as [`Outgoing`].
pub(super) fn changes_after(doc: &mut AutoCommit, heads: &[ChangeHash]) -> Vec<Outgoing> {
    doc.get_changes_meta(heads)
        .into_iter()
        .map(|m| Outgoing { ops: (m.max_op + 1).saturating_sub(m.start_op), held: (m.hash, m.deps) })
        .collect()
}

/// Record that the relay now holds `held` (changes this document has applied).
pub(super) fn record_held(s: &mut Session, held: &[HeldChange]) -> Result<(), SyncError> {
    if held.is_empty() {
        return Ok(());
    }
    let mut heads = known_relay_heads(s)?;
    let deps: HashSet<ChangeHash> = held.iter().flat_map(|(_, d)| d.iter().copied()).collect();
    heads.retain(|h| !deps.contains(h));
    for (hash, _) in held {
        if !deps.contains(hash) && !heads.contains(hash) {
            heads.push(*hash);
        }
    }
    // The set covers the whole document exactly when it holds every head of it (a head has no
    // later change that could cover it): a look at the heads, not a walk of the history.
    let doc_heads = s.shared_doc()?.heads();
    if doc_heads.iter().all(|h| heads.contains(h)) {
        heads = doc_heads;
    }
    heads.sort();
    bookkeeping::set_relay_heads(s, &heads)
}

/// Of `changes` about to be merged, those `doc` does not hold yet, as held changes; see [`kept`].
pub(super) fn arriving(doc: &mut AutoCommit, changes: &[Change]) -> Vec<HeldChange> {
    changes
        .iter()
        .filter(|c| doc.get_change_meta_by_hash(&c.hash()).is_none())
        .map(|c| (c.hash(), c.deps().to_vec()))
        .collect()
}

/// Of the changes that were [`arriving`], those the merge applied (not those left waiting for a
/// missing dependency): in proportion to the merge, where [`applied_since`] walks the history.
pub(super) fn kept(doc: &mut AutoCommit, arriving: Vec<HeldChange>) -> Vec<HeldChange> {
    arriving.into_iter().filter(|(hash, _)| doc.get_change_meta_by_hash(hash).is_some()).collect()
}

/// The changes `doc` applied since it had `before` as heads, as held changes. From an empty
/// document (a new phone's snapshot) that is all of it, and its heads say so: each covers every
/// change below it, so three years need not be listed change by change.
pub(super) fn applied_since(doc: &mut AutoCommit, before: &[ChangeHash]) -> Vec<HeldChange> {
    if before.is_empty() {
        return doc.get_heads().into_iter().map(|h| (h, Vec::new())).collect();
    }
    doc.get_changes_meta(before).into_iter().map(|m| (m.hash, m.deps)).collect()
}
