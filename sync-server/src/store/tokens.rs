//! Rooms whose token hash was recently seen to match, so an upload's check before its body can
//! skip a database read. Only a match is answered from here; anything else goes to the database,
//! so a wrong token and an unknown room still take the same path. The writer re-checks every
//! token inside its transaction, so this only ever decides whether a body is read.

use super::TokenHash;
use mend_shared::protocol::RoomId;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use subtle::ConstantTimeEq;

/// Most rooms remembered; past it the memory starts over. A full map holds 131,072 buckets of
/// 64 bytes plus a control byte each (the table grows past 7/8 of 65,536), about 8.1 MiB, and
/// keeps that allocation when it starts over: the bound, whatever the room cap.
const CAPACITY: usize = 65_536;

/// Verified (room, token hash) pairs.
#[derive(Debug, Default)]
pub(super) struct VerifiedTokens {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    by_room: HashMap<RoomId, TokenHash>,
    /// Counts deletions, so a check that read the database before one cannot remember what it saw.
    deletions: u64,
}

impl VerifiedTokens {
    /// Whether `token` is the remembered token of `room` (false when the room is not remembered).
    pub(super) fn matches(&self, room: &RoomId, token: &TokenHash) -> bool {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.by_room.get(room).is_some_and(|known| bool::from(known.as_bytes().ct_eq(token.as_bytes())))
    }

    /// Take before reading the database; hand to [`VerifiedTokens::remember`] with what was read.
    pub(super) fn deletions(&self) -> u64 {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner).deletions
    }

    /// Remember a match read from the database, unless a room was deleted since `deletions` was
    /// taken (the read may predate that deletion).
    pub(super) fn remember_read(&self, room: RoomId, token: TokenHash, deletions: u64) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.deletions == deletions {
            inner.insert(room, token);
        }
    }

    /// Remember matches the writer committed, then forget the rooms it deleted (in that order, so
    /// a room created and deleted in one batch ends up forgotten). Called only by the writer,
    /// after the commit and before the jobs are answered.
    pub(super) fn committed(&self, verified: &[(RoomId, TokenHash)], deleted: &[RoomId]) {
        if verified.is_empty() && deleted.is_empty() {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        for &(room, token) in verified {
            inner.insert(room, token);
        }
        if !deleted.is_empty() {
            inner.deletions += 1;
            for room in deleted {
                inner.by_room.remove(room);
            }
        }
    }
}

impl Inner {
    fn insert(&mut self, room: RoomId, token: TokenHash) {
        if self.by_room.len() >= CAPACITY && !self.by_room.contains_key(&room) {
            self.by_room.clear();
        }
        self.by_room.insert(room, token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(n: u8) -> RoomId {
        RoomId::from_bytes([n; 32])
    }

    fn token(n: u8) -> TokenHash {
        TokenHash::from_bytes([n; 32])
    }

    #[test]
    fn only_the_remembered_token_matches() {
        let tokens = VerifiedTokens::default();
        assert!(!tokens.matches(&room(1), &token(1)));
        tokens.remember_read(room(1), token(1), tokens.deletions());
        assert!(tokens.matches(&room(1), &token(1)));
        assert!(!tokens.matches(&room(1), &token(2)));
        assert!(!tokens.matches(&room(2), &token(1)));
    }

    #[test]
    fn a_deleted_room_is_forgotten() {
        let tokens = VerifiedTokens::default();
        tokens.committed(&[(room(1), token(1)), (room(2), token(2))], &[]);
        tokens.committed(&[], &[room(1)]);
        assert!(!tokens.matches(&room(1), &token(1)));
        assert!(tokens.matches(&room(2), &token(2)));
    }

    #[test]
    fn a_read_taken_before_a_deletion_is_not_remembered() {
        let tokens = VerifiedTokens::default();
        let before = tokens.deletions();
        // The read saw the room; then the writer committed its deletion.
        tokens.committed(&[], &[room(1)]);
        tokens.remember_read(room(1), token(1), before);
        assert!(!tokens.matches(&room(1), &token(1)));
        tokens.remember_read(room(1), token(1), tokens.deletions());
        assert!(tokens.matches(&room(1), &token(1)));
    }

    #[test]
    fn a_room_created_and_deleted_in_one_batch_is_forgotten() {
        let tokens = VerifiedTokens::default();
        tokens.committed(&[(room(1), token(1))], &[room(1)]);
        assert!(!tokens.matches(&room(1), &token(1)));
    }

    #[test]
    fn memory_stays_bounded() {
        let tokens = VerifiedTokens::default();
        for n in 0..=CAPACITY as u32 {
            let mut bytes = [0u8; 32];
            bytes[..4].copy_from_slice(&n.to_be_bytes());
            tokens.remember_read(RoomId::from_bytes(bytes), token(1), tokens.deletions());
        }
        assert!(tokens.inner.lock().unwrap().by_room.len() <= CAPACITY);
    }
}
