//! The pairing mailbox: short-lived, single-use nameplates with four write-once slots, carrying a
//! SPAKE2 exchange the relay can neither read nor influence. Held in memory: a pairing lives ten
//! minutes at most, so a restart only asks the two phones to start over.
//!
//! Single use: a nameplate is retired as soon as each of its four messages has been delivered
//! once (the exchange is complete), when either phone closes it, or when it expires.

use axum::body::Bytes;
use mend_shared::protocol::{Nameplate, PairingSlot};
use rand::Rng;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::Instant;

/// Why a mailbox operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    /// Never allocated, expired, or already closed.
    #[error("unknown, expired or already used nameplate")]
    Unknown,
    /// The slot already holds a message.
    #[error("the slot was already written")]
    SlotTaken,
    /// The nameplate was closed while waiting on it.
    #[error("the nameplate was closed")]
    Closed,
    /// Every nameplate is open.
    #[error("no free nameplate")]
    Exhausted,
}

/// All open mailboxes.
#[derive(Debug)]
pub struct Pairing {
    ttl: Duration,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    open: HashMap<Nameplate, Mailbox>,
    /// Recently closed or expired nameplates and when; not handed out again for a while, so a
    /// late phone with an old code reaches nobody rather than a stranger's pairing.
    released: HashMap<Nameplate, Instant>,
}

#[derive(Debug)]
struct Mailbox {
    expires_at: Instant,
    slots: [Option<Bytes>; 4],
    /// Which slots' messages have been read at least once.
    delivered: [bool; 4],
    /// Bumped on every write; set to `true` on close. Dropped with the mailbox, which wakes waiters.
    events: watch::Sender<bool>,
}

/// A slot's state when read.
#[derive(Debug)]
pub enum SlotRead {
    /// The message.
    Ready(Bytes),
    /// Nothing yet.
    Empty,
}

impl Pairing {
    /// Mailboxes that live `ttl` after allocation.
    pub fn new(ttl: Duration) -> Self {
        Pairing { ttl, inner: Mutex::new(Inner::default()) }
    }

    /// How long a nameplate lives.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Open a mailbox under a fresh nameplate: random, short when the relay is quiet, and not one
    /// released within the last `ttl` unless nothing else is free.
    pub fn allocate(&self, now: Instant) -> Result<Nameplate, PairingError> {
        let mut inner = self.lock();
        inner.sweep(now, self.ttl);
        let mut rng = rand::thread_rng();
        let is_free = |n: u16| {
            Nameplate::new(n).is_ok_and(|n| !inner.open.contains_key(&n) && !inner.released.contains_key(&n))
        };
        // A few random tries per range: a range stays in use while it is mostly free, so a quiet
        // relay gives two-digit codes and a busy one longer codes, all of them hard to predict.
        let tried = [99u16, 999, Nameplate::MAX]
            .into_iter()
            .flat_map(|top| std::iter::repeat_with(move || top).take(8))
            .map(|top| rng.gen_range(Nameplate::MIN..=top))
            .find(|&n| is_free(n));
        // Nearly full: probe from a random start for any free, unquarantined number.
        let probed = tried.or_else(|| {
            let start = rand::thread_rng().gen_range(0..Nameplate::MAX);
            (0..Nameplate::MAX).map(|i| (start + i) % Nameplate::MAX + 1).find(|&n| is_free(n))
        });
        let chosen = match probed.map(Nameplate::new) {
            Some(Ok(n)) => n,
            // Everything is open or quarantined: take the nameplate released longest ago.
            _ => inner
                .released
                .iter()
                .min_by_key(|(_, at)| **at)
                .map(|(n, _)| *n)
                .ok_or(PairingError::Exhausted)?,
        };
        inner.released.remove(&chosen);
        let mailbox = Mailbox {
            expires_at: now + self.ttl,
            slots: Default::default(),
            delivered: [false; 4],
            events: watch::channel(false).0,
        };
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
        let mailbox = inner.live(nameplate, now)?;
        let cell = &mut mailbox.slots[slot.index()];
        if cell.is_some() {
            return Err(PairingError::SlotTaken);
        }
        *cell = Some(message);
        mailbox.events.send_replace(false);
        Ok(())
    }

    /// Whether a write to the slot would be taken, so a refused write never costs its body.
    pub fn check_writable(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        now: Instant,
    ) -> Result<(), PairingError> {
        let mut inner = self.lock();
        match inner.live(nameplate, now)?.slots[slot.index()] {
            Some(_) => Err(PairingError::SlotTaken),
            None => Ok(()),
        }
    }

    /// Read a slot without waiting.
    pub fn read(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        now: Instant,
    ) -> Result<SlotRead, PairingError> {
        let mut inner = self.lock();
        inner.live(nameplate, now)?;
        Ok(match inner.deliver(nameplate, slot, now) {
            Some(message) => SlotRead::Ready(message),
            None => SlotRead::Empty,
        })
    }

    /// Read a slot, waiting until it is written, `until` passes (`Ok(None)`), the nameplate is closed
    /// (`Closed`) or it expires (`Unknown`).
    pub async fn wait(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        until: Instant,
    ) -> Result<Option<Bytes>, PairingError> {
        loop {
            let now = Instant::now();
            // Subscribe and read under one lock, so a write cannot fall between them.
            let (mut events, expires_at) = {
                let mut inner = self.lock();
                let mailbox = inner.live(nameplate, now)?;
                if mailbox.slots[slot.index()].is_some() {
                    return Ok(inner.deliver(nameplate, slot, now));
                }
                (mailbox.events.subscribe(), mailbox.expires_at)
            };
            if now >= until {
                return Ok(None);
            }
            tokio::select! {
                changed = events.changed() => {
                    if *events.borrow() {
                        return Err(PairingError::Closed);
                    }
                    if changed.is_err() {
                        // The mailbox went away without a close: it expired.
                        return Err(PairingError::Unknown);
                    }
                }
                () = tokio::time::sleep_until(until.min(expires_at)) => {}
            }
        }
    }

    /// Close a nameplate for good, releasing anyone waiting on it.
    pub fn close(&self, nameplate: Nameplate, now: Instant) -> Result<(), PairingError> {
        let mut inner = self.lock();
        inner.live(nameplate, now)?;
        inner.retire(nameplate, now);
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
    /// The slot's message, noting that it was delivered; the delivery that completes the exchange
    /// (every slot read once) retires the nameplate.
    fn deliver(&mut self, nameplate: Nameplate, slot: PairingSlot, now: Instant) -> Option<Bytes> {
        let mailbox = self.open.get_mut(&nameplate)?;
        let message = mailbox.slots[slot.index()].clone()?;
        mailbox.delivered[slot.index()] = true;
        if mailbox.delivered.iter().all(|&d| d) {
            self.retire(nameplate, now);
        }
        Some(message)
    }

    /// Close the mailbox (its waiters get `Closed`) and quarantine its number.
    fn retire(&mut self, nameplate: Nameplate, now: Instant) {
        if let Some(mailbox) = self.open.remove(&nameplate) {
            mailbox.events.send_replace(true);
        }
        self.released.insert(nameplate, now);
    }

    /// The mailbox if it is open and unexpired; an expired one is retired on the spot.
    fn live(&mut self, nameplate: Nameplate, now: Instant) -> Result<&mut Mailbox, PairingError> {
        if self.open.get(&nameplate).is_some_and(|m| m.expires_at <= now) {
            self.open.remove(&nameplate);
            self.released.insert(nameplate, now);
        }
        self.open.get_mut(&nameplate).ok_or(PairingError::Unknown)
    }

    fn sweep(&mut self, now: Instant, quarantine: Duration) {
        let expired: Vec<Nameplate> =
            self.open.iter().filter(|(_, m)| m.expires_at <= now).map(|(n, _)| *n).collect();
        for n in expired {
            self.open.remove(&n);
            self.released.insert(n, now);
        }
        self.released.retain(|_, at| now.saturating_duration_since(*at) < quarantine);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::Arc;

    const TTL: Duration = Duration::from_secs(600);

    #[test]
    fn a_quiet_relay_hands_out_short_distinct_nameplates() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        let mut seen = HashSet::new();
        for _ in 0..40 {
            let n = pairing.allocate(now).unwrap();
            assert!(n.get() <= 99, "{n}");
            assert!(seen.insert(n), "{n} handed out twice");
        }
    }

    #[test]
    fn a_busy_relay_moves_to_longer_nameplates_and_never_repeats_an_open_one() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        let all: HashSet<_> = (0..3000).map(|_| pairing.allocate(now).unwrap()).collect();
        assert_eq!(all.len(), 3000);
        assert!(all.iter().any(|n| n.get() > 999));
    }

    #[test]
    fn every_nameplate_open_means_exhausted() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        for _ in 0..9999 {
            pairing.allocate(now).unwrap();
        }
        assert_eq!(pairing.allocate(now), Err(PairingError::Exhausted));
    }

    #[test]
    fn a_closed_nameplate_is_unknown_and_not_reissued_soon() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        let n = pairing.allocate(now).unwrap();
        pairing.close(n, now).unwrap();
        assert_eq!(pairing.read(n, PairingSlot::A1, now).unwrap_err(), PairingError::Unknown);
        assert_eq!(pairing.close(n, now), Err(PairingError::Unknown));
        for _ in 0..49 {
            assert_ne!(pairing.allocate(now).unwrap(), n);
        }
    }

    #[test]
    fn a_nameplate_is_retired_once_every_message_was_delivered() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        let n = pairing.allocate(now).unwrap();
        for slot in PairingSlot::ALL {
            pairing.write(n, slot, Bytes::from(slot.as_str()), now).unwrap();
        }
        // Reading a slot twice is fine while the exchange is under way.
        for slot in [PairingSlot::A1, PairingSlot::A1, PairingSlot::B1, PairingSlot::B2] {
            assert!(matches!(pairing.read(n, slot, now), Ok(SlotRead::Ready(_))));
        }
        assert_eq!(pairing.open_count(), 1);
        assert!(matches!(pairing.read(n, PairingSlot::A2, now), Ok(SlotRead::Ready(m)) if m == "a2"));
        assert_eq!(pairing.open_count(), 0);
        assert_eq!(pairing.read(n, PairingSlot::A2, now).unwrap_err(), PairingError::Unknown);
        assert_eq!(pairing.close(n, now), Err(PairingError::Unknown));
        assert!(pairing.lock().released.contains_key(&n), "the number is quarantined");
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiter_that_completes_the_exchange_retires_the_nameplate() {
        let pairing = Arc::new(Pairing::new(TTL));
        let n = pairing.allocate(Instant::now()).unwrap();
        for slot in [PairingSlot::A1, PairingSlot::B1, PairingSlot::B2] {
            pairing.write(n, slot, Bytes::from_static(b"m"), Instant::now()).unwrap();
            assert!(matches!(pairing.read(n, slot, Instant::now()), Ok(SlotRead::Ready(_))));
        }
        let waiter = {
            let pairing = Arc::clone(&pairing);
            tokio::spawn(async move {
                pairing.wait(n, PairingSlot::A2, Instant::now() + Duration::from_secs(30)).await
            })
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        pairing.write(n, PairingSlot::A2, Bytes::from_static(b"answer"), Instant::now()).unwrap();
        assert_eq!(waiter.await.unwrap(), Ok(Some(Bytes::from_static(b"answer"))));
        assert_eq!(pairing.open_count(), 0);
    }

    #[test]
    fn a_write_is_checked_before_its_body_is_read() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        let n = pairing.allocate(now).unwrap();
        pairing.check_writable(n, PairingSlot::A1, now).unwrap();
        pairing.write(n, PairingSlot::A1, Bytes::from_static(b"m"), now).unwrap();
        assert_eq!(pairing.check_writable(n, PairingSlot::A1, now), Err(PairingError::SlotTaken));
        pairing.close(n, now).unwrap();
        assert_eq!(pairing.check_writable(n, PairingSlot::B1, now), Err(PairingError::Unknown));
    }

    #[test]
    fn slots_are_write_once() {
        let pairing = Pairing::new(TTL);
        let now = Instant::now();
        let n = pairing.allocate(now).unwrap();
        pairing.write(n, PairingSlot::A1, Bytes::from_static(b"m1"), now).unwrap();
        assert_eq!(
            pairing.write(n, PairingSlot::A1, Bytes::from_static(b"m2"), now),
            Err(PairingError::SlotTaken)
        );
        assert!(matches!(pairing.read(n, PairingSlot::A1, now), Ok(SlotRead::Ready(m)) if m == "m1"));
        assert!(matches!(pairing.read(n, PairingSlot::B1, now), Ok(SlotRead::Empty)));
    }

    #[tokio::test(start_paused = true)]
    async fn nameplates_expire_ten_minutes_after_allocation() {
        let pairing = Pairing::new(TTL);
        let n = pairing.allocate(Instant::now()).unwrap();
        tokio::time::advance(TTL - Duration::from_secs(1)).await;
        assert!(pairing.read(n, PairingSlot::A1, Instant::now()).is_ok());
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(pairing.read(n, PairingSlot::A1, Instant::now()).unwrap_err(), PairingError::Unknown);
        assert_eq!(
            pairing.write(n, PairingSlot::B1, Bytes::from_static(b"x"), Instant::now()),
            Err(PairingError::Unknown)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiter_gets_the_message_as_soon_as_it_is_written() {
        let pairing = Arc::new(Pairing::new(TTL));
        let n = pairing.allocate(Instant::now()).unwrap();
        let waiter = {
            let pairing = Arc::clone(&pairing);
            tokio::spawn(async move {
                pairing.wait(n, PairingSlot::B1, Instant::now() + Duration::from_secs(30)).await
            })
        };
        tokio::time::sleep(Duration::from_secs(3)).await;
        pairing.write(n, PairingSlot::B1, Bytes::from_static(b"hello"), Instant::now()).unwrap();
        let started = Instant::now();
        assert_eq!(waiter.await.unwrap(), Ok(Some(Bytes::from_static(b"hello"))));
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiter_times_out_empty_then_is_released_by_close_and_expiry() {
        let pairing = Arc::new(Pairing::new(TTL));
        let n = pairing.allocate(Instant::now()).unwrap();
        assert_eq!(pairing.wait(n, PairingSlot::A2, Instant::now() + Duration::from_secs(5)).await, Ok(None));

        let waiter = {
            let pairing = Arc::clone(&pairing);
            tokio::spawn(async move {
                pairing.wait(n, PairingSlot::A2, Instant::now() + Duration::from_secs(30)).await
            })
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        pairing.close(n, Instant::now()).unwrap();
        assert_eq!(waiter.await.unwrap(), Err(PairingError::Closed));

        let m = pairing.allocate(Instant::now()).unwrap();
        tokio::time::advance(TTL - Duration::from_secs(10)).await;
        let waited = pairing.wait(m, PairingSlot::A1, Instant::now() + Duration::from_secs(30)).await;
        assert_eq!(waited, Err(PairingError::Unknown));
    }

    #[tokio::test(start_paused = true)]
    async fn released_nameplates_leave_quarantine_after_the_ttl() {
        let pairing = Pairing::new(TTL);
        let n = pairing.allocate(Instant::now()).unwrap();
        pairing.close(n, Instant::now()).unwrap();
        tokio::time::advance(TTL).await;
        pairing.sweep(Instant::now());
        assert_eq!(pairing.open_count(), 0);
        assert!(pairing.lock().released.is_empty());
    }
}
