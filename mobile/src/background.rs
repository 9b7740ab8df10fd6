//! Slow work (Argon2id, on purpose about half a second) on its own thread, so the screen keeps
//! answering; the result comes back to whichever executor awaits it.

use tokio::sync::oneshot;

/// The work could not run or stopped without an answer (no thread to be had, or it panicked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkStopped;

impl std::fmt::Display for WorkStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the phone couldn't finish that just now; please try again")
    }
}

/// Run `work` on a new thread and await its result.
pub async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WorkStopped> {
    let (tx, rx) = oneshot::channel();
    std::thread::Builder::new()
        .name("mend-work".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .map_err(|_| WorkStopped)?;
    rx.await.map_err(|_| WorkStopped)
}
