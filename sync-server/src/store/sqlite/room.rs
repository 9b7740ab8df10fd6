//! A room's row and the constant-time token check every room operation starts with.

use crate::store::{StoreError, TokenHash};
use mend_shared::protocol::RoomId;
use rusqlite::{Connection, OptionalExtension};
use subtle::ConstantTimeEq;

/// The columns of `rooms` the operations need.
#[derive(Debug, Clone, Copy)]
pub(super) struct RoomRow {
    pub(super) key: i64,
    pub(super) latest_seq: u64,
    pub(super) snapshot_seq: u64,
    pub(super) used_bytes: u64,
    /// When the room was last used, in milliseconds since the Unix epoch (for idle expiry).
    pub(super) active_at: i64,
}

/// A room's key and last use, for noting that a read used it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Activity {
    pub(super) key: i64,
    pub(super) active_at: i64,
}

impl Activity {
    pub(super) fn of(row: &RoomRow) -> Activity {
        Activity { key: row.key, active_at: row.active_at }
    }
}

/// Look the room up and check the token. An unknown room still does a comparison, against a
/// dummy hash, so both refusals take the same path and give the same answer.
pub(super) fn authorize(conn: &Connection, room: &RoomId, token: &TokenHash) -> Result<RoomRow, StoreError> {
    let found = conn
        .prepare_cached(
            "SELECT key, token_hash, latest_seq, snapshot_seq, used_bytes, active_at FROM rooms WHERE id = ?1",
        )?
        .query_row([room.as_bytes()], |r| {
            let row = RoomRow {
                key: r.get(0)?,
                latest_seq: r.get(2)?,
                snapshot_seq: r.get(3)?,
                used_bytes: r.get(4)?,
                active_at: r.get(5)?,
            };
            Ok((row, r.get::<_, [u8; 32]>(1)?))
        })
        .optional()?;
    match found {
        Some((row, stored)) if bool::from(stored.ct_eq(token.as_bytes())) => Ok(row),
        Some(_) => Err(StoreError::Unauthorized),
        None => {
            let _ = [0u8; 32].ct_eq(token.as_bytes());
            Err(StoreError::Unauthorized)
        }
    }
}

/// Room count and stored bytes, for the gauges at start-up.
pub(super) fn totals(conn: &Connection) -> Result<(u64, u64), StoreError> {
    Ok(conn.query_row("SELECT count(*), coalesce(sum(used_bytes), 0) FROM rooms", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?)
}
