//! The command line of `mend-sync-server`: flags and environment, logging, serving until SIGTERM or ctrl-c.
//!
//! It lives in the library so other packages' tests can build the very same program as a binary of
//! their own (cargo only hands a package its own binaries); `anyhow` stays at this edge.

use crate::{AppState, Config};
use anyhow::Context;
use clap::Parser;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tracing_subscriber::EnvFilter;

/// Mend's relay: stores sealed bundles per room and never holds a key or a plaintext byte.
#[derive(Debug, Parser)]
#[command(name = "mend-sync-server", version, about)]
struct Cli {
    /// Address to listen on (port 0 picks a free port; the bound address is printed).
    #[arg(long, env = "MEND_RELAY_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// SQLite database file, created if missing.
    #[arg(long, env = "MEND_RELAY_DB", default_value = "mend-relay.sqlite")]
    db: PathBuf,
    /// Most bytes one room may hold (bundles plus snapshot).
    #[arg(long, env = "MEND_RELAY_ROOM_QUOTA", default_value_t = Config::default().room_quota_bytes)]
    room_quota_bytes: u64,
    /// Most rooms the relay holds (0 = no cap); creating one more answers 507 relay_full.
    #[arg(long, env = "MEND_RELAY_MAX_ROOMS", default_value_t = Config::default().max_rooms)]
    max_rooms: u64,
    /// Most bytes all rooms together may hold (0 = no cap); set it to what the disk can spare.
    #[arg(long, env = "MEND_RELAY_MAX_STORED", default_value_t = Config::default().max_stored_bytes)]
    max_stored_bytes: u64,
    /// Largest snapshot upload in bytes.
    #[arg(long, env = "MEND_RELAY_MAX_SNAPSHOT", default_value_t = Config::default().max_snapshot_bytes)]
    max_snapshot_bytes: usize,
    /// Most upload bytes held in memory at once across the relay; past it uploads answer 503 busy.
    #[arg(long, env = "MEND_RELAY_MAX_UPLOADING", default_value_t = Config::default().max_upload_bytes_in_flight)]
    max_upload_bytes_in_flight: usize,
    /// Soft cap on the payload bytes of one list answer.
    #[arg(long, env = "MEND_RELAY_MAX_PAGE", default_value_t = Config::default().max_page_bytes)]
    max_page_bytes: usize,
    /// Most long-polls open at once.
    #[arg(long, env = "MEND_RELAY_MAX_WAITERS", default_value_t = Config::default().max_waiters)]
    max_waiters: usize,
    /// Requests per second per client address (0 = no rate limit).
    #[arg(long, env = "MEND_RELAY_RATE", default_value_t = Config::default().rate_per_second)]
    rate_per_second: u32,
    /// Burst of requests per client above the sustained rate.
    #[arg(long, env = "MEND_RELAY_BURST", default_value_t = Config::default().rate_burst)]
    rate_burst: u32,
    /// Take the client address from X-Forwarded-For (only behind a trusted reverse proxy).
    #[arg(long, env = "MEND_RELAY_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// Skip the fsync on every commit: survives a crash of the relay, not of the machine.
    #[arg(long, env = "MEND_RELAY_NO_FSYNC")]
    no_fsync: bool,
    /// Seconds a client may take to send a request's headers, and again its body (idle
    /// keep-alive connections close after it too).
    #[arg(long, env = "MEND_RELAY_REQUEST_TIMEOUT", default_value_t = Config::default().request_timeout.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..))]
    request_timeout_secs: u64,
    /// Seconds requests in flight may still take after SIGTERM or ctrl-c before the remaining
    /// connections are dropped.
    #[arg(long, env = "MEND_RELAY_SHUTDOWN_TIMEOUT", default_value_t = Config::default().shutdown_timeout.as_secs())]
    shutdown_timeout_secs: u64,
    /// Seconds a pairing nameplate lives (the protocol's 600; shorter only for tests).
    #[arg(long, hide = true, default_value_t = Config::default().nameplate_ttl.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..))]
    nameplate_ttl_secs: u64,
    /// Threads serving HTTP (0 = one per core). The database writer has its own thread besides.
    #[arg(long, env = "MEND_RELAY_THREADS", default_value_t = 0)]
    threads: usize,
}

/// Parse the command line, set up logging and serve until SIGTERM or ctrl-c.
pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if cli.threads > 0 {
        runtime.worker_threads(cli.threads);
    }
    runtime.enable_all().build().context("starting the async runtime")?.block_on(serve(cli))
}

async fn serve(cli: Cli) -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("mend_sync_server=info,tower_http=info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    // try_init: a caller that already installed a subscriber keeps its own.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .try_init();

    let config = Config {
        db_path: cli.db,
        room_quota_bytes: cli.room_quota_bytes,
        max_rooms: cli.max_rooms,
        max_stored_bytes: cli.max_stored_bytes,
        max_snapshot_bytes: cli.max_snapshot_bytes,
        max_upload_bytes_in_flight: cli.max_upload_bytes_in_flight,
        max_page_bytes: cli.max_page_bytes,
        max_waiters: cli.max_waiters,
        rate_per_second: cli.rate_per_second,
        rate_burst: cli.rate_burst,
        trust_forwarded_for: cli.trust_forwarded_for,
        fsync_every_commit: !cli.no_fsync,
        request_timeout: Duration::from_secs(cli.request_timeout_secs),
        shutdown_timeout: Duration::from_secs(cli.shutdown_timeout_secs),
        nameplate_ttl: Duration::from_secs(cli.nameplate_ttl_secs),
    };
    if config.upload_budget() > config.max_upload_bytes_in_flight {
        tracing::warn!(
            budget = config.upload_budget(),
            "--max-upload-bytes-in-flight raised to fit the largest single upload"
        );
    }
    let db = config.db_path.clone();
    let state = AppState::open(config).with_context(|| format!("opening the database {}", db.display()))?;
    let listener =
        tokio::net::TcpListener::bind(cli.listen).await.with_context(|| format!("binding {}", cli.listen))?;
    let addr = listener.local_addr()?;
    // Tests and scripts read the port from this line.
    println!("mend-sync-server listening on http://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, db = %db.display(), "relay started");
    crate::run(listener, state, shutdown_signal()).await.context("serving")?;
    Ok(())
}

/// Resolves on ctrl-c or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_need_no_set_up() {
        let cli = Cli::try_parse_from(["mend-sync-server"]).unwrap();
        assert_eq!(cli.listen.to_string(), "127.0.0.1:8787");
        assert_eq!(cli.db, PathBuf::from("mend-relay.sqlite"));
        assert!(!cli.no_fsync);
        assert_eq!(
            (cli.request_timeout_secs, cli.shutdown_timeout_secs, cli.nameplate_ttl_secs),
            (30, 30, 600)
        );
        assert_eq!((cli.max_rooms, cli.max_stored_bytes), (1_000_000, 0));
        let cli =
            Cli::try_parse_from(["mend-sync-server", "--listen", "127.0.0.1:0", "--rate-per-second", "0"])
                .unwrap();
        assert_eq!((cli.listen.port(), cli.rate_per_second), (0, 0));
    }
}
