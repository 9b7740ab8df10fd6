//! Appending bundles, listing pages, long-polls, quotas and gap-free sequencing.

use super::util::{Relay, room, sealed, token};
use axum::http::{StatusCode, header};
use mend_shared::protocol::{AppendResponse, BundleId};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::test]
async fn appending_returns_increasing_seqs_and_a_duplicate_returns_the_original() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    assert_eq!(relay.push(&room(1), &token(1), b"one").await, 1);
    assert_eq!(relay.push(&room(1), &token(1), b"two").await, 2);
    let again = relay.append(&room(1), &token(1), b"one").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<AppendResponse>(), AppendResponse { seq: 1, duplicate: true });
    assert_eq!(relay.push(&room(1), &token(1), b"three").await, 3);
    assert_eq!(relay.table_counts()[1], 3, "the duplicate stored nothing");
}

#[tokio::test]
async fn the_same_id_with_other_bytes_is_still_a_duplicate() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    let id = BundleId::from_bytes([5; 32]);
    assert_eq!(relay.append_as(&room(1), &token(1), &id, b"first").await.status, StatusCode::CREATED);
    let second = relay.append_as(&room(1), &token(1), &id, b"second").await;
    assert_eq!(second.json::<AppendResponse>(), AppendResponse { seq: 1, duplicate: true });
    assert_eq!(relay.list(&room(1), &token(1), "").await.page().bundles[0].bytes, b"first");
}

#[tokio::test]
async fn rooms_have_separate_sequences() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.create_room(&room(2), &token(2)).await;
    assert_eq!(relay.push(&room(1), &token(1), b"a").await, 1);
    assert_eq!(relay.push(&room(2), &token(2), b"a").await, 1, "same id in another room is not a duplicate");
    assert_eq!(relay.push(&room(1), &token(1), b"b").await, 2);
}

#[tokio::test]
async fn a_page_lists_bundles_after_the_cursor_in_order() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    for n in 1..=5 {
        relay.push(&room(1), &token(1), &sealed(n, 100 + n as usize)).await;
    }
    let reply = relay.list(&room(1), &token(1), "after=2&limit=2").await;
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    let page = reply.page();
    assert_eq!((page.latest_seq, page.snapshot_seq), (5, 0));
    assert_eq!(page.bundles.iter().map(|b| b.seq).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(page.bundles[0].bytes, sealed(3, 103));
    assert_eq!(page.bundles[0].id, BundleId::for_content(&sealed(3, 103)));

    let all = relay.list(&room(1), &token(1), "").await.page();
    assert_eq!(all.bundles.len(), 5);
    let caught_up = relay.list(&room(1), &token(1), "after=5").await.page();
    assert!(caught_up.bundles.is_empty());
    assert_eq!(caught_up.latest_seq, 5);
}

#[tokio::test]
async fn pages_are_capped_by_bytes_but_always_hold_one_bundle() {
    let relay = Relay::with(|c| c.max_page_bytes = 250).await;
    relay.create_room(&room(1), &token(1)).await;
    for n in 1..=5 {
        relay.push(&room(1), &token(1), &sealed(n, 100)).await;
    }
    let mut after = 0;
    let mut sizes = Vec::new();
    loop {
        let page = relay.list(&room(1), &token(1), &format!("after={after}")).await.page();
        if page.bundles.is_empty() {
            break;
        }
        sizes.push(page.bundles.len());
        after = page.next_cursor(after);
    }
    assert_eq!(sizes, [3, 2]);

    let tiny = Relay::with(|c| c.max_page_bytes = 1).await;
    tiny.create_room(&room(1), &token(1)).await;
    tiny.push(&room(1), &token(1), &sealed(1, 1000)).await;
    tiny.push(&room(1), &token(1), &sealed(2, 1000)).await;
    assert_eq!(tiny.list(&room(1), &token(1), "").await.page().bundles.len(), 1);
}

#[tokio::test]
async fn a_cursor_past_the_end_is_refused_as_cursor_ahead() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"x").await;
    relay.list(&room(1), &token(1), "after=2").await.assert_error(StatusCode::CONFLICT, "cursor_ahead");
    relay
        .list(&room(1), &token(1), "after=18446744073709551615")
        .await
        .assert_error(StatusCode::CONFLICT, "cursor_ahead");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_poll_answers_as_soon_as_a_bundle_arrives() {
    let relay = Arc::new(Relay::new().await);
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"old").await;
    let started = Instant::now();
    let waiter = {
        let relay = relay.clone();
        tokio::spawn(async move { relay.list(&room(1), &token(1), "after=1&wait=20").await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!waiter.is_finished(), "nothing new yet, so it waits");
    relay.push(&room(1), &token(1), b"new").await;
    let page = tokio::time::timeout(Duration::from_secs(5), waiter).await.unwrap().unwrap().page();
    assert_eq!(page.bundles.len(), 1);
    assert_eq!(page.bundles[0].bytes, b"new");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_long_poll_with_nothing_new_ends_with_an_empty_page() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"old").await;
    let started = Instant::now();
    let page = relay.list(&room(1), &token(1), "after=1&wait=1").await.page();
    assert!(started.elapsed() >= Duration::from_millis(950));
    assert!(page.bundles.is_empty());
    assert_eq!(page.latest_seq, 1);
    // A long-poll with data waiting answers at once.
    let started = Instant::now();
    assert_eq!(relay.list(&room(1), &token(1), "after=0&wait=30").await.page().bundles.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn long_polls_beyond_the_limit_are_refused_with_503() {
    let relay = Arc::new(Relay::with(|c| c.max_waiters = 1).await);
    relay.create_room(&room(1), &token(1)).await;
    let first = {
        let relay = relay.clone();
        tokio::spawn(async move { relay.list(&room(1), &token(1), "wait=3").await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = relay.list(&room(1), &token(1), "wait=3").await;
    second.assert_error(StatusCode::SERVICE_UNAVAILABLE, "too_many_waiters");
    assert_eq!(second.headers[header::RETRY_AFTER], "1");
    // A plain read needs no waiting place.
    relay.list(&room(1), &token(1), "").await.page();
    first.await.unwrap().page();
    // The place is free again.
    relay.list(&room(1), &token(1), "wait=1").await.page();
}

#[tokio::test]
async fn a_full_room_refuses_uploads_with_quota_exceeded_and_stores_nothing() {
    let relay = Relay::with(|c| c.room_quota_bytes = 100).await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), &sealed(1, 60)).await;
    relay
        .append(&room(1), &token(1), &sealed(2, 41))
        .await
        .assert_error(StatusCode::INSUFFICIENT_STORAGE, "quota_exceeded");
    assert_eq!(relay.table_counts(), [1, 1, 1, 0]);
    let page = relay.list(&room(1), &token(1), "").await.page();
    assert_eq!((page.latest_seq, page.bundles.len()), (1, 1));
    // Exactly filling the quota is fine, and the next seq follows with no gap.
    assert_eq!(relay.push(&room(1), &token(1), &sealed(3, 40)).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_get_a_gap_free_sequence() {
    let relay = Arc::new(Relay::new().await);
    relay.create_room(&room(1), &token(1)).await;
    let tasks: Vec<_> = (0..50u32)
        .map(|t| {
            let relay = relay.clone();
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for i in 0..20u32 {
                    let body = sealed(t * 1000 + i, 64);
                    seqs.push(relay.push(&room(1), &token(1), &body).await);
                    // Everyone also re-sends one shared bundle: all must agree on its seq.
                    if i == 10 {
                        let dup = relay.append(&room(1), &token(1), b"shared").await.json::<AppendResponse>();
                        if !dup.duplicate {
                            seqs.push(dup.seq);
                        }
                    }
                }
                seqs
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all.sort_unstable();
    assert_eq!(all, (1..=1001).collect::<Vec<u64>>(), "every seq once, no gaps");

    let mut listed = BTreeSet::new();
    let mut after = 0;
    loop {
        let page = relay.list(&room(1), &token(1), &format!("after={after}&limit=1000")).await.page();
        if page.bundles.is_empty() {
            break;
        }
        after = page.next_cursor(after);
        listed.extend(page.bundles.into_iter().map(|b| b.seq));
    }
    assert_eq!(listed, (1..=1001).collect());
}
