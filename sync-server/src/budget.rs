//! The budget of upload bytes held in memory, from their arrival until their write commits: one
//! total for the relay, and shares per client and per room (or pairing nameplate), so that a few
//! slow or heavy uploads can never hold what every other couple needs. Bytes are counted as they
//! arrive, so an upload that trickles in holds only what it has sent.

use crate::client::Client;
use crate::error::{AppError, Busy};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// What an upload is written into: a room or a pairing nameplate.
pub use crate::hub::Topic as Scope;

/// The caps, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    /// All uploads together.
    pub total: usize,
    /// One client's uploads.
    pub per_client: usize,
    /// The uploads into one room or nameplate.
    pub per_scope: usize,
}

/// The relay-wide ledger of upload bytes in memory.
#[derive(Debug)]
pub struct UploadBudget {
    caps: Caps,
    ledger: Mutex<Ledger>,
    /// The ledger's total, readable without the lock (for `/metrics`).
    in_use: AtomicUsize,
}

#[derive(Debug, Default)]
struct Ledger {
    total: usize,
    by_client: HashMap<Client, usize>,
    by_scope: HashMap<Scope, usize>,
}

impl UploadBudget {
    /// A budget with these caps.
    pub fn new(caps: Caps) -> Arc<Self> {
        Arc::new(UploadBudget { caps, ledger: Mutex::default(), in_use: AtomicUsize::new(0) })
    }

    /// An empty reservation for one upload by `client` into `scope`; it grows as bytes arrive.
    pub fn reservation(self: &Arc<Self>, client: Client, scope: Scope) -> Reservation {
        Reservation { budget: Arc::clone(self), client, scope, bytes: 0 }
    }

    /// Bytes held right now.
    pub fn in_use(&self) -> usize {
        self.in_use.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One upload's share of the budget, given back when dropped.
#[derive(Debug)]
pub struct Reservation {
    budget: Arc<UploadBudget>,
    client: Client,
    scope: Scope,
    bytes: usize,
}

impl Reservation {
    /// Hold `more` bytes, or answer 503 `busy` (saying whose share is used up) when they do not fit.
    pub fn grow(&mut self, more: usize) -> Result<(), AppError> {
        let caps = self.budget.caps;
        let mut ledger = self.budget.lock();
        let client = ledger.by_client.get(&self.client).copied().unwrap_or(0);
        let scope = ledger.by_scope.get(&self.scope).copied().unwrap_or(0);
        let busy = if client + more > caps.per_client {
            Some(Busy::Client)
        } else if scope + more > caps.per_scope {
            Some(Busy::Room)
        } else if ledger.total + more > caps.total {
            Some(Busy::Relay)
        } else {
            None
        };
        if let Some(why) = busy {
            return Err(AppError::Busy(why));
        }
        ledger.total += more;
        *ledger.by_client.entry(self.client).or_default() += more;
        *ledger.by_scope.entry(self.scope).or_default() += more;
        self.budget.in_use.store(ledger.total, Ordering::Relaxed);
        self.bytes += more;
        Ok(())
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if self.bytes == 0 {
            return;
        }
        let mut ledger = self.budget.lock();
        ledger.total -= self.bytes;
        let total = ledger.total;
        give_back(&mut ledger.by_client, self.client, self.bytes);
        give_back(&mut ledger.by_scope, self.scope, self.bytes);
        self.budget.in_use.store(total, Ordering::Relaxed);
    }
}

/// Subtract `bytes` from `key`'s share, forgetting keys that hold nothing (the maps stay as small
/// as the uploads in flight).
fn give_back<K: std::hash::Hash + Eq>(shares: &mut HashMap<K, usize>, key: K, bytes: usize) {
    if let Some(held) = shares.get_mut(&key) {
        *held -= bytes;
        if *held == 0 {
            shares.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mend_shared::protocol::RoomId;

    fn client(n: u8) -> Client {
        Client(std::net::IpAddr::from([10, 0, 0, n]))
    }

    fn room(n: u8) -> Scope {
        Scope::Room(RoomId::from_bytes([n; 32]))
    }

    #[test]
    fn each_share_refuses_what_does_not_fit_and_everything_is_given_back_on_drop() {
        let budget = UploadBudget::new(Caps { total: 100, per_client: 60, per_scope: 50 });
        let mut a = budget.reservation(client(1), room(1));
        a.grow(50).unwrap();
        // Room 1 is full, client 1 has 10 left, the relay 50.
        let mut b = budget.reservation(client(2), room(1));
        assert!(matches!(b.grow(1), Err(AppError::Busy(Busy::Room))));
        let mut c = budget.reservation(client(1), room(2));
        assert!(matches!(c.grow(11), Err(AppError::Busy(Busy::Client))));
        c.grow(10).unwrap();
        let mut d = budget.reservation(client(3), room(3));
        d.grow(40).unwrap();
        assert!(matches!(budget.reservation(client(4), room(4)).grow(1), Err(AppError::Busy(Busy::Relay))));
        assert_eq!(budget.in_use(), 100);
        drop((a, b, c, d));
        assert_eq!(budget.in_use(), 0);
        let ledger = budget.lock();
        assert!(ledger.by_client.is_empty() && ledger.by_scope.is_empty());
    }

    #[test]
    fn a_reservation_grows_piece_by_piece() {
        let budget = UploadBudget::new(Caps { total: 10, per_client: 10, per_scope: 10 });
        let mut a = budget.reservation(client(1), room(1));
        for _ in 0..10 {
            a.grow(1).unwrap();
        }
        assert!(a.grow(1).is_err());
        assert_eq!(budget.in_use(), 10);
    }
}
