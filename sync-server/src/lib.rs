//! mend-sync-server: the end-to-end-encrypted store-and-forward relay.
//!
//! Two phones of a couple share a *room*. Each pushes sealed bundles (ciphertext the relay cannot
//! read), the other pulls them after its cursor or long-polls for new ones; a sealed snapshot lets
//! the relay drop the bundles it covers. A pairing mailbox carries the SPAKE2 exchange that gives
//! both phones their shared secret. The relay holds no key, no plaintext and no token — only
//! SHA-256 hashes of tokens.
//!
//! The library is the whole relay: [`app`] builds the router, [`run`] serves it until a shutdown
//! signal; the `mend-sync-server` binary only reads flags and sets up logging. Everything it keeps
//! goes through one storage interface ([`store::Storage`]): SQLite for a single process, or
//! PostgreSQL for several processes behind a load balancer.

mod access_log;
pub mod budget;
pub mod cli;
pub mod client;
pub mod config;
mod edge;
pub mod error;
pub mod extract;
pub mod hub;
pub mod long_poll;
pub mod metrics;
pub mod pairing;
pub mod rate_limit;
mod routes;
mod serve;
pub mod state;
pub mod store;
pub mod upload;

pub use config::Config;
pub use error::AppError;
pub use routes::routes;
pub use state::AppState;

use axum::Router;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

/// How often expired nameplates, idle rooms and idle rate buckets are cleared (more often when
/// rooms expire sooner than a few minutes, as in tests).
const SWEEP_EVERY: Duration = Duration::from_secs(30);

/// The relay's router over `state`, with every layer. [`run`] serves it with each client's address
/// (`ConnectInfo<SocketAddr>`), which rate limiting needs.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// The OpenAPI 3 document the relay serves at `/v1/openapi.json`.
pub fn openapi_json() -> &'static str {
    routes::OPENAPI_JSON
}

/// Why serving stopped abnormally.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be closed cleanly.
    #[error("closing the database failed")]
    Store(#[from] store::StoreError),
}

/// Serve on `listener` until `shutdown` resolves, then stop gracefully: long-polls are released at
/// once, requests in flight get until [`Config::shutdown_timeout`] to finish (the rest are dropped),
/// the writer commits what it has queued and the database closes.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let sweeper = tokio::spawn(sweep(state.clone()));
    let config = state.config();
    let limits = serve::Limits {
        headers: config.request_timeout,
        shutdown: config.shutdown_timeout,
        max_connections: config.max_connections,
        // Database files and connections, the listener, stdio and a margin.
        reserve: 64 + config.database_pool_size,
        // Behind a trusted proxy every peer is the proxy: it must cap connections per client.
        per_client: if config.trust_forwarded_for { 0 } else { config.max_connections_per_client },
    };
    let stopping = state.clone();
    serve::serve(listener, app(state.clone()), limits, shutdown, move || stopping.begin_shutdown()).await;
    sweeper.abort();
    state.store().close().await?;
    tracing::info!("stopped");
    Ok(())
}

async fn sweep(state: AppState) {
    let period = state
        .config()
        .room_idle_expiry
        .map_or(SWEEP_EVERY, |expiry| (expiry / 4).clamp(Duration::from_millis(100), SWEEP_EVERY));
    let mut every = tokio::time::interval(period);
    loop {
        every.tick().await;
        if let Err(error) = state.store().sweep().await {
            tracing::warn!(%error, "clearing expired nameplates and idle rooms failed; trying again later");
        }
        if let Some(limiter) = state.limiter() {
            limiter.sweep(tokio::time::Instant::now());
        }
    }
}
