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
    /// SQLite database file, created if missing (one relay process).
    #[arg(long, env = "MEND_RELAY_DB", default_value = "mend-relay.sqlite")]
    db: PathBuf,
    /// Keep everything in this PostgreSQL 15+ database instead (`postgres://user@host/db`), so any
    /// number of relay processes can share it.
    #[arg(long, env = "MEND_RELAY_DATABASE_URL", conflicts_with = "db", hide_env_values = true)]
    database_url: Option<String>,
    /// PostgreSQL connections each process keeps open for requests (one more listens for wake-ups).
    #[arg(long, env = "MEND_RELAY_DATABASE_POOL", default_value_t = Config::default().database_pool_size as u64,
        value_parser = clap::value_parser!(u64).range(1..=1000))]
    database_pool_size: u64,
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
    /// Most of those bytes one client address (IPv6: /64) may hold.
    #[arg(long, env = "MEND_RELAY_MAX_UPLOADING_PER_CLIENT", default_value_t = Config::default().max_upload_bytes_per_client)]
    max_upload_bytes_per_client: usize,
    /// Most of those bytes the uploads into one room (or pairing code) may hold.
    #[arg(long, env = "MEND_RELAY_MAX_UPLOADING_PER_ROOM", default_value_t = Config::default().max_upload_bytes_per_room)]
    max_upload_bytes_per_room: usize,
    /// Slowest average rate, in bytes per second, at which an upload's body may arrive after a
    /// 3-second grace (0 = no minimum); slower ones answer 408.
    #[arg(long, env = "MEND_RELAY_MIN_UPLOAD_RATE", default_value_t = Config::default().min_upload_bytes_per_sec)]
    min_upload_bytes_per_sec: u64,
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
    /// Most connections open at once (0 = from the file-descriptor limit); past it the connection
    /// idle the longest is closed.
    #[arg(long, env = "MEND_RELAY_MAX_CONNECTIONS", default_value_t = Config::default().max_connections)]
    max_connections: usize,
    /// Most connections one peer address (IPv6: /64) may hold open (0 = no cap); not applied with
    /// --trust-forwarded-for, where the proxy must cap them.
    #[arg(long, env = "MEND_RELAY_MAX_CONNECTIONS_PER_CLIENT", default_value_t = Config::default().max_connections_per_client)]
    max_connections_per_client: usize,
    /// Most pairing codes one client address may hold open at once (0 = no cap).
    #[arg(long, env = "MEND_RELAY_MAX_NAMEPLATES_PER_CLIENT", default_value_t = Config::default().max_nameplates_per_client)]
    max_nameplates_per_client: u64,
    /// Delete rooms nobody has used for this many days, with everything in them (0 = never).
    #[arg(long, env = "MEND_RELAY_ROOM_IDLE_EXPIRY_DAYS", default_value_t = 0)]
    room_idle_expiry_days: u64,
    /// Idle expiry in seconds instead of days (tests only).
    #[arg(long, hide = true, conflicts_with = "room_idle_expiry_days")]
    room_idle_expiry_secs: Option<u64>,
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

    // Before anything is announced: a SIGTERM right after the listening line must stop the relay
    // gracefully, not kill it with the default action.
    let signals = Signals::listen().context("listening for SIGTERM and ctrl-c")?;
    raise_fd_limit();

    let room_idle_expiry = match (cli.room_idle_expiry_secs, cli.room_idle_expiry_days) {
        (Some(secs), _) => Some(Duration::from_secs(secs.max(1))),
        (None, 0) => None,
        (None, days) => Some(Duration::from_secs(days.saturating_mul(86_400))),
    };
    let config = Config {
        db_path: cli.db,
        database_url: cli.database_url,
        database_pool_size: cli.database_pool_size as usize,
        room_quota_bytes: cli.room_quota_bytes,
        max_rooms: cli.max_rooms,
        max_stored_bytes: cli.max_stored_bytes,
        max_snapshot_bytes: cli.max_snapshot_bytes,
        max_upload_bytes_in_flight: cli.max_upload_bytes_in_flight,
        max_upload_bytes_per_client: cli.max_upload_bytes_per_client,
        max_upload_bytes_per_room: cli.max_upload_bytes_per_room,
        min_upload_bytes_per_sec: cli.min_upload_bytes_per_sec,
        max_page_bytes: cli.max_page_bytes,
        max_waiters: cli.max_waiters,
        rate_per_second: cli.rate_per_second,
        rate_burst: cli.rate_burst,
        trust_forwarded_for: cli.trust_forwarded_for,
        max_connections: cli.max_connections,
        max_connections_per_client: cli.max_connections_per_client,
        max_nameplates_per_client: cli.max_nameplates_per_client,
        room_idle_expiry,
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
    // Where the data goes, for the log: never the database URL itself (it may hold a password).
    let storage = match &config.database_url {
        Some(_) => "postgres".to_owned(),
        None => config.db_path.display().to_string(),
    };
    let state =
        AppState::connect(config).await.with_context(|| format!("opening the database ({storage})"))?;
    let listener =
        tokio::net::TcpListener::bind(cli.listen).await.with_context(|| format!("binding {}", cli.listen))?;
    let addr = listener.local_addr()?;
    // Tests and scripts read the port from this line.
    println!("mend-sync-server listening on http://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, db = %storage, "relay started");
    crate::run(listener, state, signals.recv()).await.context("serving")?;
    Ok(())
}

/// SIGTERM and ctrl-c (SIGINT), registered as soon as they are created.
struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    #[cfg(unix)]
    fn listen() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    #[cfg(not(unix))]
    fn listen() -> std::io::Result<Signals> {
        Ok(Signals {})
    }

    /// Resolves on the first of them.
    async fn recv(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Let this process open as many files (connections) as its hard limit allows: the usual soft
/// limit of 1,024 is far below what a relay with thousands of phones in live mode needs.
fn raise_fd_limit() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        if limit.current < limit.maximum {
            let raised = Rlimit { current: limit.maximum, maximum: limit.maximum };
            if let Err(error) = setrlimit(Resource::Nofile, raised) {
                tracing::warn!(%error, "cannot raise the open-files limit");
            }
        }
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
        assert_eq!((cli.database_url, cli.room_idle_expiry_days), (None, 0));
        let cli =
            Cli::try_parse_from(["mend-sync-server", "--listen", "127.0.0.1:0", "--rate-per-second", "0"])
                .unwrap();
        assert_eq!((cli.listen.port(), cli.rate_per_second), (0, 0));
        let both = ["mend-sync-server", "--db", "x.sqlite", "--database-url", "postgres://localhost/mend"];
        assert!(Cli::try_parse_from(both).is_err(), "a SQLite file and a PostgreSQL URL at once");
    }
}
