//! The real binary on 127.0.0.1:0: every endpoint over HTTP, kill -9 durability, graceful SIGTERM.

use super::util::{Api, Db, RelayProcess, room, sealed, token};
use mend_shared::protocol::{AppendResponse, BundleId, BundlePage, NameplateResponse, SnapshotResponse};
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_every_endpoint_over_http() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &[]);
    let api = Api::new(&relay);
    let http = &api.http;
    let url = &api.url;

    assert_eq!(
        http.get(format!("{url}/healthz")).send().await.unwrap().text().await.unwrap(),
        r#"{"status":"ok"}"#
    );
    let doc: serde_json::Value =
        http.get(format!("{url}/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["paths"]["/v1/rooms/{room}/bundles"].is_object());

    assert_eq!(api.create(&room(1), &token(1)).await, StatusCode::CREATED);
    assert_eq!(api.create(&room(1), &token(1)).await, StatusCode::OK);
    assert_eq!(
        api.append(&room(1), &token(1), sealed(1, 300)).await.unwrap(),
        AppendResponse { seq: 1, duplicate: false }
    );
    assert_eq!(
        api.append(&room(1), &token(1), sealed(1, 300)).await.unwrap(),
        AppendResponse { seq: 1, duplicate: true }
    );

    // A long-poll over a real socket wakes on the next append.
    let waiter = {
        let http = http.clone();
        let url = url.clone();
        tokio::spawn(async move {
            http.get(format!("{url}/v1/rooms/{}/bundles?after=1&wait=20", room(1)))
                .header("authorization", token(1).authorization())
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    api.append(&room(1), &token(1), sealed(2, 10)).await.unwrap();
    let page =
        BundlePage::decode(&tokio::time::timeout(Duration::from_secs(5), waiter).await.unwrap().unwrap())
            .unwrap();
    assert_eq!(page.bundles[0].seq, 2);

    let snap: SnapshotResponse = http
        .put(format!("{url}/v1/rooms/{}/snapshot", room(1)))
        .header("authorization", token(1).authorization())
        .header("content-type", "application/octet-stream")
        .header("mend-snapshot-seq", "1")
        .body("snapshot")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(snap.seq, 1);
    let got = http
        .get(format!("{url}/v1/rooms/{}/snapshot", room(1)))
        .header("authorization", token(1).authorization())
        .send()
        .await
        .unwrap();
    assert_eq!(got.headers()["mend-snapshot-seq"], "1");
    assert_eq!(got.bytes().await.unwrap(), "snapshot");
    assert_eq!(api.list(&room(1), &token(1), "after=1").await.bundles.len(), 1);

    let nameplate: NameplateResponse =
        http.post(format!("{url}/v1/pairing")).send().await.unwrap().json().await.unwrap();
    let n = nameplate.nameplate;
    let put = http
        .put(format!("{url}/v1/pairing/{n}/a1"))
        .header("content-type", "application/octet-stream")
        .body("pake");
    assert_eq!(put.send().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(
        http.get(format!("{url}/v1/pairing/{n}/a1?wait=1")).send().await.unwrap().bytes().await.unwrap(),
        "pake"
    );
    assert_eq!(
        http.get(format!("{url}/v1/pairing/{n}/b1")).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        http.delete(format!("{url}/v1/pairing/{n}")).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );

    let metrics = http.get(format!("{url}/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("\nmend_relay_bundles_stored_total 2\n"), "{metrics}");

    let deleted =
        http.delete(format!("{url}/v1/rooms/{}", room(1))).header("authorization", token(1).authorization());
    assert_eq!(deleted.send().await.unwrap().status(), StatusCode::NO_CONTENT);
    let gone = http
        .get(format!("{url}/v1/rooms/{}/bundles", room(1)))
        .header("authorization", token(1).authorization());
    assert_eq!(gone.send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_over_http_are_gap_free() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &[]);
    let api = Arc::new(Api::new(&relay));
    api.create(&room(1), &token(1)).await;
    let tasks: Vec<_> = (0..32u32)
        .map(|t| {
            let api = api.clone();
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for i in 0..25 {
                    seqs.push(api.append(&room(1), &token(1), sealed(t * 100 + i, 200)).await.unwrap().seq);
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
    assert_eq!(seqs, (1..=800).collect::<Vec<u64>>());
    let all = api.list_all(&room(1), &token(1)).await;
    assert_eq!(all.bundles.iter().map(|b| b.seq).collect::<Vec<_>>(), (1..=800).collect::<Vec<u64>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_bundles_survive_kill_9() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &[]);
    let api = Arc::new(Api::new(&relay));
    for r in 1..=4 {
        api.create(&room(r), &token(r)).await;
    }
    // Writers append until the process dies under them; they keep every acknowledgement.
    let acked: Arc<Mutex<Vec<(u8, u64, BundleId)>>> = Arc::default();
    let writers: Vec<_> = (0..16u32)
        .map(|t| {
            let (api, acked) = (api.clone(), acked.clone());
            tokio::spawn(async move {
                let r = (t % 4) as u8 + 1;
                for i in 0.. {
                    let bytes = sealed(t * 100_000 + i, 512);
                    let id = BundleId::for_content(&bytes);
                    match api.append(&room(r), &token(r), bytes).await {
                        Ok(ack) => acked.lock().unwrap().push((r, ack.seq, id)),
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    let started = Instant::now();
    while acked.lock().unwrap().len() < 500 && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    relay.kill_9();
    for w in writers {
        w.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 500, "only {} appends were acknowledged", acked.len());

    let relay = RelayProcess::start(&db, &[]);
    let api = Api::new(&relay);
    for r in 1..=4u8 {
        let all = api.list_all(&room(r), &token(r)).await;
        let stored: std::collections::HashMap<u64, BundleId> =
            all.bundles.iter().map(|b| (b.seq, b.id)).collect();
        // Gap-free after recovery, too.
        assert_eq!(
            all.bundles.iter().map(|b| b.seq).collect::<Vec<_>>(),
            (1..=all.latest_seq).collect::<Vec<_>>()
        );
        for (_, seq, id) in acked.iter().filter(|(ar, _, _)| *ar == r) {
            assert_eq!(stored.get(seq), Some(id), "acknowledged bundle {seq} in room {r} was lost");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_releases_long_polls_and_exits_cleanly() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &[]);
    let api = Api::new(&relay);
    api.create(&room(1), &token(1)).await;
    api.append(&room(1), &token(1), b"kept".to_vec()).await.unwrap();
    let waiters: Vec<_> = (0..5)
        .map(|_| {
            let http = api.http.clone();
            let url = format!("{}/v1/rooms/{}/bundles?after=1&wait=30", api.url, room(1));
            tokio::spawn(async move {
                let response =
                    http.get(url).header("authorization", token(1).authorization()).send().await.unwrap();
                (response.status(), response.bytes().await.unwrap())
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let status = tokio::task::spawn_blocking(move || relay.terminate(Duration::from_secs(10))).await.unwrap();
    assert!(status.success(), "exit status {status}");
    for waiter in waiters {
        let (status, body) = waiter.await.unwrap();
        assert_eq!(status, StatusCode::OK);
        assert!(BundlePage::decode(&body).unwrap().bundles.is_empty());
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "long-polls held the shutdown for {:?}",
        started.elapsed()
    );
    // The database was closed cleanly and still holds everything.
    assert_eq!(db.counts(), [1, 1, 1, 0]);
    let relay = RelayProcess::start(&db, &[]);
    assert_eq!(Api::new(&relay).list(&room(1), &token(1), "").await.bundles[0].bytes, b"kept");
}

#[test]
fn a_database_written_by_a_newer_relay_is_refused_with_a_clear_message() {
    let db = Db::fresh();
    drop(RelayProcess::start(&db, &[]));
    db.set_schema_version(99);
    let (status, printed) = RelayProcess::refused_start(&db);
    assert!(!status.success(), "the relay started on a newer schema: {printed}");
    assert!(printed.contains("schema version 99"), "{printed}");
    assert!(printed.contains("newer mend-sync-server"), "{printed}");
    assert!(!printed.contains("listening"), "{printed}");
}
