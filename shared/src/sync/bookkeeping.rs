//! Sync bookkeeping kept in the data file: the relay cursor, the last change pushed, and when
//! the last sync succeeded. (Keys are not here: see [`super::KeyStore`].)

use super::SyncError;
use crate::session::Session;
use crate::time::Stamp;
use automerge::ChangeHash;

const CURSOR: &str = "sync/cursor";
const PUSHED: &str = "sync/pushed";
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

/// The newest change of this device the relay has acknowledged.
pub(super) fn pushed(s: &Session) -> Result<Option<ChangeHash>, SyncError> {
    match s.store_ref().value(PUSHED).map_err(session_err)? {
        Some(b) => Ok(ChangeHash::try_from(b.as_slice()).ok()),
        None => Ok(None),
    }
}

pub(super) fn set_pushed(s: &mut Session, hash: &ChangeHash) -> Result<(), SyncError> {
    s.store().set_value(PUSHED, &hash.0).map_err(session_err)
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

/// Forget cursor, pushed head and last sync (keeps a pending room deletion).
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

fn session_err(e: crate::store::StoreError) -> SyncError {
    SyncError::Session(e.into())
}
