//! Background checkpointing: folds the write-ahead log into the database file on its own thread
//! and connection, so the writer's commits only ever append to the log (measured: checkpoints
//! inside the writer took two thirds of its time under load).

use super::{StoreError, StoreStats};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the thread looks at the writer's progress.
const TICK: Duration = Duration::from_millis(250);

/// Fold the log in after this many committed jobs (roughly 20 MiB of log at 1 KiB bundles)…
const AFTER_JOBS: u64 = 2_000;

/// …or this long after the last fold if anything was written since. Rare, large checkpoints write
/// each hot index page once instead of once per fold; measured, folding every 250 ms cost more
/// throughput and longer stalls than this.
const AFTER_TIME: Duration = Duration::from_secs(2);

/// Past this many log frames (~128 MiB at 4 KiB pages) a checkpoint also makes the writer start the
/// log over, so a log under constant load cannot grow without bound. It briefly pauses writes.
const RESTART_FRAMES: i64 = 32 * 1024;

/// The checkpoint thread; stops when dropped.
#[derive(Debug)]
pub(super) struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Start folding the log of the database at `path`, paced by the writer's job count in `stats`.
    pub(super) fn spawn(path: &Path, stats: Arc<StoreStats>) -> Result<Checkpointer, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let signal = Arc::clone(&stop);
        let thread = std::thread::Builder::new().name("mend-relay-checkpoint".into()).spawn(move || {
            let (lock, wake) = &*signal;
            let (mut folded_jobs, mut folded_at) = (stats.write_jobs.load(Ordering::Relaxed), Instant::now());
            let mut stopped = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while !*stopped {
                stopped = wake.wait_timeout(stopped, TICK).unwrap_or_else(PoisonError::into_inner).0;
                let jobs = stats.write_jobs.load(Ordering::Relaxed);
                let due = jobs - folded_jobs >= AFTER_JOBS
                    || (jobs > folded_jobs && folded_at.elapsed() >= AFTER_TIME);
                if *stopped || !due {
                    continue;
                }
                drop(stopped);
                checkpoint(&conn);
                (folded_jobs, folded_at) = (jobs, Instant::now());
                stopped = lock.lock().unwrap_or_else(PoisonError::into_inner);
            }
        })?;
        Ok(Checkpointer { stop, thread: Some(thread) })
    }
}

/// One pass: copy what readers allow, and restart the log if it got long.
fn checkpoint(conn: &Connection) {
    let run = |mode: &str| -> rusqlite::Result<(i64, i64)> {
        conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| Ok((r.get(1)?, r.get(2)?)))
    };
    match run("PASSIVE") {
        Ok((frames, _)) if frames > RESTART_FRAMES => {
            if let Err(error) = run("RESTART") {
                tracing::warn!(%error, frames, "restarting checkpoint failed");
            }
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "checkpoint failed"),
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (lock, wake) = &*self.stop;
        *lock.lock().unwrap_or_else(PoisonError::into_inner) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
