//! What every handler shares: settings, store, long-poll hub, pairing mailbox, limits and metrics.

use crate::config::Config;
use crate::error::AppError;
use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::pairing::Pairing;
use crate::rate_limit::RateLimiter;
use crate::store::{Store, StoreError, StoreOptions};
use crate::upload::UploadBudget;
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

/// Cheap to clone: one `Arc` around everything.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    store: Store,
    hub: Arc<Hub>,
    pairing: Pairing,
    limiter: Option<RateLimiter>,
    waiters: Arc<Semaphore>,
    uploads: Arc<UploadBudget>,
    metrics: Metrics,
    shutdown: watch::Sender<bool>,
}

impl AppState {
    /// Open the database named in `config` and set everything up.
    pub fn open(config: Config) -> Result<AppState, StoreError> {
        let hub = Arc::new(Hub::default());
        let options = StoreOptions {
            room_quota_bytes: config.room_quota_bytes,
            max_rooms: config.max_rooms,
            max_stored_bytes: config.max_stored_bytes,
            fsync_every_commit: config.fsync_every_commit,
        };
        let store = Store::open(&config.db_path, options, Arc::clone(&hub))?;
        Ok(AppState {
            inner: Arc::new(Inner {
                store,
                hub,
                pairing: Pairing::new(config.nameplate_ttl),
                limiter: RateLimiter::new(config.rate_per_second, config.rate_burst),
                waiters: Arc::new(Semaphore::new(config.max_waiters)),
                uploads: UploadBudget::new(config.upload_budget()),
                metrics: Metrics::default(),
                shutdown: watch::channel(false).0,
                config,
            }),
        })
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Long-poll wake-ups.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.inner.hub
    }

    /// The pairing mailbox.
    pub fn pairing(&self) -> &Pairing {
        &self.inner.pairing
    }

    /// The rate limiter, unless rate limiting is off.
    pub fn limiter(&self) -> Option<&RateLimiter> {
        self.inner.limiter.as_ref()
    }

    /// The relay-wide budget of upload bytes in memory.
    pub fn uploads(&self) -> &Arc<UploadBudget> {
        &self.inner.uploads
    }

    /// Request counters.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Release every long-poll and refuse new waits: the first step of a graceful shutdown.
    pub fn begin_shutdown(&self) {
        self.inner.shutdown.send_replace(true);
    }

    /// Resolves once [`AppState::begin_shutdown`] has been called (at once if it already was).
    pub async fn shutting_down(&self) {
        let mut rx = self.inner.shutdown.subscribe();
        let _ = rx.wait_for(|&stopping| stopping).await;
    }

    /// A place among the bounded long-polls, or 503 `too_many_waiters`.
    pub fn wait_permit(&self) -> Result<WaitPermit, AppError> {
        let permit =
            Arc::clone(&self.inner.waiters).try_acquire_owned().map_err(|_| AppError::TooManyWaiters)?;
        self.metrics().long_poll_started();
        Ok(WaitPermit { _permit: permit, state: self.clone() })
    }
}

/// Held while a long-poll waits.
#[derive(Debug)]
pub struct WaitPermit {
    _permit: OwnedSemaphorePermit,
    state: AppState,
}

impl Drop for WaitPermit {
    fn drop(&mut self) {
        self.state.metrics().long_poll_ended();
    }
}
