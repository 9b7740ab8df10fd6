//! The pairing mailbox over HTTP: allocation, write-once slots, long-polls, closing and expiry.

use super::util::{Relay, Reply, req};
use axum::http::{Method, StatusCode};
use mend_shared::protocol::{Nameplate, NameplateResponse, PairingSlot};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

async fn allocate(relay: &Relay) -> Nameplate {
    let reply = relay.send(req(Method::POST, "/v1/pairing").empty()).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let body: NameplateResponse = reply.json();
    assert_eq!(body.expires_in, relay.state.config().nameplate_ttl.as_secs());
    body.nameplate
}

async fn write(relay: &Relay, n: Nameplate, slot: PairingSlot, message: &[u8]) -> Reply {
    relay.send(req(Method::PUT, &format!("/v1/pairing/{n}/{slot}")).sealed(message.to_vec())).await
}

async fn read(relay: &Relay, n: Nameplate, slot: PairingSlot, wait: u64) -> Reply {
    relay.send(req(Method::GET, &format!("/v1/pairing/{n}/{slot}?wait={wait}")).empty()).await
}

async fn close(relay: &Relay, n: Nameplate) -> Reply {
    relay.send(req(Method::DELETE, &format!("/v1/pairing/{n}")).empty()).await
}

#[tokio::test]
async fn a_pairing_exchange_passes_messages_between_slots() {
    let relay = Relay::new().await;
    assert_eq!(relay.state.config().nameplate_ttl, Duration::from_secs(600), "the protocol's ten minutes");
    let n = allocate(&relay).await;
    assert_eq!(write(&relay, n, PairingSlot::A1, b"spake2 from A").await.status, StatusCode::CREATED);
    assert_eq!(read(&relay, n, PairingSlot::B1, 0).await.status, StatusCode::NO_CONTENT);
    let a1 = read(&relay, n, PairingSlot::A1, 0).await;
    assert_eq!((a1.status, &a1.body[..]), (StatusCode::OK, &b"spake2 from A"[..]));
    assert_eq!(a1.headers["content-type"], "application/octet-stream");
    write(&relay, n, PairingSlot::B1, b"spake2 from B").await;
    write(&relay, n, PairingSlot::A2, b"confirm + sealed secret").await;
    write(&relay, n, PairingSlot::B2, b"confirm").await;
    for (slot, expected) in [(PairingSlot::B1, "spake2 from B"), (PairingSlot::B2, "confirm")] {
        assert_eq!(read(&relay, n, slot, 0).await.body, expected);
    }
    assert_eq!(close(&relay, n).await.status, StatusCode::NO_CONTENT);
    read(&relay, n, PairingSlot::A1, 0).await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
}

#[tokio::test]
async fn a_nameplate_is_single_use_once_both_phones_read_each_others_messages() {
    let relay = Relay::new().await;
    let n = allocate(&relay).await;
    // The exchange as the phones run it: each reads the other's messages once.
    write(&relay, n, PairingSlot::A1, b"spake2 from A").await;
    write(&relay, n, PairingSlot::B1, b"spake2 from B").await;
    assert_eq!(read(&relay, n, PairingSlot::A1, 0).await.body, "spake2 from A");
    assert_eq!(read(&relay, n, PairingSlot::B1, 0).await.body, "spake2 from B");
    write(&relay, n, PairingSlot::B2, b"confirm").await;
    assert_eq!(read(&relay, n, PairingSlot::B2, 0).await.body, "confirm");
    write(&relay, n, PairingSlot::A2, b"sealed secret").await;
    // Still open until the last message is delivered.
    assert_eq!(read(&relay, n, PairingSlot::A2, 5).await.body, "sealed secret");

    // Retired: nothing can be read again or added, and the phone's own close finds it gone.
    for slot in PairingSlot::ALL {
        read(&relay, n, slot, 0).await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
    }
    write(&relay, n, PairingSlot::A1, b"again")
        .await
        .assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
    close(&relay, n).await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
    let metrics = relay.send(req(Method::GET, "/metrics").empty()).await;
    assert!(String::from_utf8_lossy(&metrics.body).contains("\nmend_relay_pairing_nameplates_open 0\n"));
}

#[tokio::test]
async fn a_slot_can_be_written_only_once() {
    let relay = Relay::new().await;
    let n = allocate(&relay).await;
    write(&relay, n, PairingSlot::B1, b"first").await;
    write(&relay, n, PairingSlot::B1, b"second").await.assert_error(StatusCode::CONFLICT, "slot_taken");
    assert_eq!(read(&relay, n, PairingSlot::B1, 0).await.body, "first");
}

#[tokio::test]
async fn a_pairing_long_poll_wakes_when_the_slot_is_written() {
    let relay = Arc::new(Relay::new().await);
    let n = allocate(&relay).await;
    let waiter = {
        let relay = relay.clone();
        tokio::spawn(async move { read(&relay, n, PairingSlot::B1, 20).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!waiter.is_finished());
    write(&relay, n, PairingSlot::B1, b"joined").await;
    let reply = tokio::time::timeout(Duration::from_secs(5), waiter).await.unwrap().unwrap();
    assert_eq!((reply.status, &reply.body[..]), (StatusCode::OK, &b"joined"[..]));
}

#[tokio::test]
async fn an_unwritten_slot_answers_204_after_the_wait() {
    let relay = Relay::new().await;
    let n = allocate(&relay).await;
    let started = std::time::Instant::now();
    let reply = read(&relay, n, PairingSlot::A1, 1).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(reply.body.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn closing_a_nameplate_releases_its_long_polls_with_410() {
    let relay = Arc::new(Relay::new().await);
    let n = allocate(&relay).await;
    let waiter = {
        let relay = relay.clone();
        tokio::spawn(async move { read(&relay, n, PairingSlot::A2, 20).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    close(&relay, n).await;
    let reply = tokio::time::timeout(Duration::from_secs(5), waiter).await.unwrap().unwrap();
    reply.assert_error(StatusCode::GONE, "nameplate_closed");
    close(&relay, n).await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
    write(&relay, n, PairingSlot::A1, b"late").await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
}

#[tokio::test]
async fn nameplates_expire_at_the_end_of_their_lifetime() {
    // Real time on every backend (PostgreSQL keeps the clock), so a short lifetime.
    let relay = Relay::with(|c| c.nameplate_ttl = Duration::from_secs(2)).await;
    let n = allocate(&relay).await;
    write(&relay, n, PairingSlot::A1, b"waiting for B").await;
    assert_eq!(read(&relay, n, PairingSlot::A1, 0).await.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let body =
        read(&relay, n, PairingSlot::A1, 0).await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
    assert!(body.message.contains("expired"), "{}", body.message);
    write(&relay, n, PairingSlot::B1, b"too late")
        .await
        .assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
}

#[tokio::test]
async fn a_long_poll_on_an_expiring_nameplate_ends_with_unknown_nameplate() {
    let relay = Arc::new(Relay::with(|c| c.nameplate_ttl = Duration::from_secs(2)).await);
    let n = allocate(&relay).await;
    let started = std::time::Instant::now();
    read(&relay, n, PairingSlot::B1, 30).await.assert_error(StatusCode::NOT_FOUND, "unknown_nameplate");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the wait outlived the nameplate: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn used_nameplates_are_not_handed_out_again_soon() {
    let relay = Relay::new().await;
    let mut used = HashSet::new();
    for _ in 0..30 {
        let n = allocate(&relay).await;
        close(&relay, n).await;
        assert!(used.insert(n), "nameplate {n} reissued");
    }
}

#[tokio::test]
async fn every_open_nameplate_is_distinct() {
    let relay = Relay::with(|c| c.max_nameplates_per_client = 0).await;
    let mut open = HashSet::new();
    for _ in 0..200 {
        assert!(open.insert(allocate(&relay).await));
    }
}
