//! Snapshots: storing, fetching, dropping covered bundles, and refusing stale or impossible ones.

use super::util::{Relay, req, room, sealed, token};
use axum::http::{Method, StatusCode, header};
use mend_shared::protocol::{AppendResponse, SnapshotResponse};

async fn room_with_five_bundles() -> Relay {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    for n in 1..=5 {
        relay.push(&room(1), &token(1), &sealed(n, 50)).await;
    }
    relay
}

#[tokio::test]
async fn a_snapshot_replaces_the_bundles_it_covers() {
    let relay = room_with_five_bundles().await;
    let reply = relay.put_snapshot(&room(1), &token(1), 3, b"sealed snapshot").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json::<SnapshotResponse>(), SnapshotResponse { seq: 3 });
    assert_eq!(relay.table_counts(), [1, 2, 5, 1], "bundles 1..=3 dropped, their ids kept");

    let page = relay.list(&room(1), &token(1), "after=3").await.page();
    assert_eq!((page.latest_seq, page.snapshot_seq), (5, 3));
    assert_eq!(page.bundles.iter().map(|b| b.seq).collect::<Vec<_>>(), [4, 5]);

    let snapshot = relay.get_snapshot(&room(1), &token(1)).await;
    assert_eq!(snapshot.status, StatusCode::OK);
    assert_eq!(snapshot.headers[header::CONTENT_TYPE], "application/octet-stream");
    assert_eq!(snapshot.headers["mend-snapshot-seq"], "3");
    assert_eq!(&snapshot.body[..], b"sealed snapshot");

    // A later snapshot replaces the earlier one.
    relay.put_snapshot(&room(1), &token(1), 5, b"newer").await;
    assert_eq!(relay.get_snapshot(&room(1), &token(1)).await.headers["mend-snapshot-seq"], "5");
    assert_eq!(relay.table_counts(), [1, 0, 5, 1]);
}

#[tokio::test]
async fn a_cursor_behind_the_snapshot_gets_snapshot_required() {
    let relay = room_with_five_bundles().await;
    relay.put_snapshot(&room(1), &token(1), 3, b"snap").await;
    for after in [0, 1, 2] {
        let body = relay
            .list(&room(1), &token(1), &format!("after={after}"))
            .await
            .assert_error(StatusCode::CONFLICT, "snapshot_required");
        assert!(body.message.contains("snapshot"), "{}", body.message);
    }
    // Long-polls too: a client never silently misses data.
    relay
        .list(&room(1), &token(1), "after=1&wait=5")
        .await
        .assert_error(StatusCode::CONFLICT, "snapshot_required");
}

#[tokio::test]
async fn stale_and_out_of_range_snapshots_are_refused_and_change_nothing() {
    let relay = room_with_five_bundles().await;
    relay.put_snapshot(&room(1), &token(1), 3, b"kept").await;
    let before = relay.table_counts();
    relay
        .put_snapshot(&room(1), &token(1), 3, b"same seq")
        .await
        .assert_error(StatusCode::CONFLICT, "stale_snapshot");
    relay
        .put_snapshot(&room(1), &token(1), 2, b"older")
        .await
        .assert_error(StatusCode::CONFLICT, "stale_snapshot");
    relay
        .put_snapshot(&room(1), &token(1), 6, b"future")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_snapshot_seq");
    relay
        .put_snapshot(&room(1), &token(1), 0, b"zero")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_snapshot_seq");
    let no_header = relay
        .send(
            req(Method::PUT, &format!("/v1/rooms/{}/snapshot", room(1)))
                .bearer(&token(1))
                .sealed(b"x".to_vec()),
        )
        .await;
    no_header.assert_error(StatusCode::BAD_REQUEST, "bad_snapshot_seq");
    assert_eq!(relay.table_counts(), before);
    let snapshot = relay.get_snapshot(&room(1), &token(1)).await;
    assert_eq!(
        (&snapshot.headers["mend-snapshot-seq"], &snapshot.body[..]),
        (&"3".parse().unwrap(), &b"kept"[..])
    );
}

#[tokio::test]
async fn a_room_without_a_snapshot_answers_no_snapshot() {
    let relay = room_with_five_bundles().await;
    relay.get_snapshot(&room(1), &token(1)).await.assert_error(StatusCode::NOT_FOUND, "no_snapshot");
    let empty = Relay::new().await;
    empty.create_room(&room(1), &token(1)).await;
    empty
        .put_snapshot(&room(1), &token(1), 1, b"x")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_snapshot_seq");
}

#[tokio::test]
async fn a_bundle_covered_by_a_snapshot_is_still_a_duplicate() {
    let relay = room_with_five_bundles().await;
    relay.put_snapshot(&room(1), &token(1), 3, b"snap").await;
    let again = relay.append(&room(1), &token(1), &sealed(2, 50)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<AppendResponse>(), AppendResponse { seq: 2, duplicate: true });
    assert_eq!(relay.push(&room(1), &token(1), b"fresh").await, 6);
}

#[tokio::test]
async fn a_snapshot_frees_quota() {
    let relay = Relay::with(|c| c.room_quota_bytes = 100).await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), &sealed(1, 60)).await;
    relay.push(&room(1), &token(1), &sealed(2, 30)).await;
    relay
        .append(&room(1), &token(1), &sealed(3, 20))
        .await
        .assert_error(StatusCode::INSUFFICIENT_STORAGE, "quota_exceeded");
    // A snapshot bigger than the room may hold is refused too.
    relay
        .put_snapshot(&room(1), &token(1), 2, &sealed(9, 101))
        .await
        .assert_error(StatusCode::INSUFFICIENT_STORAGE, "quota_exceeded");
    relay.put_snapshot(&room(1), &token(1), 2, &sealed(9, 10)).await;
    assert_eq!(relay.push(&room(1), &token(1), &sealed(3, 90)).await, 3);
}

#[tokio::test]
async fn snapshots_over_the_size_limit_are_refused() {
    let relay = Relay::with(|c| c.max_snapshot_bytes = 1000).await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"x").await;
    relay
        .put_snapshot(&room(1), &token(1), 1, &sealed(1, 1001))
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    assert_eq!(relay.put_snapshot(&room(1), &token(1), 1, &sealed(1, 1000)).await.status, StatusCode::OK);
}
