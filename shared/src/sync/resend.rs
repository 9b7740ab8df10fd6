//! Healing a gap: "please send these again", sealed and sent through the room's log.
//!
//! A bundle can fail to open (damaged at rest, cut short); the cursor moves on, and every later
//! change that depends on it waits. The waiting phone names the missing changes and its heads in
//! a sealed request; the partner's phone, which holds them, pushes every change not below those
//! heads once more. A random nonce makes each request's id new, so the relay never takes a
//! repeated request for a duplicate.

use crate::crypto::CryptoError;
use automerge::ChangeHash;
use rand::RngCore;

const MAGIC: &[u8; 8] = b"MNDRSND1";
/// More hashes than this in a request is not something Mend writes.
const MAX_HASHES: usize = 100_000;

/// A request to send changes again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ResendRequest {
    /// The changes the requester is missing (the first absent ones on each path back).
    pub(super) missing: Vec<ChangeHash>,
    /// The requester's heads: everything below them it already holds.
    pub(super) heads: Vec<ChangeHash>,
}

impl ResendRequest {
    /// `MAGIC | nonce[16] | u32 count | missing… | u32 count | heads…` (big-endian counts).
    pub(super) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(MAGIC.len() + 24 + 32 * (self.missing.len() + self.heads.len()));
        out.extend_from_slice(MAGIC);
        let mut nonce = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        out.extend_from_slice(&nonce);
        for list in [&self.missing, &self.heads] {
            out.extend_from_slice(&(list.len() as u32).to_be_bytes());
            for h in list {
                out.extend_from_slice(&h.0);
            }
        }
        out
    }

    pub(super) fn decode(bytes: &[u8]) -> Result<Self, CryptoError> {
        let bad = CryptoError::Unreadable { what: "resend request" };
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(bad.clone())?;
        let mut rest = rest.get(16..).ok_or(bad.clone())?;
        let mut lists = Vec::with_capacity(2);
        for _ in 0..2 {
            let count = rest.get(..4).ok_or(bad.clone())?;
            let count = u32::from_be_bytes(count.try_into().map_err(|_| bad.clone())?) as usize;
            if count > MAX_HASHES || rest.len() < 4 + 32 * count {
                return Err(bad);
            }
            let list: Option<Vec<ChangeHash>> =
                rest[4..4 + 32 * count].chunks(32).map(|c| ChangeHash::try_from(c).ok()).collect();
            lists.push(list.ok_or(bad.clone())?);
            rest = &rest[4 + 32 * count..];
        }
        if !rest.is_empty() {
            return Err(bad);
        }
        let heads = lists.pop().unwrap_or_default();
        let missing = lists.pop().unwrap_or_default();
        Ok(Self { missing, heads })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_round_trips_and_each_encoding_is_new() {
        let r = ResendRequest {
            missing: vec![ChangeHash([1; 32])],
            heads: vec![ChangeHash([2; 32]), ChangeHash([3; 32])],
        };
        let (a, b) = (r.encode(), r.encode());
        assert_ne!(a, b, "a fresh nonce every time, so the relay never calls it a duplicate");
        assert_eq!(ResendRequest::decode(&a).unwrap(), r);
    }

    #[test]
    fn damaged_requests_are_refused() {
        let r = ResendRequest { missing: vec![ChangeHash([1; 32])], heads: vec![] };
        let good = r.encode();
        for cut in 0..good.len() {
            assert!(ResendRequest::decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut long = good.clone();
        long.push(0);
        assert!(ResendRequest::decode(&long).is_err());
        let mut huge = good[..24].to_vec();
        huge.extend_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(ResendRequest::decode(&huge), Err(CryptoError::Unreadable { what: "resend request" }));
    }
}
