//! Sync bookkeeping kept in the data file: the relay cursor, the heads the relay is known to
//! hold, held-back changes, resend requests, and when the last sync succeeded. (Keys are not
//! here: see [`super::KeyStore`].)
//!
//! Every entry starts afresh when the room changes ([`reset`]), because a new room holds nothing.

use super::SyncError;
use crate::session::Session;
use crate::time::Stamp;
use automerge::ChangeHash;

const CURSOR: &str = "sync/cursor";
/// Before "relay heads": the newest change of this device the relay acknowledged.
const LEGACY_PUSHED: &str = "sync/pushed";
const RELAY_HEADS: &str = "sync/relay-heads";
const HELD_BACK: &str = "sync/held-back";
const REQUESTED: &str = "sync/requested";
const RESEND: &str = "sync/resend";
const LAST_SYNCED: &str = "sync/last-synced";
const PENDING_DELETE: &str = "sync/pending-room-delete";
const PREFIX: &str = "sync/";

/// The last relay sequence number whose bundle is applied and persisted.
pub(super) fn cursor(s: &Session) -> Result<u64, SyncError> {
    Ok(read_u64(s, CURSOR)?.unwrap_or(0))
}

pub(super) fn set_cursor(s: &mut Session, seq: u64) -> Result<(), SyncError> {
    s.store().set_value(CURSOR, &seq.to_be_bytes()).map_err(session_err)
}

/// Change hashes the relay is known to hold, with all their ancestors: what this phone pushed
/// and what it pulled, of any author. Everything else in the document is pushed.
///
/// Bookkeeping from before (only "my newest pushed change") can't tell which of the partner's
/// changes the relay holds, so it reads as "nothing": the next push sends the document once more,
/// which the partner's phone merges as duplicates. Sending too much is harmless; too little is not.
pub(super) fn relay_heads(s: &Session) -> Result<Vec<ChangeHash>, SyncError> {
    read_hashes(s, RELAY_HEADS).map(Option::unwrap_or_default)
}

pub(super) fn set_relay_heads(s: &mut Session, heads: &[ChangeHash]) -> Result<(), SyncError> {
    write_hashes(s, RELAY_HEADS, heads)?;
    s.store().delete_value(LEGACY_PUSHED).map_err(session_err)
}

/// Plaintext of pulled bundles whose changes wait for a missing earlier change. Automerge keeps
/// such changes only in memory, so they are kept here too and applied again after a restart.
pub(super) fn held_back(s: &Session) -> Result<Vec<u8>, SyncError> {
    Ok(s.store_ref().value(HELD_BACK).map_err(session_err)?.unwrap_or_default())
}

pub(super) fn add_held_back(s: &mut Session, plaintext: &[u8]) -> Result<(), SyncError> {
    let mut all = held_back(s)?;
    all.extend_from_slice(plaintext);
    s.store().set_value(HELD_BACK, &all).map_err(session_err)
}

pub(super) fn clear_held_back(s: &mut Session) -> Result<(), SyncError> {
    s.store().delete_value(HELD_BACK).map_err(session_err)?;
    s.store().delete_value(REQUESTED).map_err(session_err)
}

/// The missing changes this phone last asked the partner's phone to send again.
pub(super) fn requested(s: &Session) -> Result<Vec<ChangeHash>, SyncError> {
    read_hashes(s, REQUESTED).map(Option::unwrap_or_default)
}

pub(super) fn set_requested(s: &mut Session, missing: &[ChangeHash]) -> Result<(), SyncError> {
    write_hashes(s, REQUESTED, missing)
}

/// A resend the partner's phone asked for: its heads then (send everything not below them), or
/// `None` when nothing is owed.
pub(super) fn resend(s: &Session) -> Result<Option<Vec<ChangeHash>>, SyncError> {
    read_hashes(s, RESEND)
}

pub(super) fn set_resend(s: &mut Session, their_heads: Option<&[ChangeHash]>) -> Result<(), SyncError> {
    match their_heads {
        Some(heads) => write_hashes(s, RESEND, heads),
        None => s.store().delete_value(RESEND).map_err(session_err),
    }
}

pub(super) fn last_synced(s: &Session) -> Result<Option<Stamp>, SyncError> {
    match s.store_ref().value(LAST_SYNCED).map_err(session_err)? {
        Some(b) => Ok(String::from_utf8(b)
            .ok()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
            .map(Stamp)),
        None => Ok(None),
    }
}

pub(super) fn set_last_synced(s: &mut Session, at: Stamp) -> Result<(), SyncError> {
    s.store().set_value(LAST_SYNCED, at.to_string().as_bytes()).map_err(session_err)
}

/// A room this phone unpaired from while the relay was unreachable: `room || token`, kept so the
/// deletion can be retried. It holds no content key.
pub(super) fn pending_delete(s: &Session) -> Result<Option<[u8; 64]>, SyncError> {
    Ok(s.store_ref().value(PENDING_DELETE).map_err(session_err)?.and_then(|b| b.try_into().ok()))
}

pub(super) fn set_pending_delete(
    s: &mut Session,
    room_and_token: Option<&[u8; 64]>,
) -> Result<(), SyncError> {
    match room_and_token {
        Some(v) => s.store().set_value(PENDING_DELETE, v),
        None => s.store().delete_value(PENDING_DELETE),
    }
    .map_err(session_err)
}

/// Forget everything about the room (keeps a pending room deletion).
pub(super) fn reset(s: &mut Session) -> Result<(), SyncError> {
    let pending = pending_delete(s)?;
    s.store().delete_values_with_prefix(PREFIX).map_err(session_err)?;
    set_pending_delete(s, pending.as_ref())
}

fn read_u64(s: &Session, key: &str) -> Result<Option<u64>, SyncError> {
    match s.store_ref().value(key).map_err(session_err)? {
        Some(b) => Ok(b.try_into().ok().map(u64::from_be_bytes)),
        None => Ok(None),
    }
}

/// Hashes stored back to back, 32 bytes each. A damaged entry reads as absent, which every
/// caller treats as the safe side (send more, ask again).
fn read_hashes(s: &Session, key: &str) -> Result<Option<Vec<ChangeHash>>, SyncError> {
    let Some(bytes) = s.store_ref().value(key).map_err(session_err)? else { return Ok(None) };
    if bytes.len() % 32 != 0 {
        return Ok(None);
    }
    Ok(bytes.chunks(32).map(|c| ChangeHash::try_from(c).ok()).collect())
}

fn write_hashes(s: &mut Session, key: &str, hashes: &[ChangeHash]) -> Result<(), SyncError> {
    let bytes: Vec<u8> = hashes.iter().flat_map(|h| h.0).collect();
    s.store().set_value(key, &bytes).map_err(session_err)
}

fn session_err(e: crate::store::StoreError) -> SyncError {
    SyncError::Session(e.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Day, ManualClock};
    use std::sync::Arc;

    fn session() -> Session {
        Session::in_memory(Arc::new(ManualClock::at_noon(Day::ymd(2026, 6, 1).unwrap(), 0))).unwrap()
    }

    #[test]
    fn bookkeeping_from_before_relay_heads_reads_as_nothing_held_and_is_replaced() {
        let mut s = session();
        s.store().set_value(LEGACY_PUSHED, &[7u8; 32]).unwrap();
        assert!(relay_heads(&s).unwrap().is_empty(), "an old 'pushed' hash must not count as relay heads");
        let h = ChangeHash([1; 32]);
        set_relay_heads(&mut s, &[h]).unwrap();
        assert_eq!(relay_heads(&s).unwrap(), vec![h]);
        assert_eq!(s.store_ref().value(LEGACY_PUSHED).unwrap(), None);
    }

    #[test]
    fn an_owed_resend_with_no_heads_differs_from_none_owed() {
        let mut s = session();
        assert_eq!(resend(&s).unwrap(), None);
        set_resend(&mut s, Some(&[])).unwrap();
        assert_eq!(resend(&s).unwrap(), Some(vec![]));
        set_resend(&mut s, None).unwrap();
        assert_eq!(resend(&s).unwrap(), None);
    }

    #[test]
    fn reset_forgets_the_room_but_keeps_a_pending_deletion() {
        let mut s = session();
        set_cursor(&mut s, 9).unwrap();
        set_relay_heads(&mut s, &[ChangeHash([2; 32])]).unwrap();
        add_held_back(&mut s, b"x").unwrap();
        set_pending_delete(&mut s, Some(&[3; 64])).unwrap();
        reset(&mut s).unwrap();
        assert_eq!(cursor(&s).unwrap(), 0);
        assert!(relay_heads(&s).unwrap().is_empty());
        assert!(held_back(&s).unwrap().is_empty());
        assert_eq!(pending_delete(&s).unwrap(), Some([3; 64]));
    }
}
