//! What every handler shares: settings, the store, long-poll wake-ups, limits and metrics.

use crate::budget::{Caps, UploadBudget};
use crate::config::Config;
use crate::error::AppError;
use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;
use crate::store::{self, Storage, StoreError};
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
    store: Arc<dyn Storage>,
    hub: Arc<Hub>,
    limiter: Option<RateLimiter>,
    waiters: Arc<Semaphore>,
    uploads: Arc<UploadBudget>,
    metrics: Metrics,
    shutdown: watch::Sender<bool>,
}

impl AppState {
    /// Open the store `config` names — PostgreSQL when `database_url` is set, else the SQLite
    /// file — bringing its schema up to date, and set everything up.
    pub async fn connect(config: Config) -> Result<AppState, StoreError> {
        let hub = Arc::new(Hub::default());
        let store = store::open(&config, Arc::clone(&hub)).await?;
        Ok(Self::with_store(config, store, hub))
    }

    /// Open the SQLite database `config` names, without an async runtime. (PostgreSQL needs
    /// [`AppState::connect`].)
    pub fn open(config: Config) -> Result<AppState, StoreError> {
        if config.database_url.is_some() {
            return Err(StoreError::Config("a PostgreSQL database is opened with AppState::connect".into()));
        }
        let hub = Arc::new(Hub::default());
        let options = store::StoreOptions::of(&config);
        let store = Arc::new(store::sqlite::SqliteStore::open(&config.db_path, options, Arc::clone(&hub))?);
        Ok(Self::with_store(config, store, hub))
    }

    fn with_store(config: Config, store: Arc<dyn Storage>, hub: Arc<Hub>) -> AppState {
        let caps = Caps {
            total: config.upload_budget(),
            per_client: config.upload_budget_per_client(),
            per_scope: config.upload_budget_per_room(),
        };
        AppState {
            inner: Arc::new(Inner {
                store,
                hub,
                limiter: RateLimiter::new(config.rate_per_second, config.rate_burst),
                waiters: Arc::new(Semaphore::new(config.max_waiters)),
                uploads: UploadBudget::new(caps),
                metrics: Metrics::default(),
                shutdown: watch::channel(false).0,
                config,
            }),
        }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Everything the relay keeps.
    pub fn store(&self) -> &dyn Storage {
        self.inner.store.as_ref()
    }

    /// Long-poll wake-ups.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.inner.hub
    }

    /// The rate limiter, unless rate limiting is off.
    pub fn limiter(&self) -> Option<&RateLimiter> {
        self.inner.limiter.as_ref()
    }

    /// The budget of upload bytes in memory.
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
        // Every long-poll is subscribed to a topic: woken, it sees the flag and answers at once.
        self.inner.hub.notify_all();
    }

    /// Whether [`AppState::begin_shutdown`] has been called. A long-poll checks it after
    /// subscribing to its topic and after every wake-up, so it needs no future of its own (which
    /// would be held, per waiting phone, for the whole wait).
    pub fn is_shutting_down(&self) -> bool {
        *self.inner.shutdown.borrow()
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
