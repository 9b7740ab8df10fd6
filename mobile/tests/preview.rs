//! The browser preview answers its pages on a real loopback listener (needs `--features preview`).

use mend_mobile::preview::{self, PreviewConfig};
use std::net::SocketAddr;

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
