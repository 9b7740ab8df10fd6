//! Open connections, counted per client and in all: one client may hold only so many (idle sockets
//! must not eat the file descriptors everyone else needs), and at the relay-wide cap the connection
//! that has been idle the longest is closed to make room, so `/healthz` and phones keep getting in.

use crate::client::Client;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Notify;
use tokio::time::Instant;

/// Why a new connection was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// This client holds its share.
    Client,
    /// Every connection is busy with a request.
    Full,
}

/// The open connections.
#[derive(Debug)]
pub(crate) struct Connections {
    per_client: usize,
    total: usize,
    /// When the registry was made: idle times are kept as milliseconds since.
    epoch: Instant,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    by_client: HashMap<Client, usize>,
    open: HashMap<u64, Arc<Control>>,
    next_id: u64,
}

/// What the registry knows of one connection and how it asks it to close.
#[derive(Debug)]
pub(crate) struct Control {
    /// The registry's epoch.
    epoch: Instant,
    /// Requests in progress on it.
    busy: AtomicUsize,
    /// Milliseconds since the registry's epoch when it last became idle.
    idle_since: AtomicU64,
    /// Rung when the connection should close once idle: to make room, or because the relay stops.
    /// (One `Notify` for both: a waiting connection holds one small future for it.)
    pub(crate) close: Notify,
}

impl Control {
    /// A request started.
    pub(crate) fn start(&self) {
        self.busy.fetch_add(1, Ordering::AcqRel);
    }

    /// A request's answer is ready; the connection is idle again when none is left.
    pub(crate) fn finish(&self) {
        self.idle_since.store(self.epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
        self.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Connections {
    /// At most `per_client` (0 = no cap) and `total` connections open.
    pub(crate) fn new(per_client: usize, total: usize) -> Arc<Self> {
        Arc::new(Connections {
            per_client,
            total: total.max(1),
            epoch: Instant::now(),
            inner: Mutex::default(),
        })
    }

    /// The relay-wide cap.
    pub(crate) fn cap(&self) -> usize {
        self.total
    }

    /// Milliseconds since the registry's epoch.
    pub(crate) fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Let a connection from `client` in, closing the longest-idle one if the relay is full.
    pub(crate) fn admit(self: &Arc<Self>, client: Client) -> Result<Admitted, Refused> {
        let mut inner = self.lock();
        if self.per_client > 0 && inner.by_client.get(&client).copied().unwrap_or(0) >= self.per_client {
            return Err(Refused::Client);
        }
        if inner.open.len() >= self.total {
            // Those already asked to close are still counted until they go; ask one more.
            let victim = inner
                .open
                .values()
                .filter(|c| c.busy.load(Ordering::Acquire) == 0)
                .min_by_key(|c| c.idle_since.load(Ordering::Relaxed))
                .ok_or(Refused::Full)?;
            // Its idle time is pushed to the future so the next admission picks another one.
            victim.idle_since.store(u64::MAX, Ordering::Relaxed);
            victim.close.notify_one();
        }
        let control = Arc::new(Control {
            epoch: self.epoch,
            busy: AtomicUsize::new(0),
            idle_since: AtomicU64::new(self.now_ms()),
            close: Notify::new(),
        });
        let id = inner.next_id;
        inner.next_id += 1;
        inner.open.insert(id, Arc::clone(&control));
        *inner.by_client.entry(client).or_default() += 1;
        Ok(Admitted { registry: Arc::clone(self), client, id, control })
    }

    /// Ask every open connection to close: at once if idle, else after its request in flight.
    /// (`notify_one` keeps the signal for a connection not yet waiting on it.)
    pub(crate) fn close_all(&self) {
        for control in self.lock().open.values() {
            control.close.notify_one();
        }
    }

    /// Connections open right now.
    pub(crate) fn open(&self) -> usize {
        self.lock().open.len()
    }
}

/// A connection's place; given back when dropped.
#[derive(Debug)]
pub(crate) struct Admitted {
    registry: Arc<Connections>,
    client: Client,
    id: u64,
    pub(crate) control: Arc<Control>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut inner = self.registry.lock();
        inner.open.remove(&self.id);
        if let Some(held) = inner.by_client.get_mut(&self.client) {
            *held -= 1;
            if *held == 0 {
                inner.by_client.remove(&self.client);
            }
        }
    }
}

/// The relay-wide cap when none is configured: what the file-descriptor limit leaves after the
/// descriptors the relay needs besides connections (database files and connections, the listener).
pub(crate) fn default_cap(reserve: usize) -> usize {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current.unwrap_or(1 << 20);
        usize::try_from(limit).unwrap_or(usize::MAX).saturating_sub(reserve).max(16)
    }
    #[cfg(not(unix))]
    {
        let _ = reserve;
        10_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(n: u8) -> Client {
        Client(std::net::IpAddr::from([10, 0, 0, n]))
    }

    #[test]
    fn one_client_holds_at_most_its_share() {
        let connections = Connections::new(2, 100);
        let a = connections.admit(client(1)).unwrap();
        let _b = connections.admit(client(1)).unwrap();
        assert_eq!(connections.admit(client(1)).unwrap_err(), Refused::Client);
        let _c = connections.admit(client(2)).unwrap();
        drop(a);
        connections.admit(client(1)).unwrap();
    }

    #[tokio::test]
    async fn at_the_cap_the_longest_idle_connection_is_asked_to_close() {
        let connections = Connections::new(0, 2);
        let old = connections.admit(client(1)).unwrap();
        let busy = connections.admit(client(2)).unwrap();
        busy.control.start();
        let evicted = old.control.close.notified();
        let new = connections.admit(client(3)).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(1), evicted).await.unwrap();
        // Every connection busy: nobody can be made to leave.
        new.control.start();
        old.control.start();
        assert_eq!(connections.admit(client(4)).unwrap_err(), Refused::Full);
    }
}
