//! The browser preview answers its pages on a real loopback listener, and the README's demo works
//! end to end; pairing, unpairing and pairing again through the real services and a real relay
//! (needs `--features preview`).

mod support;

use mend_mobile::Phone;
use mend_mobile::preview::{self, Launched, PreviewConfig};
use mend_shared::model::CheckInDraft;
use mend_shared::sync::SyncState;
use std::net::SocketAddr;
use support::Screen;

async fn start(demo: bool) -> (SocketAddr, tempfile::TempDir, tokio::task::JoinHandle<anyhow::Result<()>>) {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = PreviewConfig { data_dir: dir.path().to_path_buf(), demo, relay: None };
    let server = tokio::spawn(preview::serve(listener, config));
    (addr, dir, server)
}

async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_preview_serves_a_phone_page_with_the_liveview_glue() {
    let (addr, dir, server) = start(false).await;
    let (status, page) = get(addr, "/").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"name="viewport""#), "a phone viewport");
    assert!(page.contains("/phone/a/ws"), "the glue connects to phone A");
    let (status, page) = get(addr, "/phone/a").await;
    assert_eq!(status, 200);
    assert!(page.contains("/phone/a/ws"));
    let (status, page) = get(addr, "/phone/b").await;
    assert_eq!(status, 200);
    assert!(page.contains("/phone/b/ws"));
    assert_eq!(get(addr, "/phone/z").await.0, 404);
    assert!(dir.path().join("a").join(mend_mobile::DATA_FILE).exists(), "each phone has its own data");
    assert!(dir.path().join("b").join(mend_mobile::DATA_FILE).exists());
    server.abort();
}

#[tokio::test]
async fn the_demo_shows_two_phones_side_by_side() {
    let (addr, _dir, server) = start(true).await;
    let (status, page) = get(addr, "/").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"src="/phone/a" width="390" height="844""#), "{page}");
    assert!(page.contains(r#"src="/phone/b" width="390" height="844""#), "{page}");
    server.abort();
}

#[tokio::test]
async fn a_relay_address_given_at_start_is_stored_on_each_phone() {
    let dir = tempfile::tempdir().unwrap();
    let config = PreviewConfig {
        data_dir: dir.path().to_path_buf(),
        demo: true,
        relay: Some("http://127.0.0.1:8787/".into()),
    };
    let phones = preview::open_phones(&config).unwrap();
    for (_, phone) in &phones {
        let relay =
            phone.read(|s| s.private().setting(mend_shared::doc::Setting::RelayUrl).map(str::to_string));
        assert_eq!(relay.as_deref(), Some("http://127.0.0.1:8787"));
    }
    let bad = PreviewConfig { relay: Some("relay".into()), ..config };
    assert!(preview::open_phones(&bad).is_err());
}

/// The demo exactly as `mend-preview --demo` starts it: its own relay inside, two phones paired.
async fn demo(dir: &std::path::Path) -> Launched {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = PreviewConfig { data_dir: dir.to_path_buf(), demo: true, relay: None };
    preview::launch(listener, config).await.unwrap()
}

fn phones(launched: &Launched) -> (Phone, Phone) {
    (launched.phone("a").unwrap().clone(), launched.phone("b").unwrap().clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_demo_pairs_two_phones_through_its_own_relay_and_a_check_in_reaches_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let launched = demo(dir.path()).await;
    let (a, b) = phones(&launched);
    assert!(a.is_paired() && b.is_paired(), "already paired, as the README says");
    assert!(dir.path().join("relay.sqlite").exists(), "the relay runs inside the preview");
    let addr = launched.addr;
    let server = tokio::spawn(launched.serve());
    let (status, page) = get(addr, "/").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"src="/phone/a""#) && page.contains(r#"src="/phone/b""#));

    let mut ana = Screen::new(&a);
    assert!(ana.shows("Today's check-in"), "no onboarding in the demo");
    ana.click("mood-4");
    ana.input("trust", "7");
    ana.click("checkin-save");
    let mut ben = Screen::new(&b);
    ben.wait_until(30, "Ana's check-in on Ben's phone", |s| s.has("partner-mood")).await;
    assert_eq!(ben.text("partner-mood"), "4 · Good");
    assert_eq!(ben.text("partner-trust"), "7 / 10");
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_unpairing_with_a_kept_copy_the_phones_can_pair_again_through_the_real_relay() {
    let dir = tempfile::tempdir().unwrap();
    let launched = demo(dir.path()).await;
    let (a, b) = phones(&launched);
    let mut ana = Screen::new(&a);
    ana.click("open-settings");
    ana.wait_until(30, "a synced badge", |s| s.text("sync-badge") == "Synced").await;
    assert_eq!(ana.text("sharing-with"), "You're sharing with Ben.");

    ana.click("settings-unpair");
    ana.click("unpair-keep");
    // The settings show the copy as soon as the keys are gone, and the unpair's own word once
    // it has reported back: wait for both.
    ana.wait_until(30, "the unpaired settings", |s| {
        s.has("past-partner") && s.has("unpair-status") && s.text("unpair-status").starts_with("Unpaired.")
    })
    .await;
    assert!(!a.is_paired());
    assert!(ana.text("unpair-status").starts_with("Unpaired. What you shared is still here"));
    assert_eq!(ana.text("sync-badge"), "Not paired");
    assert!(!ana.has("sharing-with") && !ana.has("settings-unpair"));
    assert!(ana.has("settings-invite") && ana.has("settings-join") && ana.has("settings-relay"));
    assert!(a.read(|s| s.partner().is_some()), "Ben's history is still here as a copy");
    ana.click("tab-today");
    assert!(ana.text("past-partner-today").contains("not paired with Ben now"));
    assert!(!ana.has("ack-checkin-thanks"));

    // Ben's phone holds keys to a room that is gone; he unpairs too, then joins Ana's new code.
    let mut ben = Screen::new(&b);
    ben.click("open-settings");
    ben.click("settings-unpair");
    ben.click("unpair-keep");
    ben.wait_until(30, "Ben unpaired", |s| s.has("settings-join")).await;
    ana.click("open-settings");
    ana.click("settings-invite");
    ana.wait_until(30, "a pairing code", |s| s.has("pair-code")).await;
    let code = ana.text("pair-code");
    ben.click("settings-join");
    ben.input("pair-code-input", &code);
    ben.click("pair-join");
    ben.wait_until(30, "Ben paired again", |s| s.has("pair-done")).await;
    ana.wait_until(30, "Ana paired again", |s| s.has("pair-done")).await;
    ana.click("pair-done");
    ben.click("pair-done");
    assert!(a.is_paired() && b.is_paired());
    assert_eq!(ana.text("sharing-with"), "You're sharing with Ben.");
    assert!(!ana.has("past-partner"));

    // And things flow again: Ben checks in, Ana sees it and can reply.
    ben.click("tab-today");
    ben.click("mood-5");
    ben.click("checkin-save");
    ana.click("tab-today");
    ana.wait_until(30, "Ben's new check-in", |s| s.has("partner-mood")).await;
    assert_eq!(ana.text("partner-mood"), "5 · Very good");
    assert!(ana.has("ack-checkin-thanks"));
}

/// The real relay, in-process on `listener` with its database in `dir`, until aborted.
fn relay_on(listener: tokio::net::TcpListener, dir: &std::path::Path) -> tokio::task::JoinHandle<()> {
    let config = mend_sync_server::Config { db_path: dir.join("relay.sqlite"), ..Default::default() };
    let state = mend_sync_server::AppState::open(config).unwrap();
    tokio::spawn(async move {
        let _ = mend_sync_server::run(listener, state, std::future::pending()).await;
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unpair_the_relay_refuses_leaves_the_phone_paired_and_syncing() {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay_addr = listener.local_addr().unwrap();
    let relay = relay_on(listener, dir.path());
    let preview_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = PreviewConfig {
        data_dir: dir.path().join("phones"),
        demo: true,
        relay: Some(format!("http://{relay_addr}")),
    };
    let launched = preview::launch(preview_listener, config).await.unwrap();
    let (a, b) = phones(&launched);
    let mut ana = Screen::new(&a);
    ana.click("open-settings");
    ana.wait_until(30, "a synced badge", |s| s.text("sync-badge") == "Synced").await;

    // The relay's address now answers, but refuses: something other than a Mend relay is there.
    relay.abort();
    let _ = relay.await;
    let impostor = tokio::net::TcpListener::bind(relay_addr).await.unwrap();
    let not_a_relay = tokio::spawn(async move {
        let _ = axum::serve(impostor, preview::router(Vec::new(), false)).await;
    });
    ana.click("settings-unpair");
    ana.click("unpair-keep");
    ana.wait_until(30, "the refusal", |s| s.tag("unpair-status").contains("field-error")).await;
    let said = ana.text("unpair-status");
    assert!(said.contains("404") || said.to_lowercase().contains("refused"), "{said}");
    assert!(said.contains("You're still paired"), "{said}");
    assert!(a.is_paired(), "the keys are still here");
    assert_eq!(ana.text("sharing-with"), "You're sharing with Ben.");
    ana.settle().await;
    assert_ne!(a.sync_status().state, SyncState::NotPaired, "the badge doesn't claim 'Not paired'");
    assert_ne!(ana.text("sync-badge"), "Not paired");

    // The relay comes back; live sync on Ana's phone is still running and gets Ben's check-in.
    not_a_relay.abort();
    let _ = not_a_relay.await;
    let _relay = relay_on(tokio::net::TcpListener::bind(relay_addr).await.unwrap(), dir.path());
    b.edit(|s| s.save_checkin(CheckInDraft { mood: 3, trust: 5, ..Default::default() })).unwrap();
    ana.click("tab-today");
    ana.wait_until(60, "Ben's check-in after the refusal", |s| s.has("partner-mood")).await;
    assert_eq!(ana.text("partner-trust"), "5 / 10");
    ana.wait_until(60, "a synced badge again", |s| s.text("sync-badge") == "Synced").await;
}
