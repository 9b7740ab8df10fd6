//! Wake-ups between relay processes: one dedicated connection per process that `LISTEN`s on the
//! `mend_relay` channel and sends this process's own notifications. A notification names a room
//! or a nameplate; every process that receives it rings its [`Hub`], so a long-poll on one process
//! wakes when another commits.
//!
//! Notifications are sent after the change commits, in their own transaction with
//! `synchronous_commit = off`, at most one such transaction every 10 ms: PostgreSQL serialises
//! notifying transactions on one lock until their commit is on disk, which inside each append
//! would allow only one commit per disk flush. A notification carries no data, so losing one costs
//! a wake-up, never a bundle — and to cover the ways that can happen (the connection drops, or a
//! process dies between a commit and its notification), every waiter looks again after a
//! reconnect, and a long-poll ends by itself after its wait at the latest.

use crate::hub::{Hub, Topic};
use crate::store::tokens::VerifiedTokens;
use mend_shared::protocol::{Nameplate, RoomId};
use std::collections::HashSet;
use std::future::poll_fn;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tokio_postgres::{AsyncMessage, NoTls};

/// The channel every relay process listens on.
const CHANNEL: &str = "mend_relay";

/// Longest pause between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// At most one notifying transaction per this long: under load many changes share one, at the
/// cost of at most this much delay before another process's long-polls wake.
const NOTIFY_EVERY: Duration = Duration::from_millis(10);

/// What changed, as announced to the other processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signal {
    /// A room's bundles or snapshot changed.
    Room(RoomId),
    /// A room was deleted: forget its token, wake its waiters.
    RoomDeleted(RoomId),
    /// A nameplate's slots or state changed.
    Nameplate(Nameplate),
}

impl Signal {
    fn payload(self, origin: u64) -> String {
        match self {
            Signal::Room(room) => format!("{origin:016x}:r:{room}"),
            Signal::RoomDeleted(room) => format!("{origin:016x}:d:{room}"),
            Signal::Nameplate(n) => format!("{origin:016x}:n:{}", n.get()),
        }
    }

    /// The signal in `payload` and the process it came from.
    fn parse(payload: &str) -> Option<(u64, Signal)> {
        let mut parts = payload.splitn(3, ':');
        let origin = u64::from_str_radix(parts.next()?, 16).ok()?;
        let signal = match (parts.next()?, parts.next()?) {
            ("r", room) => Signal::Room(room.parse().ok()?),
            ("d", room) => Signal::RoomDeleted(room.parse().ok()?),
            ("n", n) => Signal::Nameplate(n.parse().ok()?),
            _ => return None,
        };
        Some((origin, signal))
    }
}

/// This process's side of the wake-ups: announce changes, and apply the others' to the hub.
#[derive(Debug)]
pub(super) struct Signals {
    shared: Arc<Shared>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

#[derive(Debug)]
struct Shared {
    /// Random per process, so a process skips its own notifications (it rang its hub already).
    origin: u64,
    /// Payloads waiting to be sent; a set, so a busy room is announced once per send.
    pending: Mutex<HashSet<String>>,
    wake: Notify,
    stop: Notify,
    stopping: AtomicBool,
    hub: Arc<Hub>,
    tokens: Arc<VerifiedTokens>,
}

impl Signals {
    /// Start listening with a connection of its own, reconnecting whenever it is lost.
    pub(super) fn start(
        config: tokio_postgres::Config,
        hub: Arc<Hub>,
        tokens: Arc<VerifiedTokens>,
    ) -> Signals {
        let shared = Arc::new(Shared {
            origin: rand::random(),
            pending: Mutex::default(),
            wake: Notify::new(),
            stop: Notify::new(),
            stopping: AtomicBool::new(false),
            hub,
            tokens,
        });
        let task = tokio::spawn(run(config, Arc::clone(&shared)));
        Signals { shared, task: Mutex::new(Some(task)) }
    }

    /// Tell the other processes (this one already knows).
    pub(super) fn announce(&self, signal: Signal) {
        let payload = signal.payload(self.shared.origin);
        self.shared.pending.lock().unwrap_or_else(PoisonError::into_inner).insert(payload);
        self.shared.wake.notify_one();
    }

    /// Send what is pending and stop.
    pub(super) async fn stop(&self) {
        self.shared.stopping.store(true, Ordering::Relaxed);
        self.shared.stop.notify_one();
        let task = self.task.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(task) = task {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }
}

async fn run(config: tokio_postgres::Config, shared: Arc<Shared>) {
    let mut backoff = Duration::from_millis(100);
    while !shared.stopping.load(Ordering::Relaxed) {
        let outcome = session(&config, &shared).await;
        match outcome {
            Ok(Ended::Stopped) => return,
            lost => {
                match lost {
                    Err(error) => {
                        tracing::warn!(%error, "lost the PostgreSQL wake-up connection; reconnecting")
                    }
                    Ok(_) => tracing::warn!("the PostgreSQL wake-up connection closed; reconnecting"),
                }
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    () = shared.stop.notified() => return,
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

/// How a session ended without an error.
enum Ended {
    /// The store is stopping.
    Stopped,
    /// The server closed the connection.
    Closed,
}

/// One connection's life: listen, then forward notifications both ways until it is lost or the
/// store stops.
async fn session(config: &tokio_postgres::Config, shared: &Shared) -> Result<Ended, tokio_postgres::Error> {
    let (client, mut connection) = config.connect(NoTls).await?;
    let (tx, mut notifications) = mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        loop {
            match poll_fn(|cx| connection.poll_message(cx)).await {
                Some(Ok(AsyncMessage::Notification(n))) => {
                    if tx.send(n).is_err() {
                        return Ok(());
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => return Err(error),
                None => return Ok(()),
            }
        }
    });
    let _driver = AbortOnDrop(driver);
    // Notifications carry no data and are re-derived after a crash; their commit need not wait for the disk.
    client.batch_execute(&format!("SET synchronous_commit = off; LISTEN {CHANNEL}")).await?;
    // Anything committed while nobody listened went unannounced: every waiter reads again.
    shared.hub.notify_all();
    let mut next_send = tokio::time::Instant::now();
    loop {
        tokio::select! {
            received = notifications.recv() => match received {
                Some(n) => shared.receive(n.payload()),
                // The connection ended; a call on the client reports why, if it can.
                None => return client.batch_execute("SELECT 1").await.map(|()| Ended::Closed),
            },
            () = shared.wake.notified() => {
                tokio::time::sleep_until(next_send).await;
                shared.send(&client).await?;
                next_send = tokio::time::Instant::now() + NOTIFY_EVERY;
            }
            () = shared.stop.notified() => {
                shared.send(&client).await?;
                return Ok(Ended::Stopped);
            }
        }
    }
}

impl Shared {
    /// Ring the hub for another process's change.
    fn receive(&self, payload: &str) {
        let Some((origin, signal)) = Signal::parse(payload) else {
            tracing::debug!(payload, "ignored an unreadable notification");
            return;
        };
        if origin == self.origin {
            return;
        }
        match signal {
            Signal::Room(room) => self.hub.notify(&Topic::Room(room)),
            Signal::RoomDeleted(room) => {
                self.tokens.committed(&[], &[room]);
                self.hub.notify(&Topic::Room(room));
            }
            Signal::Nameplate(n) => self.hub.notify(&Topic::Nameplate(n)),
        }
    }

    /// Send every pending notification in one statement; on failure they stay pending.
    async fn send(&self, client: &tokio_postgres::Client) -> Result<(), tokio_postgres::Error> {
        let batch: Vec<String> =
            self.pending.lock().unwrap_or_else(PoisonError::into_inner).drain().collect();
        if batch.is_empty() {
            return Ok(());
        }
        let sent = client
            .execute(&format!("SELECT pg_notify('{CHANNEL}', p) FROM unnest($1::text[]) AS p"), &[&batch])
            .await;
        if sent.is_err() {
            self.pending.lock().unwrap_or_else(PoisonError::into_inner).extend(batch);
        }
        sent.map(drop)
    }
}

/// Stops the connection's driver task with the session.
struct AbortOnDrop(tokio::task::JoinHandle<Result<(), tokio_postgres::Error>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_name_the_origin_and_the_change() {
        let room = RoomId::from_bytes([7; 32]);
        let n = Nameplate::new(42).unwrap();
        for signal in [Signal::Room(room), Signal::RoomDeleted(room), Signal::Nameplate(n)] {
            assert_eq!(Signal::parse(&signal.payload(0xabc)), Some((0xabc, signal)));
        }
        for junk in ["", "zz:r:00", "0:x:1", "0:n:abc", "0:r:1234"] {
            assert_eq!(Signal::parse(junk), None, "{junk}");
        }
    }
}
