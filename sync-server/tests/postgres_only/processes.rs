//! PostgreSQL only: several relay processes on one database, as behind a load balancer — one
//! gap-free sequence per room whichever process appends, long-polls on one process woken by the
//! other (also across a cut wake-up connection), deletions and pairing seen by all, and a process
//! killed mid-stream losing nothing it acknowledged.

use crate::relay::util::{Api, Db, RelayProcess, room, sealed, token};
use mend_shared::protocol::{BundleId, BundlePage, NameplateResponse};
use reqwest::StatusCode;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Two relay processes on one fresh database.
fn two_relays(extra: &[&str]) -> (Db, RelayProcess, RelayProcess) {
    let db = Db::fresh();
    let a = RelayProcess::start(&db, extra);
    let b = RelayProcess::start(&db, extra);
    (db, a, b)
}

/// Wait up to 10 s for a long-poll's answer.
async fn answer(waiter: tokio::task::JoinHandle<reqwest::Response>) -> reqwest::Response {
    tokio::time::timeout(Duration::from_secs(10), waiter).await.expect("the long-poll was woken").unwrap()
}

fn long_poll(api: &Api, query: &str) -> tokio::task::JoinHandle<reqwest::Response> {
    let request = api
        .http
        .get(format!("{}/v1/rooms/{}/bundles?{query}", api.url, room(1)))
        .header("authorization", token(1).authorization());
    tokio::spawn(async move { request.send().await.unwrap() })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appends_through_two_processes_share_one_gap_free_sequence() {
    let (_db, a, b) = two_relays(&[]);
    let apis = Arc::new([Api::new(&a), Api::new(&b)]);
    assert_eq!(apis[0].create(&room(1), &token(1)).await, StatusCode::CREATED);
    assert_eq!(apis[1].create(&room(1), &token(1)).await, StatusCode::OK, "the other process sees the room");
    let tasks: Vec<_> = (0..16u32)
        .map(|t| {
            let apis = apis.clone();
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for i in 0..25 {
                    let api = &apis[((t + i) % 2) as usize];
                    seqs.push(api.append(&room(1), &token(1), sealed(t * 100 + i, 300)).await.unwrap().seq);
                    // Everyone sends one shared bundle too, through either process: stored once.
                    if i == 10 {
                        let dup = api.append(&room(1), &token(1), b"shared".to_vec()).await.unwrap();
                        if !dup.duplicate {
                            seqs.push(dup.seq);
                        }
                    }
                }
                seqs
            })
        })
        .collect();
    let mut seqs = Vec::new();
    for task in tasks {
        seqs.extend(task.await.unwrap());
    }
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=401).collect::<Vec<u64>>(), "no gaps, no duplicates");
    let (from_a, from_b) =
        (apis[0].list_all(&room(1), &token(1)).await, apis[1].list_all(&room(1), &token(1)).await);
    assert_eq!(from_a.bundles, from_b.bundles);
    assert_eq!(from_a.bundles.iter().map(|b| b.seq).collect::<Vec<_>>(), (1..=401).collect::<Vec<u64>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_poll_on_one_process_wakes_when_the_other_commits() {
    let (_db, a, b) = two_relays(&[]);
    let (api_a, api_b) = (Api::new(&a), Api::new(&b));
    api_a.create(&room(1), &token(1)).await;
    let waiter = long_poll(&api_b, "after=0&wait=20");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!waiter.is_finished(), "nothing yet, so it waits");
    let started = Instant::now();
    api_a.append(&room(1), &token(1), b"through a".to_vec()).await.unwrap();
    let page = BundlePage::decode(&answer(waiter).await.bytes().await.unwrap()).unwrap();
    assert_eq!(page.bundles[0].bytes, b"through a");
    assert!(started.elapsed() < Duration::from_secs(2), "woken after {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_poll_is_woken_even_when_its_wake_up_connection_was_cut() {
    let (db, a, b) = two_relays(&[]);
    let (api_a, api_b) = (Api::new(&a), Api::new(&b));
    api_a.create(&room(1), &token(1)).await;
    let waiter = long_poll(&api_b, "after=0&wait=25");
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Cut B's listening connection, and commit through A while B is not listening: A's
    // notification reaches nobody on B, so only B's look after reconnecting can find the bundle.
    let listener = format!("mend-relay listener {}", b.pid());
    let cut = db.query(&format!(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{listener}'"
    ));
    assert_eq!(cut, "1");
    api_a.append(&room(1), &token(1), b"while b was deaf".to_vec()).await.unwrap();
    let started = Instant::now();
    let page = BundlePage::decode(&answer(waiter).await.bytes().await.unwrap()).unwrap();
    assert_eq!(page.bundles[0].bytes, b"while b was deaf");
    assert!(started.elapsed() < Duration::from_secs(8), "woken only after {:?}", started.elapsed());
    // B listens again: the next commit through A wakes the next long-poll at once.
    let waiter = long_poll(&api_b, "after=1&wait=20");
    tokio::time::sleep(Duration::from_millis(300)).await;
    api_a.append(&room(1), &token(1), b"after".to_vec()).await.unwrap();
    assert_eq!(BundlePage::decode(&answer(waiter).await.bytes().await.unwrap()).unwrap().bundles[0].seq, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_deleted_through_one_process_is_refused_by_the_other() {
    let (db, a, b) = two_relays(&[]);
    let (api_a, api_b) = (Api::new(&a), Api::new(&b));
    api_a.create(&room(1), &token(1)).await;
    // B has let an upload in with this token, so it remembers the token.
    api_b.append(&room(1), &token(1), b"kept until deleted".to_vec()).await.unwrap();
    let waiter = long_poll(&api_b, "after=1&wait=20");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let deleted = api_a
        .http
        .delete(format!("{}/v1/rooms/{}", api_a.url, room(1)))
        .header("authorization", token(1).authorization());
    assert_eq!(deleted.send().await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(
        answer(waiter).await.status(),
        StatusCode::UNAUTHORIZED,
        "B's long-poll learns the room is gone"
    );
    let refused = api_b.append(&room(1), &token(1), b"too late".to_vec()).await.unwrap_err();
    assert_eq!(refused.status(), Some(StatusCode::UNAUTHORIZED));
    let listed = api_b
        .http
        .get(format!("{}/v1/rooms/{}/bundles", api_b.url, room(1)))
        .header("authorization", token(1).authorization());
    assert_eq!(listed.send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(db.counts(), [0, 0, 0, 0], "everything in the room is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_stream_loses_nothing_acknowledged_and_the_other_carries_on() {
    let (_db, a, b) = two_relays(&[]);
    let apis = Arc::new([Api::new(&a), Api::new(&b)]);
    for r in 1..=4 {
        apis[0].create(&room(r), &token(r)).await;
    }
    let acked: Arc<Mutex<Vec<(u8, u64, BundleId)>>> = Arc::default();
    let writers: Vec<_> = (0..16u32)
        .map(|t| {
            let (apis, acked) = (apis.clone(), acked.clone());
            tokio::spawn(async move {
                let (r, api) = ((t % 4) as u8 + 1, &apis[(t % 2) as usize]);
                for i in 0..200 {
                    let bytes = sealed(t * 100_000 + i, 512);
                    let id = BundleId::for_content(&bytes);
                    match api.append(&room(r), &token(r), bytes).await {
                        Ok(ack) => acked.lock().unwrap().push((r, ack.seq, id)),
                        // The killed process's writers stop here; the survivor's must never get here.
                        Err(_) => return (t % 2, i),
                    }
                }
                (t % 2, 200)
            })
        })
        .collect();
    let started = Instant::now();
    while acked.lock().unwrap().len() < 300 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    a.kill_9();
    for writer in writers {
        let (process, appended) = writer.await.unwrap();
        if process == 1 {
            assert_eq!(appended, 200, "the surviving process stopped answering");
        }
    }
    let acked = acked.lock().unwrap().clone();
    for r in 1..=4u8 {
        let all = apis[1].list_all(&room(r), &token(r)).await;
        assert_eq!(
            all.bundles.iter().map(|b| b.seq).collect::<Vec<_>>(),
            (1..=all.latest_seq).collect::<Vec<_>>()
        );
        let stored: std::collections::HashMap<u64, BundleId> =
            all.bundles.iter().map(|b| (b.seq, b.id)).collect();
        for (_, seq, id) in acked.iter().filter(|(ar, _, _)| *ar == r) {
            assert_eq!(stored.get(seq), Some(id), "acknowledged bundle {seq} in room {r} was lost");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pairing_runs_across_two_processes_and_the_per_client_cap_counts_both() {
    let (_db, a, b) = two_relays(&["--max-nameplates-per-client", "3"]);
    let (api_a, api_b) = (Api::new(&a), Api::new(&b));
    let allocate = |api: &Api| api.http.post(format!("{}/v1/pairing", api.url)).send();
    let n = allocate(&api_a).await.unwrap().json::<NameplateResponse>().await.unwrap().nameplate;
    // The joiner's long-poll on B is woken by the inviter's write through A.
    let waiter = {
        let read = api_b.http.get(format!("{}/v1/pairing/{n}/a1?wait=20", api_b.url));
        tokio::spawn(async move { read.send().await.unwrap() })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let write = api_a
        .http
        .put(format!("{}/v1/pairing/{n}/a1", api_a.url))
        .header("content-type", "application/octet-stream")
        .body("spake2 from a");
    assert_eq!(write.send().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(answer(waiter).await.bytes().await.unwrap(), "spake2 from a");
    // The slot is write-once whichever process is asked.
    let again = api_b
        .http
        .put(format!("{}/v1/pairing/{n}/a1", api_b.url))
        .header("content-type", "application/octet-stream")
        .body("again");
    assert_eq!(again.send().await.unwrap().status(), StatusCode::CONFLICT);

    // This client holds one code; two more are allowed, through either process, then no more.
    let mut open = HashSet::from([n]);
    for api in [&api_b, &api_a] {
        open.insert(allocate(api).await.unwrap().json::<NameplateResponse>().await.unwrap().nameplate);
    }
    assert_eq!(open.len(), 3, "distinct across processes");
    assert_eq!(allocate(&api_b).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
}
