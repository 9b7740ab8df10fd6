//! Upload bodies are read only after the request is let in, within a relay-wide byte budget and
//! the request timeout; and the relay as a whole stays within its room and storage caps.

use super::util::{Relay, req, room, sealed, token};
use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode, header};
use hyper::body::Frame;
use mend_shared::protocol::{MAX_BUNDLE_BYTES, NameplateResponse};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc;

/// A body of unknown length fed from a channel, which records whether the relay ever read it.
struct ChannelBody {
    rx: mpsc::Receiver<Bytes>,
    read: Arc<AtomicBool>,
}

impl axum::body::HttpBody for ChannelBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.read.store(true, Ordering::SeqCst);
        self.rx.poll_recv(cx).map(|chunk| chunk.map(|bytes| Ok(Frame::data(bytes))))
    }
}

/// A streamed upload: the sender feeds it, the flag says whether the relay read any of it.
fn streamed(method: Method, uri: &str, token_n: u8) -> (Request<Body>, mpsc::Sender<Bytes>, Arc<AtomicBool>) {
    let (tx, rx) = mpsc::channel(4);
    let read = Arc::new(AtomicBool::new(false));
    let body = Body::new(ChannelBody { rx, read: read.clone() });
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, token(token_n).authorization())
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header("mend-snapshot-seq", "1")
        .body(body)
        .unwrap();
    (request, tx, read)
}

#[tokio::test]
async fn refused_uploads_are_answered_without_reading_their_body() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"one").await;
    relay.put_snapshot(&room(1), &token(1), 1, b"snap").await;
    let allocated = relay.send(req(Method::POST, "/v1/pairing").empty()).await;
    let n = allocated.json::<NameplateResponse>().nameplate;
    relay.send(req(Method::PUT, &format!("/v1/pairing/{n}/a1")).sealed(b"taken".to_vec())).await;

    let append = format!("/v1/rooms/{}/bundles/{}", room(1), room(9));
    let snapshot = format!("/v1/rooms/{}/snapshot", room(1));
    for (what, method, uri, token_n, status, code) in [
        ("wrong token append", Method::PUT, append.clone(), 2, StatusCode::UNAUTHORIZED, "unauthorized"),
        (
            "unknown room append",
            Method::PUT,
            format!("/v1/rooms/{}/bundles/{}", room(7), room(9)),
            1,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        ("wrong token snapshot", Method::PUT, snapshot.clone(), 2, StatusCode::UNAUTHORIZED, "unauthorized"),
        // Seq 1 is the current snapshot's: stale, known before the body.
        ("stale snapshot", Method::PUT, snapshot, 1, StatusCode::CONFLICT, "stale_snapshot"),
        (
            "taken pairing slot",
            Method::PUT,
            format!("/v1/pairing/{n}/a1"),
            1,
            StatusCode::CONFLICT,
            "slot_taken",
        ),
        (
            "unknown nameplate",
            Method::PUT,
            "/v1/pairing/9999/a1".to_owned(),
            1,
            StatusCode::NOT_FOUND,
            "unknown_nameplate",
        ),
    ] {
        let (request, _feed, read) = streamed(method, &uri, token_n);
        let reply = tokio::time::timeout(Duration::from_secs(5), relay.send(request))
            .await
            .unwrap_or_else(|_| panic!("{what}: the relay waited for a body it should not read"));
        reply.assert_error(status, code);
        assert!(!read.load(Ordering::SeqCst), "{what}: the body was read");
    }
    assert_eq!(relay.table_counts(), [1, 0, 1, 1]);
}

#[tokio::test]
async fn a_token_that_let_uploads_in_stops_at_the_door_once_its_room_is_deleted() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"one").await;
    relay.push(&room(1), &token(1), b"two").await;
    let delete = relay.send(req(Method::DELETE, &format!("/v1/rooms/{}", room(1))).bearer(&token(1)).empty());
    assert_eq!(delete.await.status, StatusCode::NO_CONTENT);
    let append = format!("/v1/rooms/{}/bundles/{}", room(1), room(9));
    let refused = |what: &'static str| {
        let (request, _feed, read) = streamed(Method::PUT, &append, 1);
        let relay = &relay;
        async move {
            let reply = tokio::time::timeout(Duration::from_secs(5), relay.send(request))
                .await
                .unwrap_or_else(|_| panic!("{what}: the relay waited for a body it should not read"));
            reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
            assert!(!read.load(Ordering::SeqCst), "{what}: the body was read");
        }
    };
    refused("deleted room").await;
    // The same id taken again by another token: the old token is still refused before its body.
    relay.create_room(&room(1), &token(2)).await;
    refused("room taken by another token").await;
    relay.push(&room(1), &token(2), b"new owner").await;
    refused("room in use by another token").await;
    assert_eq!(relay.table_counts(), [1, 1, 1, 0]);
}

#[tokio::test]
async fn uploads_past_the_in_flight_budget_get_503_busy_and_retry_after() {
    // The smallest budget there is: one bundle's worth, and the same for one client and one room.
    let relay = Arc::new(
        Relay::with(|c| {
            c.max_upload_bytes_in_flight = 0;
            c.max_upload_bytes_per_client = 0;
            c.max_upload_bytes_per_room = 0;
            c.max_snapshot_bytes = 4096;
        })
        .await,
    );
    assert_eq!(relay.state.config().upload_budget(), MAX_BUNDLE_BYTES);
    relay.create_room(&room(1), &token(1)).await;
    // Bytes count as they arrive: a slow upload that has sent all but a few bytes of the budget holds them.
    let (request, feed, _) = streamed(Method::PUT, &format!("/v1/rooms/{}/bundles/{}", room(1), room(5)), 1);
    let slow = {
        let relay = relay.clone();
        tokio::spawn(async move { relay.send(request).await })
    };
    let held = MAX_BUNDLE_BYTES - 4;
    feed.send(Bytes::from(vec![7; held])).await.unwrap();
    let started = std::time::Instant::now();
    while relay.state.uploads().in_use() < held {
        assert!(started.elapsed() < Duration::from_secs(5), "the slow upload never started");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let busy = relay.append(&room(1), &token(1), b"small").await;
    busy.assert_error(StatusCode::SERVICE_UNAVAILABLE, "busy");
    assert_eq!(busy.headers[header::RETRY_AFTER], "1");
    let metrics = relay.send(req(Method::GET, "/metrics").empty()).await;
    let text = String::from_utf8(metrics.body.to_vec()).unwrap();
    assert!(text.contains(&format!("\nmend_relay_upload_bytes_in_flight {held}\n")), "{text}");
    assert_eq!(relay.table_counts(), [1, 0, 0, 0]);

    feed.send(Bytes::from_static(b"end")).await.unwrap();
    drop(feed);
    let reply = slow.await.unwrap();
    assert_eq!(reply.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&reply.body));
    assert_eq!(relay.state.uploads().in_use(), 0);
    assert_eq!(relay.push(&room(1), &token(1), b"small").await, 2);
}

#[tokio::test]
async fn a_body_that_stalls_past_the_request_timeout_gets_408() {
    let relay = Relay::with(|c| c.request_timeout = Duration::from_millis(500)).await;
    relay.create_room(&room(1), &token(1)).await;
    let (request, feed, _) = streamed(Method::PUT, &format!("/v1/rooms/{}/bundles/{}", room(1), room(5)), 1);
    feed.send(Bytes::from_static(b"a start")).await.unwrap();
    let started = std::time::Instant::now();
    let reply = relay.send(request).await;
    reply.assert_error(StatusCode::REQUEST_TIMEOUT, "request_timeout");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(relay.table_counts(), [1, 0, 0, 0]);
    assert_eq!(relay.state.uploads().in_use(), 0);
}

#[tokio::test]
async fn the_room_cap_refuses_new_rooms_until_one_is_deleted() {
    let relay = Relay::with(|c| c.max_rooms = 2).await;
    for r in 1..=2 {
        assert_eq!(relay.create_room(&room(r), &token(r)).await.status, StatusCode::CREATED);
    }
    relay.create_room(&room(3), &token(3)).await.assert_error(StatusCode::INSUFFICIENT_STORAGE, "relay_full");
    // Existing rooms are still confirmed, and the full relay stored nothing.
    assert_eq!(relay.create_room(&room(1), &token(1)).await.status, StatusCode::OK);
    assert_eq!(relay.table_counts()[0], 2);
    relay.send(req(Method::DELETE, &format!("/v1/rooms/{}", room(2))).bearer(&token(2)).empty()).await;
    assert_eq!(relay.create_room(&room(3), &token(3)).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_storage_cap_refuses_growth_but_not_what_frees_space() {
    let relay = Relay::with(|c| c.max_stored_bytes = 100).await;
    relay.create_room(&room(1), &token(1)).await;
    relay.create_room(&room(2), &token(2)).await;
    relay.push(&room(1), &token(1), &sealed(1, 60)).await;
    relay.push(&room(2), &token(2), &sealed(2, 30)).await;
    let before = relay.table_counts();
    relay
        .append(&room(2), &token(2), &sealed(3, 20))
        .await
        .assert_error(StatusCode::INSUFFICIENT_STORAGE, "relay_full");
    assert_eq!(relay.table_counts(), before);
    // A duplicate stores nothing, so it is still answered.
    assert_eq!(relay.append(&room(1), &token(1), &sealed(1, 60)).await.status, StatusCode::OK);
    // A snapshot smaller than what it replaces frees space for the next bundle.
    assert_eq!(relay.put_snapshot(&room(1), &token(1), 1, &sealed(9, 10)).await.status, StatusCode::OK);
    assert_eq!(relay.push(&room(2), &token(2), &sealed(3, 20)).await, 2);
}
