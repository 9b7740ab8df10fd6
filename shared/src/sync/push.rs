//! Push: every change the relay is not known to hold (any author's), plus whatever the partner's
//! phone asked to have sent again, as compact sealed bundles; and the resend requests themselves.

use super::coverage::{self, HeldChange, Outgoing};
use super::resend::ResendRequest;
use super::{SyncError, Syncer, bookkeeping, lock};
use crate::protocol::{BundleId, MAX_BUNDLE_BYTES};
use automerge::ChangeHash;
use std::collections::HashSet;

/// Operations per bundle before sealing. A typical operation takes a few bytes once bundled, so
/// this keeps an ordinary batch well under the relay's limit; one heavy with long text that still
/// seals too big is halved until it fits (see [`Syncer::seal_within_limit`]).
const OPS_PER_BUNDLE: u64 = 100_000;

/// One sealed bundle ready to upload, with the changes it carries.
struct SealedBundle {
    id: BundleId,
    sealed: Vec<u8>,
    changes: Vec<HeldChange>,
}

impl Syncer {
    /// Push every change the relay is not known to hold, as compact automerge bundles (changes
    /// encoded column by column, several times smaller than the changes one by one), and any
    /// resend the partner's phone asked for. Returns (changes, bundles) pushed.
    pub async fn push(&self) -> Result<(usize, usize), SyncError> {
        let (batches, heads_then, resend) = {
            let mut s = lock(&self.session);
            let mut changes = coverage::unpushed(&mut s)?;
            let resend = bookkeeping::resend(&s)?;
            if let Some(their_heads) = &resend {
                // Everything the partner's phone lacks, even what the relay is thought to hold.
                let doc = s.shared_doc()?.automerge();
                let their_heads: Vec<ChangeHash> = their_heads
                    .iter()
                    .copied()
                    .filter(|h| doc.get_change_meta_by_hash(h).is_some())
                    .collect();
                let mut again = coverage::changes_after(doc, &their_heads);
                let seen: HashSet<ChangeHash> = again.iter().map(|c| c.held.0).collect();
                again.extend(changes.into_iter().filter(|c| !seen.contains(&c.held.0)));
                changes = again;
            }
            let heads_then = s.shared_doc()?.heads();
            (batches(changes), heads_then, resend.is_some())
        };
        let mut pushed = (0, 0);
        for batch in batches {
            for bundle in self.seal_within_limit(&batch)? {
                let stored = self.relay.put_bundle(&self.keys, &bundle.id, bundle.sealed).await?;
                lock(&self.session).batch(|s| -> Result<(), SyncError> {
                    coverage::record_held(s, &bundle.changes)?;
                    // Directly after the cursor: this phone already has it, so never download it.
                    if stored.seq == bookkeeping::cursor(s)? + 1 {
                        bookkeeping::set_cursor(s, stored.seq)?;
                    }
                    Ok(())
                })?;
                pushed.0 += bundle.changes.len();
                pushed.1 += 1;
            }
        }
        lock(&self.session).batch(|s| -> Result<(), SyncError> {
            // Everything below the heads at the start is on the relay now.
            let held: Vec<HeldChange> = heads_then.into_iter().map(|h| (h, Vec::new())).collect();
            coverage::record_held(s, &held)?;
            if resend {
                bookkeeping::set_resend(s, None)?;
            }
            Ok(())
        })?;
        Ok(pushed)
    }

    /// Seal a batch as one bundle, halving it until each sealed bundle fits the relay's limit.
    fn seal_within_limit(&self, batch: &[HeldChange]) -> Result<Vec<SealedBundle>, SyncError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let plaintext = {
            let mut s = lock(&self.session);
            let doc = s.shared_doc()?.automerge();
            doc.bundle(batch.iter().map(|(h, _)| *h))
                .map_err(|e| SyncError::Session(crate::doc::DocError::from(e).into()))?
                .bytes()
                .to_vec()
        };
        let (id, sealed) = self.keys.seal_bundle(&self.device, &plaintext)?;
        if sealed.len() <= MAX_BUNDLE_BYTES || batch.len() == 1 {
            return Ok(vec![SealedBundle { id, sealed, changes: batch.to_vec() }]);
        }
        let (a, b) = batch.split_at(batch.len() / 2);
        let mut parts = self.seal_within_limit(a)?;
        parts.extend(self.seal_within_limit(b)?);
        Ok(parts)
    }

    /// Ask the partner's phone to send again the changes this phone is missing, once per gap
    /// (again only if a pull brought the partner's changes and the gap is still there). Returns
    /// whether a request went out.
    pub(super) async fn ask_for_missing(&self, partner_bundles_applied: usize) -> Result<bool, SyncError> {
        let (missing, heads) = {
            let mut s = lock(&self.session);
            let requested = bookkeeping::requested(&s)?;
            let doc = s.shared_doc()?.automerge();
            let missing = doc.get_missing_deps(&[]);
            if missing.is_empty() || (missing == requested && partner_bundles_applied == 0) {
                return Ok(false);
            }
            (missing, doc.get_heads())
        };
        tracing::info!(missing = missing.len(), "asking the partner's phone to send missing changes again");
        let request = ResendRequest { missing: missing.clone(), heads }.encode();
        let (id, sealed) = self.keys.seal_request(&self.device, &request)?;
        let stored = self.relay.put_bundle(&self.keys, &id, sealed).await?;
        lock(&self.session).batch(|s| -> Result<(), SyncError> {
            bookkeeping::set_requested(s, &missing)?;
            if stored.seq == bookkeeping::cursor(s)? + 1 {
                bookkeeping::set_cursor(s, stored.seq)?;
            }
            Ok(())
        })?;
        Ok(true)
    }
}

/// Split changes into batches of at most [`OPS_PER_BUNDLE`] operations, oldest first.
fn batches(changes: Vec<Outgoing>) -> Vec<Vec<HeldChange>> {
    let mut out: Vec<Vec<HeldChange>> = Vec::new();
    let mut ops = 0;
    for change in changes {
        match out.last_mut() {
            Some(batch) if ops + change.ops <= OPS_PER_BUNDLE => {
                ops += change.ops;
                batch.push(change.held);
            }
            _ => {
                ops = change.ops;
                out.push(vec![change.held]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outgoing(n: u8, ops: u64) -> Outgoing {
        Outgoing { held: (ChangeHash([n; 32]), Vec::new()), ops }
    }

    #[test]
    fn changes_are_batched_in_order_by_their_operations() {
        let half = OPS_PER_BUNDLE / 2;
        let changes = vec![outgoing(1, half), outgoing(2, half), outgoing(3, 1), outgoing(4, 0)];
        let hashes = |batch: &Vec<HeldChange>| batch.iter().map(|(h, _)| h.0[0]).collect::<Vec<_>>();
        let batches = batches(changes);
        assert_eq!(batches.iter().map(hashes).collect::<Vec<_>>(), vec![vec![1, 2], vec![3, 4]]);
    }

    #[test]
    fn a_change_bigger_than_a_batch_goes_alone() {
        let batches = batches(vec![outgoing(1, 1), outgoing(2, OPS_PER_BUNDLE * 3), outgoing(3, 1)]);
        assert_eq!(batches.iter().map(Vec::len).collect::<Vec<_>>(), vec![1, 1, 1]);
    }
}
