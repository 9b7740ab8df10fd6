//! A room's row and the constant-time token check every room operation starts with.

use super::StoreError;
use mend_shared::protocol::RoomId;
use rusqlite::{Connection, OptionalExtension};
use subtle::ConstantTimeEq;

/// SHA-256 of a room's bearer token.
#[derive(Clone, Copy)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// Wrap a hash.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        TokenHash(bytes)
    }

    /// The hash bytes, for storing.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHash(<redacted>)")
    }
}

/// The columns of `rooms` the operations need.
#[derive(Debug, Clone, Copy)]
pub(super) struct RoomRow {
    pub(super) key: i64,
    pub(super) latest_seq: u64,
    pub(super) snapshot_seq: u64,
    pub(super) used_bytes: u64,
}

/// Look the room up and check the token. An unknown room still does a comparison, against a
/// dummy hash, so both refusals take the same path and give the same answer.
pub(super) fn authorize(conn: &Connection, room: &RoomId, token: &TokenHash) -> Result<RoomRow, StoreError> {
    let found = conn
        .prepare_cached(
            "SELECT key, token_hash, latest_seq, snapshot_seq, used_bytes FROM rooms WHERE id = ?1",
        )?
        .query_row([room.as_bytes()], |r| {
            let row = RoomRow {
                key: r.get(0)?,
                latest_seq: r.get(2)?,
                snapshot_seq: r.get(3)?,
                used_bytes: r.get(4)?,
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
