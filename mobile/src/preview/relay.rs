//! The relay embedded in a preview: the real mend-sync-server, in-process on loopback.

use anyhow::Context;
use mend_sync_server::{AppState, Config};
use std::path::Path;
use tokio::net::TcpListener;

/// Start the relay on 127.0.0.1 with its database in `data_dir`; returns its URL. It serves
/// until the process ends.
pub async fn start_embedded_relay(data_dir: &Path) -> anyhow::Result<String> {
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let config = Config { db_path: data_dir.join("relay.sqlite"), ..Config::default() };
    let state = AppState::open(config).context("opening the embedded relay's database")?;
    let listener = TcpListener::bind("127.0.0.1:0").await.context("binding the embedded relay")?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        if let Err(e) = mend_sync_server::run(listener, state, std::future::pending()).await {
            tracing::error!("the embedded relay stopped: {e}");
        }
    });
    Ok(url)
}
