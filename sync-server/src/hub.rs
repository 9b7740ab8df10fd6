//! Wakes long-polls when a room changes: one watch channel per room that someone is waiting on.

use mend_shared::protocol::RoomId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::watch;

/// Rooms with waiters, each with a channel carrying its latest sequence number.
#[derive(Debug, Default)]
pub struct Hub {
    rooms: Mutex<HashMap<RoomId, watch::Sender<u64>>>,
}

impl Hub {
    /// Start watching `room`. Subscribe *before* reading the room, so no change can slip between the two.
    pub fn subscribe(self: &Arc<Self>, room: RoomId) -> Subscription {
        let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        let rx = rooms.entry(room).or_insert_with(|| watch::channel(0).0).subscribe();
        Subscription { hub: Arc::clone(self), room, rx: Some(rx) }
    }

    /// Tell the room's waiters it changed (a bundle committed, a snapshot, or the room was deleted).
    pub fn notify(&self, room: &RoomId, latest_seq: u64) {
        let rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(tx) = rooms.get(room) {
            tx.send_replace(latest_seq);
        }
    }

    /// How many rooms have at least one waiter.
    pub fn watched_rooms(&self) -> usize {
        self.rooms.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// One waiter's interest in a room; the room's channel goes away with its last subscription.
#[derive(Debug)]
pub struct Subscription {
    hub: Arc<Hub>,
    room: RoomId,
    rx: Option<watch::Receiver<u64>>,
}

impl Subscription {
    /// Resolve at the next change after subscribing (or after the previous call).
    pub async fn changed(&mut self) {
        let Some(rx) = self.rx.as_mut() else { return std::future::pending().await };
        if rx.changed().await.is_err() {
            // The sender lives as long as any subscription, so this cannot happen; never spin if it does.
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        drop(self.rx.take());
        let mut rooms = self.hub.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        if rooms.get(&self.room).is_some_and(|tx| tx.receiver_count() == 0) {
            rooms.remove(&self.room);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn room(n: u8) -> RoomId {
        RoomId::from_bytes([n; 32])
    }

    #[tokio::test]
    async fn a_notification_after_subscribing_wakes_the_waiter() {
        let hub = Arc::new(Hub::default());
        let mut sub = hub.subscribe(room(1));
        hub.notify(&room(2), 5);
        hub.notify(&room(1), 7);
        tokio::time::timeout(Duration::from_secs(1), sub.changed()).await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn other_rooms_do_not_wake_a_waiter() {
        let hub = Arc::new(Hub::default());
        let mut sub = hub.subscribe(room(1));
        hub.notify(&room(2), 5);
        assert!(tokio::time::timeout(Duration::from_secs(5), sub.changed()).await.is_err());
    }

    #[test]
    fn the_last_subscription_removes_the_room_channel() {
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
