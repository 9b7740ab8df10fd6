//! The pairing mailbox in memory, for a single relay process (the SQLite backend): a pairing lives
//! ten minutes at most, so a restart only asks the two phones to start over. Waiters are woken
//! through the [`Hub`].

use super::{PairingError, SlotRead, choose};
use crate::hub::{Hub, Topic};
use axum::body::Bytes;
use mend_shared::protocol::{Nameplate, PairingSlot};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// All open mailboxes.
#[derive(Debug)]
pub struct Mailboxes {
    ttl: Duration,
    per_client: u64,
    hub: Arc<Hub>,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    open: HashMap<Nameplate, Mailbox>,
    /// Recently closed, completed or expired nameplates: not handed out again for a while.
    released: HashMap<Nameplate, Released>,
}

#[derive(Debug)]
struct Mailbox {
    client: IpAddr,
    expires_at: Instant,
    slots: [Option<Bytes>; 4],
    /// Which slots' messages have been read at least once.
    delivered: [bool; 4],
}

#[derive(Debug, Clone, Copy)]
struct Released {
    at: Instant,
    /// Closed by a phone or by completing the exchange (waiters get `Closed`), not expired.
    closed: bool,
}

impl Mailboxes {
    /// Mailboxes that live `ttl` after allocation, at most `per_client` open per client (0 = no cap).
    pub fn new(ttl: Duration, per_client: u64, hub: Arc<Hub>) -> Self {
        Mailboxes { ttl, per_client, hub, inner: Mutex::new(Inner::default()) }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Open a mailbox for `client` under a fresh nameplate (see [`choose`]); when every number is
    /// open or quarantined, the one released longest ago.
    pub fn allocate(&self, client: IpAddr, now: Instant) -> Result<Nameplate, PairingError> {
        let mut inner = self.lock();
        inner.sweep(now, self.ttl);
        if self.per_client > 0 {
            let held = inner.open.values().filter(|m| m.client == client).count() as u64;
            if held >= self.per_client {
                return Err(PairingError::TooManyOpen { cap: self.per_client });
            }
        }
        let is_free = |n: u16| {
            Nameplate::new(n).is_ok_and(|n| !inner.open.contains_key(&n) && !inner.released.contains_key(&n))
        };
        let chosen = match choose(is_free) {
            Some(n) => n,
            None => inner
                .released
                .iter()
                .min_by_key(|(_, released)| released.at)
                .map(|(n, _)| *n)
                .ok_or(PairingError::Exhausted)?,
        };
        inner.released.remove(&chosen);
        let mailbox =
            Mailbox { client, expires_at: now + self.ttl, slots: Default::default(), delivered: [false; 4] };
        inner.open.insert(chosen, mailbox);
        Ok(chosen)
    }

    /// Write a slot once.
    pub fn write(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        message: Bytes,
        now: Instant,
    ) -> Result<(), PairingError> {
        let mut inner = self.lock();
        let cell = &mut inner.live(nameplate, now)?.slots[slot.index()];
        if cell.is_some() {
            return Err(PairingError::SlotTaken);
        }
        *cell = Some(message);
        drop(inner);
        self.hub.notify(&Topic::Nameplate(nameplate));
        Ok(())
    }

    /// Whether a write to the slot would be taken, so a refused write never costs its body.
    pub fn check_writable(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        now: Instant,
    ) -> Result<(), PairingError> {
        match self.lock().live(nameplate, now)?.slots[slot.index()] {
            Some(_) => Err(PairingError::SlotTaken),
            None => Ok(()),
        }
    }

    /// Read a slot, noting its delivery; the delivery that completes the exchange (every slot read
    /// once) retires the nameplate.
    pub fn read(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        now: Instant,
    ) -> Result<SlotRead, PairingError> {
        let mut inner = self.lock();
        let mailbox = match inner.live(nameplate, now) {
            Ok(mailbox) => mailbox,
            Err(unknown) => {
                let closed = inner.released.get(&nameplate).is_some_and(|r| r.closed);
                return Err(if closed { PairingError::Closed } else { unknown });
            }
        };
        let Some(message) = mailbox.slots[slot.index()].clone() else {
            return Ok(SlotRead::Empty { expires_in: mailbox.expires_at.saturating_duration_since(now) });
        };
        mailbox.delivered[slot.index()] = true;
        if mailbox.delivered.iter().all(|&d| d) {
            inner.retire(nameplate, now, true);
            drop(inner);
            self.hub.notify(&Topic::Nameplate(nameplate));
        }
        Ok(SlotRead::Ready(message))
    }

    /// Close a nameplate for good, waking anyone waiting on it.
    pub fn close(&self, nameplate: Nameplate, now: Instant) -> Result<(), PairingError> {
        let mut inner = self.lock();
        inner.live(nameplate, now)?;
        inner.retire(nameplate, now, true);
        drop(inner);
        self.hub.notify(&Topic::Nameplate(nameplate));
        Ok(())
    }

    /// Drop expired mailboxes and forget old releases.
    pub fn sweep(&self, now: Instant) {
        self.lock().sweep(now, self.ttl);
    }

    /// Mailboxes open right now (expired ones count until swept).
    pub fn open_count(&self) -> usize {
        self.lock().open.len()
    }
}

impl Inner {
    /// Close the mailbox and quarantine its number.
    fn retire(&mut self, nameplate: Nameplate, now: Instant, closed: bool) {
        self.open.remove(&nameplate);
        self.released.insert(nameplate, Released { at: now, closed });
    }

    /// The mailbox if it is open and unexpired; an expired one is retired on the spot.
    fn live(&mut self, nameplate: Nameplate, now: Instant) -> Result<&mut Mailbox, PairingError> {
        if self.open.get(&nameplate).is_some_and(|m| m.expires_at <= now) {
            self.retire(nameplate, now, false);
        }
        self.open.get_mut(&nameplate).ok_or(PairingError::Unknown)
    }

    fn sweep(&mut self, now: Instant, quarantine: Duration) {
        let expired: Vec<Nameplate> =
            self.open.iter().filter(|(_, m)| m.expires_at <= now).map(|(n, _)| *n).collect();
        for n in expired {
            self.retire(n, now, false);
        }
        self.released.retain(|_, released| now.saturating_duration_since(released.at) < quarantine);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const TTL: Duration = Duration::from_secs(600);

    fn mailboxes() -> Mailboxes {
        Mailboxes::new(TTL, 0, Arc::new(Hub::default()))
    }

    fn client(n: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, n])
    }

    #[test]
    fn a_busy_relay_moves_to_longer_nameplates_and_never_repeats_an_open_one() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        let all: HashSet<_> = (0..3000).map(|_| mailboxes.allocate(client(1), now).unwrap()).collect();
        assert_eq!(all.len(), 3000);
        assert!(all.iter().any(|n| n.get() > 999));
    }

    #[test]
    fn every_nameplate_open_means_exhausted() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        for _ in 0..9999 {
            mailboxes.allocate(client(1), now).unwrap();
        }
        assert_eq!(mailboxes.allocate(client(1), now), Err(PairingError::Exhausted));
    }

    #[test]
    fn one_client_holds_at_most_its_share_of_open_nameplates() {
        let mailboxes = Mailboxes::new(TTL, 3, Arc::new(Hub::default()));
        let now = Instant::now();
        let mine: Vec<_> = (0..3).map(|_| mailboxes.allocate(client(1), now).unwrap()).collect();
        assert_eq!(mailboxes.allocate(client(1), now), Err(PairingError::TooManyOpen { cap: 3 }));
        // Others are not affected, and closing one gives the client its place back.
        mailboxes.allocate(client(2), now).unwrap();
        mailboxes.close(mine[0], now).unwrap();
        mailboxes.allocate(client(1), now).unwrap();
    }

    #[test]
    fn a_closed_nameplate_reads_as_closed_then_unknown_and_is_not_reissued_soon() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        let n = mailboxes.allocate(client(1), now).unwrap();
        mailboxes.close(n, now).unwrap();
        assert_eq!(mailboxes.read(n, PairingSlot::A1, now), Err(PairingError::Closed));
        assert_eq!(mailboxes.close(n, now), Err(PairingError::Unknown));
        assert_eq!(mailboxes.check_writable(n, PairingSlot::B1, now), Err(PairingError::Unknown));
        for _ in 0..49 {
            assert_ne!(mailboxes.allocate(client(1), now).unwrap(), n);
        }
    }

    #[test]
    fn a_nameplate_is_retired_once_every_message_was_delivered() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        let n = mailboxes.allocate(client(1), now).unwrap();
        for slot in PairingSlot::ALL {
            mailboxes.write(n, slot, Bytes::from_static(b"m"), now).unwrap();
        }
        for slot in &PairingSlot::ALL[..3] {
            assert!(matches!(mailboxes.read(n, *slot, now), Ok(SlotRead::Ready(_))));
        }
        // Reading again does not complete anything.
        assert!(matches!(mailboxes.read(n, PairingSlot::A1, now), Ok(SlotRead::Ready(_))));
        assert_eq!(mailboxes.open_count(), 1);
        assert!(matches!(mailboxes.read(n, PairingSlot::B2, now), Ok(SlotRead::Ready(_))));
        assert_eq!(mailboxes.open_count(), 0);
        assert_eq!(mailboxes.read(n, PairingSlot::B2, now), Err(PairingError::Closed));
    }

    #[test]
    fn slots_are_write_once_and_an_empty_slot_tells_the_time_left() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        let n = mailboxes.allocate(client(1), now).unwrap();
        mailboxes.write(n, PairingSlot::A1, Bytes::from_static(b"m1"), now).unwrap();
        assert_eq!(
            mailboxes.write(n, PairingSlot::A1, Bytes::from_static(b"m2"), now),
            Err(PairingError::SlotTaken)
        );
        assert_eq!(mailboxes.check_writable(n, PairingSlot::A1, now), Err(PairingError::SlotTaken));
        assert_eq!(mailboxes.read(n, PairingSlot::A1, now), Ok(SlotRead::Ready(Bytes::from_static(b"m1"))));
        let later = now + Duration::from_secs(100);
        assert_eq!(
            mailboxes.read(n, PairingSlot::B1, later),
            Ok(SlotRead::Empty { expires_in: TTL - Duration::from_secs(100) })
        );
    }

    #[test]
    fn nameplates_expire_after_their_ttl_as_unknown() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        let n = mailboxes.allocate(client(1), now).unwrap();
        assert!(mailboxes.read(n, PairingSlot::A1, now + TTL - Duration::from_secs(1)).is_ok());
        assert_eq!(mailboxes.read(n, PairingSlot::A1, now + TTL), Err(PairingError::Unknown));
        assert_eq!(
            mailboxes.write(n, PairingSlot::B1, Bytes::from_static(b"x"), now + TTL),
            Err(PairingError::Unknown)
        );
    }

    #[tokio::test]
    async fn writes_and_closes_wake_the_nameplates_waiters() {
        let hub = Arc::new(Hub::default());
        let mailboxes = Mailboxes::new(TTL, 0, Arc::clone(&hub));
        let now = Instant::now();
        let n = mailboxes.allocate(client(1), now).unwrap();
        let mut waiter = hub.subscribe(Topic::Nameplate(n));
        mailboxes.write(n, PairingSlot::A1, Bytes::from_static(b"m"), now).unwrap();
        tokio::time::timeout(Duration::from_secs(1), waiter.changed()).await.unwrap();
        mailboxes.close(n, now).unwrap();
        tokio::time::timeout(Duration::from_secs(1), waiter.changed()).await.unwrap();
    }

    #[test]
    fn released_nameplates_leave_quarantine_after_the_ttl() {
        let mailboxes = mailboxes();
        let now = Instant::now();
        let n = mailboxes.allocate(client(1), now).unwrap();
        mailboxes.close(n, now).unwrap();
        mailboxes.sweep(now + TTL);
        assert_eq!(mailboxes.open_count(), 0);
        assert!(mailboxes.lock().released.is_empty());
    }
}
