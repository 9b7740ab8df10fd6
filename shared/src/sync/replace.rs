//! Replacing a partner's lost phone: the couple moves to a fresh pair secret and room at once.
//!
//! Ben's phone still holds everything the couple shares. He starts a replacement and gets a
//! code; Ana's new phone joins with it and becomes Ana again (her partner id from the shared
//! document, never a second profile). Ben's phone then stores the new secret, sends the whole
//! shared history into the new room (a new room's bookkeeping holds nothing, so a push sends
//! every change) and deletes the old room. The lost phone keeps only the old secret, which
//! derives only the old room: nothing written afterwards can be opened with it.
//!
//! Ana's private journal was never on Ben's phone: it comes back only from her sealed backup.

use super::couple::{InviteMode, PendingInvite, delete_room, remember_room_deletion, store_keys};
use super::{KeyStore, SharedSession, SyncError, Syncer, bookkeeping, lock};
use crate::crypto::PairSecret;
use crate::ids::PartnerId;
use crate::pairing::Invitation;
use crate::relay::RelayClient;
use crate::session::Session;
use std::time::{Duration, Instant};

/// How long a replacing phone waits for the partner's phone to send the shared history before
/// showing the app (live sync carries on after that).
const HISTORY_WAIT: Duration = Duration::from_secs(60);
/// Where a replacing phone remembers whom it becomes until the shared history arrives.
const REPLACING: &str = "identity/replacing";

/// Start replacing the partner's lost phone: returns the invitation whose code to give them.
/// Needs this phone paired and the partner known in the shared document.
pub async fn replace_partner_phone(
    session: &SharedSession,
    relay: &RelayClient,
) -> Result<PendingInvite, SyncError> {
    let (old, lost) = {
        let s = lock(session);
        let old = KeyStore::of_syncing(&s)?.load()?.ok_or(SyncError::NotPaired)?;
        let lost = s.partner().map(|p| p.id.clone()).ok_or(SyncError::NoPartnerToReplace)?;
        (old, lost)
    };
    let invitation = Invitation::create(relay).await?;
    Ok(PendingInvite {
        session: session.clone(),
        relay: relay.clone(),
        invitation,
        secret: PairSecret::random(),
        mode: InviteMode::Replace { lost, old },
    })
}

/// After the new phone has the `new` secret: store it, push everything into the new room, and
/// delete the old room. The old room's deletion is recorded first, so if this phone stops
/// part-way it is retried at the next start; a failed push is finished by live sync.
pub(super) async fn move_couple(
    session: &SharedSession,
    relay: &RelayClient,
    new: &PairSecret,
    old: &PairSecret,
) -> Result<(), SyncError> {
    let old_keys = old.derive();
    remember_room_deletion(&mut lock(session), &old_keys)?;
    store_keys(session, new)?;
    if let Some(syncer) = Syncer::for_session(session.clone(), relay.clone())? {
        let _ = syncer.sync_once().await;
    }
    if delete_room(relay, &old_keys).await.unwrap_or(false) {
        bookkeeping::set_pending_delete(&mut lock(session), None)?;
    }
    Ok(())
}

/// On the replacing phone: pull until `lost`'s record has arrived, or for at most a minute.
pub(super) async fn wait_for_history(syncer: &Syncer, lost: &PartnerId) {
    let deadline = Instant::now() + HISTORY_WAIT;
    while !has_partner(&lock(syncer.session()), lost) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let round = syncer.round(left.min(Duration::from_secs(20)), false).await;
        let result = round.into_result();
        syncer.finish_round(&result).await;
        if result.is_err() {
            tokio::time::sleep(Duration::from_secs(1).min(left)).await;
        }
    }
}

/// Become `lost` now if their record is here, else as soon as sync brings it.
pub(super) fn adopt_now_or_when_synced(s: &mut Session, lost: &PartnerId) -> Result<(), SyncError> {
    s.store().set_value(REPLACING, lost.as_str().as_bytes()).map_err(|e| SyncError::Session(e.into()))?;
    adopt_if_arrived(s).map(drop)
}

/// Take on the identity a replacement promised once its record has arrived; returns whether it
/// did. Called after every pull.
pub(super) fn adopt_if_arrived(s: &mut Session) -> Result<bool, SyncError> {
    let Some(lost) = awaited_partner(s) else { return Ok(false) };
    if s.my_id().is_some() {
        s.store().delete_value(REPLACING).map_err(|e| SyncError::Session(e.into()))?;
        return Ok(false);
    }
    if !has_partner(s, &lost) {
        return Ok(false);
    }
    s.adopt_profile(&lost)?;
    s.store().delete_value(REPLACING).map_err(|e| SyncError::Session(e.into()))?;
    Ok(true)
}

/// Whether this phone is a replacement still waiting for its partner's phone to send the shared
/// history (it has the couple's keys but not yet its own identity).
pub fn awaiting_history(s: &Session) -> bool {
    s.my_id().is_none() && awaited_partner(s).is_some()
}

fn awaited_partner(s: &Session) -> Option<PartnerId> {
    let raw = s.store_ref().value(REPLACING).ok().flatten()?;
    String::from_utf8(raw).ok()?.parse().ok()
}

fn has_partner(s: &Session, id: &PartnerId) -> bool {
    s.shared().partners.get(id.as_str()).is_some()
}
