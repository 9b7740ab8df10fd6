//! Load benchmark: starts the relay binary on loopback and drives many rooms for a fixed time —
//! workers that append and fetch, and pollers that hold long-polls the way phones in live mode
//! do — then measures the relay's memory with idle long-polls and its graceful shutdown. Stops by
//! itself, prints a verdict per target, and exits non-zero if any request failed (warm-up
//! included), a long-poll was not released, or the relay did not exit cleanly in time.
//!
//! `cargo bench -p mend-sync-server --bench relay_load -- [--secs 10] [--rooms 200] [--workers 48]
//! [--pollers 16] [--bundle-bytes 1024] [--idle-polls 1000]`
//!
//! The relay runs exactly as shipped (fsync on every commit) except that rate limiting is off and
//! logging is at `warn`, so the figures measure the relay rather than the terminal.

use anyhow::{Context, ensure};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::{SendRequest, handshake};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use mend_shared::protocol::{AppendResponse, BundleId, BundlePage, RelayToken, RoomId};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A worker's share of appends, in percent; the rest are fetches.
const APPEND_PCT: u32 = 85;

/// How many bundles a fetch asks for, starting a little behind the room's end.
const FETCH_LIMIT: u32 = 100;

/// How long a poller's long-poll may wait, in seconds.
const POLL_WAIT_SECS: u64 = 5;

/// Load before measuring starts (connections opened, caches warm).
const WARMUP: Duration = Duration::from_secs(1);

/// How long the relay may take to exit after SIGTERM (its own shutdown deadline is 30 s).
const EXIT_WITHIN: Duration = Duration::from_secs(40);

/// Attempts to open a connection before a client task gives up.
const CONNECT_ATTEMPTS: u32 = 5;

#[derive(Debug, Clone)]
struct Args {
    secs: u64,
    rooms: u32,
    workers: u32,
    pollers: u32,
    bundle_bytes: usize,
    idle_polls: u32,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args =
        Args { secs: 10, rooms: 200, workers: 48, pollers: 16, bundle_bytes: 1024, idle_polls: 1000 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || -> anyhow::Result<u64> {
            Ok(it.next().with_context(|| format!("{flag} needs a value"))?.parse()?)
        };
        match flag.as_str() {
            "--secs" => args.secs = value()?,
            "--rooms" => args.rooms = u32::try_from(value()?)?.max(1),
            "--workers" => args.workers = u32::try_from(value()?)?,
            "--pollers" => args.pollers = u32::try_from(value()?)?,
            "--bundle-bytes" => args.bundle_bytes = usize::try_from(value()?)?.clamp(16, 1 << 20),
            "--idle-polls" => args.idle_polls = u32::try_from(value()?)?,
            // cargo bench passes --bench; other harness flags are ignored too.
            _ => {}
        }
    }
    Ok(args)
}

fn room(n: u32) -> RoomId {
    let mut bytes = [0x5a; 32];
    bytes[..4].copy_from_slice(&n.to_be_bytes());
    RoomId::from_bytes(bytes)
}

fn token(n: u32) -> RelayToken {
    let mut bytes = [0xa7; 32];
    bytes[..4].copy_from_slice(&n.to_be_bytes());
    RelayToken::from_bytes(bytes)
}

/// The relay binary as a child process.
struct Relay {
    child: Child,
    addr: SocketAddr,
}

impl Relay {
    fn start(db: &std::path::Path) -> anyhow::Result<Relay> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mend-sync-server"))
            .args(["--listen", "127.0.0.1:0", "--rate-per-second", "0", "--max-waiters", "50000", "--db"])
            .arg(db)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting mend-sync-server")?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().context("stdout")?).read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("mend-sync-server listening on http://")
            .context("the listening line")?;
        Ok(Relay { addr: addr.parse()?, child })
    }

    /// Wait up to `within` for the relay to exit; kill it if it does not.
    fn wait_exit(&mut self, within: Duration) -> anyhow::Result<Option<std::process::ExitStatus>> {
        let started = Instant::now();
        while started.elapsed() < within {
            if let Some(status) = self.child.try_wait()? {
                return Ok(Some(status));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill()?;
        self.child.wait()?;
        Ok(None)
    }

    /// Resident memory of the relay process in KiB.
    fn rss_kib(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("VmRSS")?;
        Ok(line.split_whitespace().nth(1).context("VmRSS value")?.parse()?)
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// User plus system CPU seconds of a process, from its /proc stat line (ticks of 1/100 s).
fn cpu_secs(stat: &str) -> anyhow::Result<f64> {
    let text = std::fs::read_to_string(stat)?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = text.rsplit_once(')').context("stat line")?.1.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
    Ok(ticks as f64 / 100.0)
}

/// Latencies in microseconds by kind, and failures.
#[derive(Default)]
struct Samples {
    append: Vec<u32>,
    fetch: Vec<u32>,
    poll: Vec<u32>,
    /// Failed requests while measuring.
    errors: u64,
    /// Failed requests during the warm-up (they fail the run too).
    warmup_errors: u64,
    /// Connections opened again after a failure.
    reconnects: u64,
    first_error: Option<String>,
}

impl Samples {
    fn merge(&mut self, other: Samples) {
        self.append.extend(other.append);
        self.fetch.extend(other.fetch);
        self.poll.extend(other.poll);
        self.errors += other.errors;
        self.warmup_errors += other.warmup_errors;
        self.reconnects += other.reconnects;
        self.first_error = self.first_error.take().or(other.first_error);
    }
}

/// The `p`th percentile of sorted microseconds, in milliseconds.
fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

fn report(name: &str, samples: &mut [u32], secs: f64) {
    samples.sort_unstable();
    println!(
        "{name:<11} {:>8} ops {:>8.0}/s   p50 {:>6.2} ms   p95 {:>6.2} ms   p99 {:>6.2} ms   max {:>7.2} ms",
        samples.len(),
        samples.len() as f64 / secs,
        percentile(samples, 50.0),
        percentile(samples, 95.0),
        percentile(samples, 99.0),
        percentile(samples, 100.0),
    );
}

/// One keep-alive HTTP/1.1 connection to the relay.
struct Conn {
    sender: SendRequest<Full<Bytes>>,
    host: HeaderValue,
}

impl Conn {
    /// Open a connection, trying again a few times (a failure here is counted by the caller).
    async fn open_retrying(addr: SocketAddr) -> anyhow::Result<Conn> {
        let mut attempt = 1;
        loop {
            match Conn::open(addr).await {
                Ok(conn) => return Ok(conn),
                Err(error) if attempt >= CONNECT_ATTEMPTS => {
                    return Err(error.context(format!("connecting failed {attempt} times")));
                }
                Err(_) => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }

    async fn open(addr: SocketAddr) -> anyhow::Result<Conn> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) = handshake(TokioIo::new(stream)).await?;
        tokio::spawn(connection);
        Ok(Conn { sender, host: HeaderValue::from_str(&addr.to_string())? })
    }

    async fn send(&mut self, request: Request<Full<Bytes>>) -> anyhow::Result<(StatusCode, Bytes)> {
        self.sender.ready().await?;
        let response = self.sender.send_request(request).await?;
        let status = response.status();
        Ok((status, response.into_body().collect().await?.to_bytes()))
    }

    fn request(&self, method: Method, path: &str) -> hyper::http::request::Builder {
        Request::builder().method(method).uri(path).header(HOST, self.host.clone())
    }

    async fn append(&mut self, room: &Room, bytes: Vec<u8>) -> anyhow::Result<u64> {
        let id = BundleId::for_content(&bytes);
        let request = self
            .request(Method::PUT, &format!("{}/bundles/{id}", room.path))
            .header(AUTHORIZATION, room.auth.clone())
            .header(CONTENT_TYPE, "application/octet-stream")
            .body(Full::new(Bytes::from(bytes)))?;
        let (status, body) = self.send(request).await?;
        ensure!(
            status == StatusCode::CREATED,
            "append answered {status}: {}",
            String::from_utf8_lossy(&body)
        );
        Ok(serde_json::from_slice::<AppendResponse>(&body)?.seq)
    }

    async fn list(&mut self, room: &Room, query: &str) -> anyhow::Result<BundlePage> {
        let request = self
            .request(Method::GET, &format!("{}/bundles?{query}", room.path))
            .header(AUTHORIZATION, room.auth.clone())
            .body(Full::default())?;
        let (status, body) = self.send(request).await?;
        ensure!(status == StatusCode::OK, "list answered {status}: {}", String::from_utf8_lossy(&body));
        Ok(BundlePage::decode(&body)?)
    }

    async fn create(&mut self, room: &Room) -> anyhow::Result<()> {
        let request = self
            .request(Method::PUT, &room.path)
            .header(AUTHORIZATION, room.auth.clone())
            .body(Full::default())?;
        let (status, _) = self.send(request).await?;
        ensure!(status.is_success(), "creating a room answered {status}");
        Ok(())
    }

    async fn metric(&mut self, name: &str) -> anyhow::Result<u64> {
        let (_, body) = self.send(self.request(Method::GET, "/metrics").body(Full::default())?).await?;
        let text = String::from_utf8(body.to_vec())?;
        let line = text.lines().find(|l| l.split(' ').next() == Some(name)).context("metric line")?;
        Ok(line.rsplit(' ').next().context("value")?.parse()?)
    }
}

/// A room's path and credentials, formatted once.
struct Room {
    path: String,
    auth: HeaderValue,
}

fn rooms(range: std::ops::Range<u32>) -> anyhow::Result<Vec<Room>> {
    range
        .map(|n| {
            let auth = HeaderValue::from_str(&token(n).authorization())?;
            Ok(Room { path: format!("/v1/rooms/{}", room(n)), auth })
        })
        .collect()
}

/// What one client task does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Appends and fetches on random rooms.
    Worker,
    /// Long-polls random rooms for their next bundle.
    Poller,
}

/// Everything a client task shares with the others.
#[derive(Clone)]
struct Shared {
    addr: SocketAddr,
    rooms: Arc<Vec<Room>>,
    /// The highest seq seen per busy room, so fetches and polls start near the end.
    latest: Arc<Vec<AtomicU64>>,
    args: Args,
    measure_from: Instant,
    until: Instant,
}

async fn client(id: u32, role: Role, shared: Shared) -> anyhow::Result<Samples> {
    let Shared { addr, rooms, latest, args, measure_from, until } = shared;
    let mut conn = Conn::open_retrying(addr).await?;
    let mut rng = StdRng::seed_from_u64(u64::from(id));
    let filler: Vec<u8> = (0..args.bundle_bytes).map(|_| rng.r#gen()).collect();
    let mut samples = Samples::default();
    let mut counter = 0u64;
    while Instant::now() < until {
        let r = rng.gen_range(0..rooms.len());
        let (room, seen) = (&rooms[r], latest[r].load(Ordering::Relaxed));
        let started = Instant::now();
        let (lane, outcome) = match role {
            Role::Poller => {
                let query = format!("after={seen}&wait={POLL_WAIT_SECS}");
                (&mut samples.poll, conn.list(room, &query).await.map(drop))
            }
            Role::Worker if rng.gen_range(0..100) < APPEND_PCT => {
                counter += 1;
                // Unique bytes, so every append is a new bundle id.
                let mut bytes = filler.clone();
                bytes[..4].copy_from_slice(&id.to_be_bytes());
                bytes[4..12].copy_from_slice(&counter.to_be_bytes());
                let seq = conn.append(room, bytes).await;
                if let Ok(seq) = seq {
                    latest[r].fetch_max(seq, Ordering::Relaxed);
                }
                (&mut samples.append, seq.map(drop))
            }
            Role::Worker => {
                let query = format!("after={}&limit={FETCH_LIMIT}", seen.saturating_sub(20));
                (&mut samples.fetch, conn.list(room, &query).await.map(drop))
            }
        };
        let warming_up = started < measure_from;
        match outcome {
            Ok(()) if warming_up => {}
            Ok(()) => lane.push(started.elapsed().as_micros().min(u128::from(u32::MAX)) as u32),
            Err(error) => {
                if warming_up {
                    samples.warmup_errors += 1;
                } else {
                    samples.errors += 1;
                }
                samples.first_error.get_or_insert_with(|| format!("{error:#}"));
                // A failed exchange may leave the connection unusable; start a fresh one.
                conn = Conn::open_retrying(addr).await?;
                samples.reconnects += 1;
            }
        }
    }
    Ok(samples)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let dir = tempfile::tempdir()?;
    let relay = Relay::start(&dir.path().join("load.sqlite"))?;
    let mut admin = Conn::open(relay.addr).await?;
    println!(
        "mend relay load: {} s after {} s warm-up; {} rooms; {} workers ({APPEND_PCT}% appends of {} bytes, \
         {}% fetches of up to {FETCH_LIMIT}); {} pollers (long-polls up to {POLL_WAIT_SECS} s)",
        args.secs,
        WARMUP.as_secs(),
        args.rooms,
        args.workers,
        args.bundle_bytes,
        100 - APPEND_PCT,
        args.pollers,
    );
    // Busy rooms first, then one quiet room per idle long-poll.
    let busy = Arc::new(rooms(0..args.rooms)?);
    let quiet = Arc::new(rooms(args.rooms..args.rooms + args.idle_polls)?);
    for room in busy.iter().chain(quiet.iter()) {
        admin.create(room).await?;
    }
    let rss_idle = relay.rss_kib()?;

    let started = Instant::now();
    let shared = Shared {
        addr: relay.addr,
        rooms: busy.clone(),
        latest: Arc::new((0..args.rooms).map(|_| AtomicU64::new(0)).collect()),
        args: args.clone(),
        measure_from: started + WARMUP,
        until: started + WARMUP + Duration::from_secs(args.secs),
    };
    let shared_window = (shared.measure_from, shared.until);
    let batches_before = admin.metric("mend_relay_write_batches_total").await?;
    let jobs_before = admin.metric("mend_relay_write_jobs_total").await?;
    // CPU is sampled over the measured seconds only: the last long-polls may wait up to
    // POLL_WAIT_SECS after them, and counting that quiet tail understated the relay's cores.
    let relay_stat = format!("/proc/{}/stat", relay.child.id());
    let cpu_window = tokio::spawn(async move {
        tokio::time::sleep_until(shared_window.0.into()).await;
        let before = (cpu_secs(&relay_stat)?, cpu_secs("/proc/self/stat")?);
        tokio::time::sleep_until(shared_window.1.into()).await;
        let after = (cpu_secs(&relay_stat)?, cpu_secs("/proc/self/stat")?);
        anyhow::Ok((after.0 - before.0, after.1 - before.1))
    });
    let roles = (0..args.workers).map(|_| Role::Worker).chain((0..args.pollers).map(|_| Role::Poller));
    let tasks: Vec<_> =
        roles.zip(0..).map(|(role, id)| tokio::spawn(client(id, role, shared.clone()))).collect();
    let mut samples = Samples::default();
    for task in tasks {
        samples.merge(task.await??);
    }
    let (relay_cpu, load_cpu) = cpu_window.await??;
    let secs = args.secs as f64;
    report("appends", &mut samples.append, secs);
    report("fetches", &mut samples.fetch, secs);
    report("long-polls", &mut samples.poll, secs);
    println!("            (a long-poll's time is mostly waiting for the next bundle in its room)");
    let first = samples.first_error.as_deref().map(|e| format!(" (first: {e})")).unwrap_or_default();
    println!(
        "errors      {} while measuring, {} during warm-up; {} connections reopened{first}",
        samples.errors, samples.warmup_errors, samples.reconnects
    );
    let batches = admin.metric("mend_relay_write_batches_total").await? - batches_before;
    let jobs = admin.metric("mend_relay_write_jobs_total").await? - jobs_before;
    println!(
        "group commit: {jobs} writes in {batches} transactions ({:.1} per commit and fsync)",
        jobs as f64 / batches.max(1) as f64
    );
    println!(
        "CPU while measuring: relay {:.2} cores, load generator {:.2} cores (of 2); relay {:.0} µs per append, its share of fetches and polls included",
        relay_cpu / secs,
        load_cpu / secs,
        relay_cpu * 1e6 / samples.append.len().max(1) as f64
    );
    let rss_loaded = relay.rss_kib()?;

    // Idle long-polls: one connection each, on quiet rooms.
    let polls: Vec<_> = (0..quiet.len())
        .map(|i| {
            let (addr, quiet) = (relay.addr, quiet.clone());
            tokio::spawn(async move {
                Conn::open(addr).await?.list(&quiet[i], "wait=30").await.map(|p| p.bundles.len())
            })
        })
        .collect();
    let opened = Instant::now();
    while admin.metric("mend_relay_long_polls_active").await? < u64::from(args.idle_polls) {
        ensure!(opened.elapsed() < Duration::from_secs(20), "the idle long-polls did not all open");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_polls = relay.rss_kib()?;
    println!(
        "relay RSS: {:.1} MiB before the load, {:.1} MiB after it, {:.1} MiB with {} idle long-polls open",
        rss_idle as f64 / 1024.0,
        rss_loaded as f64 / 1024.0,
        rss_polls as f64 / 1024.0,
        args.idle_polls
    );

    // A graceful shutdown must answer every long-poll at once.
    let stopping = Instant::now();
    let kill = Command::new("kill").args(["-TERM", &relay.child.id().to_string()]).status()?;
    ensure!(kill.success(), "kill -TERM failed");
    let mut released = 0;
    for poll in polls {
        if poll.await?.is_ok_and(|n| n == 0) {
            released += 1;
        }
    }
    let mut relay = relay;
    let exited = relay.wait_exit(EXIT_WITHIN)?;
    match exited {
        Some(status) => println!(
            "SIGTERM: {released}/{} long-polls answered, relay exited ({status}) after {} ms",
            args.idle_polls,
            stopping.elapsed().as_millis()
        ),
        None => println!(
            "SIGTERM: {released}/{} long-polls answered, relay still running after {} s: killed",
            args.idle_polls,
            EXIT_WITHIN.as_secs()
        ),
    }

    let appends_per_sec = samples.append.len() as f64 / secs;
    let p99 = percentile(&samples.append, 99.0);
    let errors = samples.errors + samples.warmup_errors;
    let verdict = |ok: bool| if ok { "MET   " } else { "MISSED" };
    println!("verdict:");
    println!(
        "  {} >= 10,000 appends/s   measured {appends_per_sec:.0}/s",
        verdict(appends_per_sec >= 10_000.0)
    );
    println!("  {} append p99 <= 20 ms   measured {p99:.2} ms", verdict(p99 <= 20.0));
    println!(
        "  {} zero errors            measured {} ({} while measuring, {} during warm-up)",
        verdict(errors == 0),
        errors,
        samples.errors,
        samples.warmup_errors
    );
    let clean_exit = exited.is_some_and(|status| status.success());
    ensure!(errors == 0, "{errors} requests failed");
    ensure!(
        released == args.idle_polls,
        "only {released} of {} idle long-polls were released",
        args.idle_polls
    );
    ensure!(clean_exit, "the relay did not exit cleanly within {} s of SIGTERM", EXIT_WITHIN.as_secs());
    Ok(())
}
