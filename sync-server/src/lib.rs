//! mend-sync-server: the end-to-end-encrypted store-and-forward relay.
//!
//! Two phones of a couple share a *room*. Each pushes sealed bundles (ciphertext the relay cannot
//! read), the other pulls them after its cursor or long-polls for new ones; a sealed snapshot lets
//! the relay drop the bundles it covers. A pairing mailbox carries the SPAKE2 exchange that gives
//! both phones their shared secret. The relay holds no key, no plaintext and no token — only
//! SHA-256 hashes of tokens.
//!
//! The library is the whole relay: [`app`] builds the router, [`run`] serves it until a shutdown
//! signal; the `mend-sync-server` binary only reads flags and sets up logging.

mod access_log;
pub mod cli;
pub mod config;
pub mod error;
pub mod extract;
pub mod hub;
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

/// How often expired nameplates and idle rate buckets are cleared.
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
    let timeouts = serve::Timeouts {
        headers: state.config().request_timeout,
        shutdown: state.config().shutdown_timeout,
    };
    let stopping = state.clone();
    serve::serve(listener, app(state.clone()), timeouts, shutdown, move || stopping.begin_shutdown()).await;
    sweeper.abort();
    state.store().close().await?;
    tracing::info!("stopped");
    Ok(())
}

async fn sweep(state: AppState) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    loop {
        every.tick().await;
        let now = tokio::time::Instant::now();
        state.pairing().sweep(now);
        if let Some(limiter) = state.limiter() {
            limiter.sweep(now);
        }
    }
}
