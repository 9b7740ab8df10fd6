//! A phone in live mode for tests: its syncer running in the background, and waiting for its
//! status to read a certain way.

use mend_shared::sync::{SyncStatus, Syncer};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Run `syncer` live in the background until the returned sender is used or dropped.
pub fn go_live(syncer: Syncer) -> (Arc<Syncer>, oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let syncer = Arc::new(syncer);
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let live = syncer.clone();
    let task = tokio::spawn(async move {
        live.run_live(async {
            let _ = stop_rx.await;
        })
        .await
    });
    (syncer, stop_tx, task)
}

/// Wait (up to `secs`) until the status satisfies `ok`; returns it.
pub async fn status_becomes(
    syncer: &Syncer,
    secs: u64,
    what: &str,
    ok: impl Fn(&SyncStatus) -> bool,
) -> SyncStatus {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let status = syncer.status();
        if ok(&status) {
            return status;
        }
        assert!(Instant::now() < deadline, "the status never became {what}: {status:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
