//! The pairing mailbox's rules, whichever backend keeps it: short-lived, single-use nameplates with
//! four write-once slots, carrying a SPAKE2 exchange the relay can neither read nor influence.
//!
//! Single use: a nameplate is retired as soon as each of its four messages has been delivered
//! once (the exchange is complete), when either phone closes it, or when it expires; its number is
//! then not handed out again for one lifetime, so a late phone with an old code reaches nobody
//! rather than a stranger's pairing. One client (address) may hold only so many open nameplates,
//! so nobody can take all 9,999.

pub mod memory;

use axum::body::Bytes;
use mend_shared::protocol::Nameplate;
use rand::Rng;
use std::time::Duration;

/// Why a mailbox operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    /// Never allocated, expired, or already closed.
    #[error("unknown, expired or already used nameplate")]
    Unknown,
    /// The slot already holds a message.
    #[error("the slot was already written")]
    SlotTaken,
    /// The nameplate was closed (by a phone, or by completing the exchange).
    #[error("the nameplate was closed")]
    Closed,
    /// Every nameplate is open.
    #[error("no free nameplate")]
    Exhausted,
    /// This client already holds its share of open nameplates.
    #[error("this client already holds {cap} open nameplates")]
    TooManyOpen {
        /// The per-client cap.
        cap: u64,
    },
}

/// A slot's state when read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotRead {
    /// The message.
    Ready(Bytes),
    /// Nothing yet; the nameplate expires after this long.
    Empty {
        /// Time left before the nameplate expires.
        expires_in: Duration,
    },
}

/// A fresh nameplate: random, short when the relay is quiet, and only one for which `is_free`
/// holds (neither open nor recently released). `None` when every number is taken.
///
/// A few random tries per range: a range stays in use while it is mostly free, so a quiet relay
/// gives two-digit codes and a busy one longer codes, all of them hard to predict.
pub fn choose(is_free: impl Fn(u16) -> bool) -> Option<Nameplate> {
    let mut rng = rand::thread_rng();
    let tried = [99u16, 999, Nameplate::MAX]
        .into_iter()
        .flat_map(|top| std::iter::repeat_n(top, 8))
        .map(|top| rng.gen_range(Nameplate::MIN..=top))
        .find(|&n| is_free(n));
    // Nearly full: probe from a random start for any free number.
    let probed = tried.or_else(|| {
        let start = rng.gen_range(0..Nameplate::MAX);
        (0..Nameplate::MAX).map(|i| (start + i) % Nameplate::MAX + 1).find(|&n| is_free(n))
    });
    probed.and_then(|n| Nameplate::new(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_quiet_relay_gets_two_digit_codes() {
        for _ in 0..100 {
            assert!(choose(|_| true).unwrap().get() <= 99);
        }
    }

    #[test]
    fn a_busy_range_moves_to_longer_codes_and_never_to_a_taken_one() {
        let taken: HashSet<u16> = (1..=99).collect();
        for _ in 0..100 {
            let n = choose(|n| !taken.contains(&n)).unwrap().get();
            assert!(n > 99, "{n}");
        }
    }

    #[test]
    fn the_last_free_number_is_found_and_none_when_all_are_taken() {
        assert_eq!(choose(|n| n == 4321).map(Nameplate::get), Some(4321));
        assert_eq!(choose(|_| false), None);
    }
}
