//! Wakes long-polls when what they wait on changes: a room (a bundle committed, a snapshot, the room
//! deleted) or a pairing nameplate (a slot written, the nameplate closed). One small channel per
//! topic that someone is waiting on; the store's backend decides when to ring it (SQLite's writer
//! after a commit, PostgreSQL's listener when any relay process commits).

use mend_shared::protocol::{Nameplate, RoomId};
use std::collections::HashMap;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Notify;

/// What a long-poll waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// A room's bundles, snapshot or existence.
    Room(RoomId),
    /// A pairing nameplate's slots or state.
    Nameplate(Nameplate),
}

/// Topics with waiters, each with a channel that carries no value, only "look again".
#[derive(Debug, Default)]
pub struct Hub {
    topics: Mutex<HashMap<Topic, Arc<Channel>>>,
}

/// A topic's channel: how many times it rang, and its waiters. (A counter and a `Notify` instead
/// of a `watch` channel: a few dozen bytes instead of ~350 per topic, held per waiting phone.)
#[derive(Debug, Default)]
struct Channel {
    rung: AtomicU64,
    waiters: Notify,
}

impl Channel {
    fn ring(&self) {
        self.rung.fetch_add(1, Ordering::SeqCst);
        self.waiters.notify_waiters();
    }
}

impl Hub {
    /// Start watching `topic`. Subscribe *before* reading what it names, so no change can slip
    /// between the read and the wait.
    pub fn subscribe(self: &Arc<Self>, topic: Topic) -> Subscription {
        let mut topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        let channel = Arc::clone(topics.entry(topic).or_default());
        let seen = channel.rung.load(Ordering::SeqCst);
        Subscription { hub: Arc::clone(self), topic, channel: Some(channel), seen }
    }

    /// Tell `topic`'s waiters to look again.
    pub fn notify(&self, topic: &Topic) {
        let topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(channel) = topics.get(topic) {
            channel.ring();
        }
    }

    /// Tell every waiter to look again: after changes may have gone unannounced (PostgreSQL's
    /// listener reconnected), or when the relay stops.
    pub fn notify_all(&self) {
        let topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        for channel in topics.values() {
            channel.ring();
        }
    }

    /// How many rooms have at least one waiter.
    pub fn watched_rooms(&self) -> usize {
        let topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        topics.keys().filter(|t| matches!(t, Topic::Room(_))).count()
    }
}

/// One waiter's interest in a topic; the topic's channel goes away with its last subscription.
#[derive(Debug)]
pub struct Subscription {
    hub: Arc<Hub>,
    topic: Topic,
    channel: Option<Arc<Channel>>,
    /// The channel's count of rings this subscription has seen.
    seen: u64,
}

impl Subscription {
    /// Resolve at the next change after subscribing (or after the previous call).
    pub async fn changed(&mut self) {
        let Some(channel) = self.channel.as_deref() else { return std::future::pending().await };
        loop {
            // Registered before the count is read: a ring after the read wakes this waiter.
            let mut rung = pin!(channel.waiters.notified());
            rung.as_mut().enable();
            let now = channel.rung.load(Ordering::SeqCst);
            if now != self.seen {
                self.seen = now;
                return;
            }
            rung.await;
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        drop(self.channel.take());
        let mut topics = self.hub.topics.lock().unwrap_or_else(PoisonError::into_inner);
        // Only the map holds it now: nobody waits on this topic any more.
        if topics.get(&self.topic).is_some_and(|channel| Arc::strong_count(channel) == 1) {
            topics.remove(&self.topic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn room(n: u8) -> Topic {
        Topic::Room(RoomId::from_bytes([n; 32]))
    }

    #[tokio::test]
    async fn a_notification_after_subscribing_wakes_the_waiter() {
        let hub = Arc::new(Hub::default());
        let mut sub = hub.subscribe(room(1));
        hub.notify(&room(2));
        hub.notify(&room(1));
        tokio::time::timeout(Duration::from_secs(1), sub.changed()).await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn other_topics_do_not_wake_a_waiter() {
        let hub = Arc::new(Hub::default());
        let mut sub = hub.subscribe(room(1));
        hub.notify(&room(2));
        hub.notify(&Topic::Nameplate(Nameplate::new(1).unwrap()));
        assert!(tokio::time::timeout(Duration::from_secs(5), sub.changed()).await.is_err());
    }

    #[tokio::test]
    async fn notify_all_wakes_every_waiter() {
        let hub = Arc::new(Hub::default());
        let mut a = hub.subscribe(room(1));
        let mut b = hub.subscribe(Topic::Nameplate(Nameplate::new(7).unwrap()));
        hub.notify_all();
        tokio::time::timeout(Duration::from_secs(1), a.changed()).await.unwrap();
        tokio::time::timeout(Duration::from_secs(1), b.changed()).await.unwrap();
    }

    #[test]
    fn the_last_subscription_removes_the_topic_channel() {
        let hub = Arc::new(Hub::default());
        let a = hub.subscribe(room(1));
        let b = hub.subscribe(room(1));
        assert_eq!(hub.watched_rooms(), 1);
        drop(a);
        assert_eq!(hub.watched_rooms(), 1);
        drop(b);
        assert_eq!(hub.watched_rooms(), 0);
    }
}
