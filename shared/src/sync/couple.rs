//! Becoming a couple and ceasing to be one: pairing by code on top of a session, and unpairing.

use super::{KeyStore, SharedSession, SyncError, Syncer, bookkeeping, lock, replace};
use crate::crypto::{CoupleKeys, PairSecret};
use crate::ids::PartnerId;
use crate::pairing::{Invitation, PairedWith, PairingCode, PairingError, join};
use crate::relay::{RelayClient, RelayError};

/// An invitation this phone made, waiting for the partner to type its code.
#[derive(Debug)]
pub struct PendingInvite {
    pub(super) session: SharedSession,
    pub(super) relay: RelayClient,
    pub(super) invitation: Invitation,
    pub(super) secret: PairSecret,
    pub(super) mode: InviteMode,
}

/// What the invitation is for.
#[derive(Debug)]
pub(super) enum InviteMode {
    /// Becoming a couple: a fresh secret and room.
    New,
    /// A partner's reinstalled phone joins with the couple's existing secret.
    Rejoin,
    /// A partner's lost phone is replaced: a fresh secret and room, then the old room goes.
    Replace {
        /// The partner whose phone is replaced; the joiner becomes them.
        lost: PartnerId,
        /// The secret the lost phone still holds.
        old: PairSecret,
    },
}

/// Who this phone is now paired with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paired {
    /// The partner's name, when they have set one.
    pub partner_name: Option<String>,
}

/// What unpairing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unpaired {
    /// Whether the relay's encrypted copy was deleted now (otherwise it is retried later).
    pub relay_copy_deleted: bool,
    /// Whether this phone kept its copy of the couple's document.
    pub kept_copy: bool,
}

/// Whether this session's phone is paired.
pub fn is_paired(session: &SharedSession) -> Result<bool, SyncError> {
    Ok(KeyStore::of_syncing(&lock(session))?.load()?.is_some())
}

/// Start pairing as the inviting phone: returns the invitation whose code to show. On a phone
/// that is already paired this invites the partner's new (or reinstalled) phone into the same
/// couple, sharing the existing secret.
pub async fn invite(session: &SharedSession, relay: &RelayClient) -> Result<PendingInvite, SyncError> {
    let existing = KeyStore::of_syncing(&lock(session))?.load()?;
    let invitation = Invitation::create(relay).await?;
    let (secret, mode) = match existing {
        Some(secret) => (secret, InviteMode::Rejoin),
        None => (PairSecret::random(), InviteMode::New),
    };
    Ok(PendingInvite { session: session.clone(), relay: relay.clone(), invitation, secret, mode })
}

impl PendingInvite {
    /// The code to show the partner, e.g. `7-harbor-lantern-quiet`.
    pub fn code(&self) -> String {
        self.invitation.code().to_string()
    }

    /// Whether this invitation replaces a partner's lost phone.
    pub fn is_replacement(&self) -> bool {
        matches!(self.mode, InviteMode::Replace { .. })
    }

    /// Create the couple's room on the relay (a new one unless rejoining), wait for the partner
    /// to join (up to the code's ten minutes), then store the keys. The room exists before the
    /// secret is handed over, and the keys are stored last: any failure leaves this phone as it
    /// was (and an unused new room deleted). A replacement then moves the couple to the new
    /// room: see [`replace_partner_phone`](super::replace_partner_phone).
    pub async fn finish(self) -> Result<Paired, SyncError> {
        let keys = self.secret.derive();
        let new_room = !matches!(self.mode, InviteMode::Rejoin);
        if new_room && let Err(e) = self.relay.create_room(&keys).await {
            self.invitation.cancel().await;
            return Err(e.into());
        }
        let me = lock(&self.session).me().cloned();
        let lost = match &self.mode {
            InviteMode::Replace { lost, .. } => Some(lost),
            _ => None,
        };
        let with = match self.invitation.complete(&self.secret, me.as_ref(), lost).await {
            Ok(with) => with,
            Err(e) => {
                if new_room {
                    let _ = self.relay.delete_room(&keys.room, &keys.token).await;
                }
                return Err(e.into());
            }
        };
        match self.mode {
            InviteMode::New => store_keys(&self.session, &self.secret)?,
            InviteMode::Rejoin => {}
            InviteMode::Replace { old, .. } => {
                replace::move_couple(&self.session, &self.relay, &self.secret, &old).await?;
            }
        }
        Ok(Paired { partner_name: with.partner.map(|p| p.name) })
    }

    /// Give up on this invitation.
    pub async fn cancel(self) {
        self.invitation.cancel().await;
    }
}

/// Pair as the joining phone with the code the partner shows, then sync once so both documents
/// merge. A phone without a profile (a reinstall) takes on its old self from the couple's
/// document, if there is exactly one partner besides the inviter.
pub async fn join_with_code(
    session: &SharedSession,
    relay: &RelayClient,
    code: &str,
) -> Result<Paired, SyncError> {
    if is_paired(session)? {
        return Err(SyncError::AlreadyPaired);
    }
    let code: PairingCode = code.parse()?;
    let me = lock(session).me().cloned();
    let (secret, PairedWith { partner, replacing }) = join(relay, &code, me.as_ref()).await?;
    if let (Some(lost), Some(me)) = (&replacing, &me)
        && &me.id != lost
    {
        return Err(PairingError::NotTheReplacedPartner { name: me.name.clone() }.into());
    }
    become_couple(session, relay, &secret).await?;
    if let Some(syncer) = Syncer::for_session(session.clone(), relay.clone())? {
        // The first sync may fail (the relay can drop away); live sync will finish the job.
        let _ = syncer.sync_once().await;
        if let Some(lost) = &replacing {
            replace::wait_for_history(&syncer, lost).await;
        }
    }
    let mut s = lock(session);
    if s.me().is_none() {
        match &replacing {
            // The shared history may still be on its way: the sync engine adopts the identity
            // as soon as it arrives.
            Some(lost) => replace::adopt_now_or_when_synced(&mut s, lost)?,
            None => {
                let inviter = partner.as_ref().map(|p| p.id.clone());
                let others: Vec<_> = s
                    .shared()
                    .partners
                    .iter()
                    .filter(|p| Some(&p.id) != inviter.as_ref())
                    .map(|p| p.id.clone())
                    .collect();
                if let [only] = others.as_slice() {
                    s.adopt_profile(only)?;
                }
            }
        }
    }
    Ok(Paired { partner_name: partner.map(|p| p.name) })
}

/// Create the room (idempotent), then start sync bookkeeping afresh and store the keys: the
/// key file is written last, so a failure before it leaves the phone unpaired.
async fn become_couple(
    session: &SharedSession,
    relay: &RelayClient,
    secret: &PairSecret,
) -> Result<(), SyncError> {
    relay.create_room(&secret.derive()).await?;
    store_keys(session, secret)
}

/// Start sync bookkeeping afresh (a new room holds nothing) and store the pair secret.
pub(super) fn store_keys(session: &SharedSession, secret: &PairSecret) -> Result<(), SyncError> {
    let mut s = lock(session);
    let keys = KeyStore::of_syncing(&s)?;
    bookkeeping::reset(&mut s)?;
    keys.save(secret)
}

/// Unpair this phone: delete the couple's room on the relay and forget the keys. Needs nobody's
/// consent and works when the partner's phone is gone. With `keep_copy` this phone keeps the
/// couple's document as it is now; without, the shared document is erased here (the private
/// journal always stays). If the relay can't be reached, its deletion is retried on the next
/// [`retry_pending_room_deletion`].
pub async fn unpair(
    session: &SharedSession,
    relay: &RelayClient,
    keep_copy: bool,
) -> Result<Unpaired, SyncError> {
    let (keys_file, secret) = {
        let keys = KeyStore::of_syncing(&lock(session))?;
        let secret = keys.load()?.ok_or(SyncError::NotPaired)?;
        (keys, secret)
    };
    let keys = secret.derive();
    let relay_copy_deleted = delete_room(relay, &keys).await?;
    {
        let mut s = lock(session);
        if !relay_copy_deleted {
            remember_room_deletion(&mut s, &keys)?;
        }
        keys_file.forget()?;
        bookkeeping::reset(&mut s)?;
        if !keep_copy {
            s.erase_shared_copy()?;
        }
    }
    Ok(Unpaired { relay_copy_deleted, kept_copy: keep_copy })
}

/// Delete the room of `keys` on the relay: `Ok(false)` when the relay can't be reached now (keep
/// it for a retry), an error when it refused for another reason.
pub(super) async fn delete_room(relay: &RelayClient, keys: &CoupleKeys) -> Result<bool, SyncError> {
    match relay.delete_room(&keys.room, &keys.token).await {
        // Already gone (the partner unpaired first) counts as deleted.
        Ok(()) | Err(RelayError::Unauthorized) => Ok(true),
        Err(e) if e.is_transient() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Keep the room of `keys` for [`retry_pending_room_deletion`] (its id and token, no content key).
pub(super) fn remember_room_deletion(
    s: &mut crate::session::Session,
    keys: &CoupleKeys,
) -> Result<(), SyncError> {
    let mut pending = [0u8; 64];
    pending[..32].copy_from_slice(keys.room.as_bytes());
    pending[32..].copy_from_slice(keys.token.as_bytes());
    bookkeeping::set_pending_delete(s, Some(&pending))
}

/// Retry deleting a room left on the relay by an unpair made offline. Returns whether one was
/// deleted now.
pub async fn retry_pending_room_deletion(
    session: &SharedSession,
    relay: &RelayClient,
) -> Result<bool, SyncError> {
    let Some(pending) = bookkeeping::pending_delete(&lock(session))? else { return Ok(false) };
    let mut room = [0u8; 32];
    let mut token = [0u8; 32];
    room.copy_from_slice(&pending[..32]);
    token.copy_from_slice(&pending[32..]);
    let room = crate::protocol::RoomId::from_bytes(room);
    let token = crate::protocol::RelayToken::from_bytes(token);
    match relay.delete_room(&room, &token).await {
        Ok(()) | Err(RelayError::Unauthorized) => {
            bookkeeping::set_pending_delete(&mut lock(session), None)?;
            Ok(true)
        }
        Err(e) => Err(e.into()),
    }
}
