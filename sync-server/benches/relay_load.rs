//! Load benchmark: the relay binary on loopback, on SQLite and on PostgreSQL with one and with two
//! relay processes, in one run. In each scenario workers append and fetch and pollers hold
//! long-polls the way phones in live mode do; then idle long-polls are opened to measure the
//! relay's memory per waiting phone (half on fresh connections, half on connections that answered a
//! pull first, as a phone's has), and a SIGTERM must release them all. Stops by itself, prints
//! a self-contained report (with the load average, since the machine may be shared) and a verdict
//! per target, and exits non-zero if any request failed (warm-up included), a long-poll was not
//! released, or a relay did not exit cleanly in time.
//!
//! `cargo bench -p mend-sync-server --bench relay_load -- [--secs 10] [--rooms 200] [--workers 48]
//! [--pollers 16] [--bundle-bytes 1024] [--idle-polls 5000] [--pool 16] [--only sqlite|postgres|postgres-2]`
//!
//! The relays run as shipped (fsync on every commit) except that rate limiting and the per-client
//! connection cap are off (the load generator is one address) and logging is at `warn`. PostgreSQL is a throwaway cluster from Debian's packages with the durable settings in
//! `relays::POSTGRES_SETTINGS`.

#[path = "relay_load/load.rs"]
mod load;
#[path = "relay_load/relays.rs"]
mod relays;

use anyhow::{Context, ensure};
use load::{APPEND_PCT, Conn, FETCH_LIMIT, POLL_WAIT_SECS, Role, Samples, Shared, percentile};
use relays::{Relays, Storage};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

/// Load before measuring starts (connections opened, caches warm).
const WARMUP: Duration = Duration::from_secs(1);

/// How long the relays may take to exit after SIGTERM (their own shutdown deadline is 30 s).
const EXIT_WITHIN: Duration = Duration::from_secs(40);

#[derive(Debug, Clone)]
struct Args {
    secs: u64,
    rooms: u32,
    workers: u32,
    pollers: u32,
    bundle_bytes: usize,
    idle_polls: u32,
    pool: usize,
    only: Vec<String>,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        secs: 10,
        rooms: 200,
        workers: 48,
        pollers: 16,
        bundle_bytes: 1024,
        idle_polls: 5000,
        pool: 16,
        only: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--secs" => args.secs = value()?.parse()?,
            "--rooms" => args.rooms = value()?.parse::<u32>()?.max(1),
            "--workers" => args.workers = value()?.parse()?,
            "--pollers" => args.pollers = value()?.parse()?,
            "--bundle-bytes" => args.bundle_bytes = value()?.parse::<usize>()?.clamp(16, 1 << 20),
            "--idle-polls" => args.idle_polls = value()?.parse()?,
            "--pool" => args.pool = value()?.parse::<usize>()?.max(1),
            "--only" => args.only.push(value()?),
            // cargo bench passes --bench; other harness flags are ignored too.
            _ => {}
        }
    }
    Ok(args)
}

/// One way of running the relay.
#[derive(Debug, Clone, Copy)]
struct Scenario {
    name: &'static str,
    postgres: bool,
    processes: usize,
    /// Appends per second to reach.
    target_rate: f64,
    /// Append p99 to stay under, in milliseconds.
    target_p99: f64,
}

const SCENARIOS: [Scenario; 3] = [
    Scenario { name: "sqlite", postgres: false, processes: 1, target_rate: 10_000.0, target_p99: 20.0 },
    Scenario { name: "postgres", postgres: true, processes: 1, target_rate: 5_000.0, target_p99: 50.0 },
    Scenario { name: "postgres-2", postgres: true, processes: 2, target_rate: 5_000.0, target_p99: 50.0 },
];

/// Idle long-poll memory to stay under, in KiB each (issue 13).
const TARGET_POLL_KIB: f64 = 5.0;

/// What one scenario measured.
struct Outcome {
    scenario: Scenario,
    appends_per_sec: f64,
    p50: f64,
    p99: f64,
    errors: u64,
    /// RSS per idle long-poll on a connection that pulled first, as a phone's does.
    kib_per_poll: f64,
    /// RSS per idle long-poll on a fresh connection.
    kib_per_fresh_poll: f64,
    load_before: String,
    load_after: String,
    released: u32,
    clean_exit: bool,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    println!("# mend relay load");
    println!(
        "{} s after {} s warm-up; {} rooms; {} workers ({APPEND_PCT}% appends of {} bytes, {}% fetches of up to \
         {FETCH_LIMIT}); {} pollers (long-polls up to {POLL_WAIT_SECS} s); then {} idle long-polls",
        args.secs,
        WARMUP.as_secs(),
        args.rooms,
        args.workers,
        args.bundle_bytes,
        100 - APPEND_PCT,
        args.pollers,
        args.idle_polls,
    );
    println!(
        "machine: {} cores; relays, PostgreSQL and this load generator share them; load average at start {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        relays::load_average()
    );
    let scenarios: Vec<Scenario> = SCENARIOS
        .into_iter()
        .filter(|s| args.only.is_empty() || args.only.iter().any(|o| o == s.name))
        .collect();
    let cluster = if scenarios.iter().any(|s| s.postgres) {
        let cluster = mend_test_postgres::Cluster::start(relays::POSTGRES_SETTINGS)
            .context("starting PostgreSQL for the benchmark")?;
        let settings: Vec<String> =
            relays::POSTGRES_SETTINGS.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!(
            "postgres: {} (major {}) on 127.0.0.1:{}, {} connections per relay process; settings: {}",
            cluster.psql("postgres", "SHOW server_version")?,
            cluster.install().major(),
            cluster.port(),
            args.pool,
            settings.join(" ")
        );
        Some(cluster)
    } else {
        None
    };

    let mut outcomes = Vec::new();
    for scenario in scenarios {
        let storage = match &cluster {
            Some(cluster) if scenario.postgres => Storage::Postgres(cluster.create_database()?),
            _ => Storage::Sqlite(tempfile::tempdir()?),
        };
        println!();
        println!(
            "## {} ({} relay process{})",
            scenario.name,
            scenario.processes,
            if scenario.processes > 1 { "es" } else { "" }
        );
        let postmaster = cluster.as_ref().filter(|_| scenario.postgres).and_then(|c| c.server_pid());
        outcomes.push(run(&args, scenario, &storage, postmaster).await?);
    }

    println!();
    println!("## verdict");
    let verdict = |ok: bool| if ok { "MET   " } else { "MISSED" };
    let mut failed = Vec::new();
    for o in &outcomes {
        let name = o.scenario.name;
        println!(
            "  {} {name:<10} >= {:>6.0} appends/s   measured {:.0}/s (load average {} -> {})",
            verdict(o.appends_per_sec >= o.scenario.target_rate),
            o.scenario.target_rate,
            o.appends_per_sec,
            o.load_before,
            o.load_after
        );
        println!(
            "  {} {name:<10} append p99 <= {} ms   measured {:.2} ms (p50 {:.2} ms)",
            verdict(o.p99 <= o.scenario.target_p99),
            o.scenario.target_p99,
            o.p99,
            o.p50
        );
        println!("  {} {name:<10} zero errors           measured {}", verdict(o.errors == 0), o.errors);
        println!(
            "  {} {name:<10} <= {TARGET_POLL_KIB} KiB per idle long-poll   measured {:.2} KiB on a connection that \
             pulled first ({:.2} KiB on a fresh one)",
            verdict(o.kib_per_poll <= TARGET_POLL_KIB),
            o.kib_per_poll,
            o.kib_per_fresh_poll
        );
        if o.errors > 0 {
            failed.push(format!("{name}: {} requests failed", o.errors));
        }
        if o.released != args.idle_polls {
            failed.push(format!(
                "{name}: only {} of {} idle long-polls were released",
                o.released, args.idle_polls
            ));
        }
        if !o.clean_exit {
            failed.push(format!(
                "{name}: a relay did not exit cleanly within {} s of SIGTERM",
                EXIT_WITHIN.as_secs()
            ));
        }
    }
    ensure!(failed.is_empty(), "{}", failed.join("; "));
    Ok(())
}

/// Run one scenario and print what it measured.
async fn run(
    args: &Args,
    scenario: Scenario,
    storage: &Storage,
    postmaster: Option<u32>,
) -> anyhow::Result<Outcome> {
    let load_before = relays::load_average();
    let mut relays = Relays::start(storage, scenario.processes, args.pool)?;
    let addrs = relays.addrs();
    let mut admin = Conn::open(addrs[0]).await?;
    // Busy rooms first, then one quiet room per idle long-poll.
    let busy = Arc::new(load::rooms(0..args.rooms)?);
    let quiet = Arc::new(load::rooms(args.rooms..args.rooms + args.idle_polls)?);
    for room in busy.iter().chain(quiet.iter()) {
        admin.create(room).await?;
    }
    let rss_idle = relays.rss_kib()?;

    let started = Instant::now();
    let shared = Shared {
        rooms: busy.clone(),
        latest: Arc::new((0..args.rooms).map(|_| AtomicU64::new(0)).collect()),
        bundle_bytes: args.bundle_bytes,
        measure_from: started + WARMUP,
        until: started + WARMUP + Duration::from_secs(args.secs),
    };
    let window = (shared.measure_from, shared.until);
    let wal_syncs = |storage: &Storage| match storage {
        Storage::Postgres(db) => {
            db.query("SELECT wal_sync FROM pg_stat_wal").ok().and_then(|n| n.parse::<u64>().ok())
        }
        Storage::Sqlite(_) => None,
    };
    let batches_before = metric_sum(&addrs, "mend_relay_write_batches_total").await?;
    let jobs_before = metric_sum(&addrs, "mend_relay_write_jobs_total").await?;
    let syncs_before = wal_syncs(storage);
    // CPU is sampled over the measured seconds only: the last long-polls may wait up to
    // POLL_WAIT_SECS after them.
    let cpu_window = {
        let relays_pids = relays.pids();
        tokio::spawn(async move {
            tokio::time::sleep_until(window.0.into()).await;
            let before = cpu_sample(&relays_pids, postmaster)?;
            tokio::time::sleep_until(window.1.into()).await;
            let after = cpu_sample(&relays_pids, postmaster)?;
            anyhow::Ok([after[0] - before[0], after[1] - before[1], after[2] - before[2]])
        })
    };
    let roles = (0..args.workers).map(|_| Role::Worker).chain((0..args.pollers).map(|_| Role::Poller));
    let tasks: Vec<_> = roles
        .zip(0..)
        .map(|(role, id)| {
            tokio::spawn(load::client(id, role, addrs[id as usize % addrs.len()], shared.clone()))
        })
        .collect();
    let mut samples = Samples::default();
    for task in tasks {
        samples.merge(task.await??);
    }
    let [relay_cpu, load_cpu, pg_cpu] = cpu_window.await??;
    let syncs = wal_syncs(storage).zip(syncs_before).map(|(after, before)| after - before);
    let secs = args.secs as f64;
    samples.sort();
    for (name, lane) in
        [("appends", &samples.append), ("fetches", &samples.fetch), ("long-polls", &samples.poll)]
    {
        println!(
            "{name:<11} {:>8} ops {:>8.0}/s   p50 {:>6.2} ms   p95 {:>6.2} ms   p99 {:>6.2} ms   max {:>7.2} ms",
            lane.len(),
            lane.len() as f64 / secs,
            percentile(lane, 50.0),
            percentile(lane, 95.0),
            percentile(lane, 99.0),
            percentile(lane, 100.0),
        );
    }
    println!("            (a long-poll's time is mostly waiting for the next bundle in its room)");
    let first = samples.first_error.as_deref().map(|e| format!(" (first: {e})")).unwrap_or_default();
    println!(
        "errors      {} while measuring, {} during warm-up; {} connections reopened{first}",
        samples.errors, samples.warmup_errors, samples.reconnects
    );
    let batches = metric_sum(&addrs, "mend_relay_write_batches_total").await? - batches_before;
    let jobs = metric_sum(&addrs, "mend_relay_write_jobs_total").await? - jobs_before;
    match syncs {
        Some(syncs) => println!(
            "commits: {jobs} writes in {batches} transactions ({:.1} per transaction), {syncs} WAL flushes in \
             PostgreSQL ({:.1} writes per flush)",
            jobs as f64 / batches.max(1) as f64,
            jobs as f64 / syncs.max(1) as f64
        ),
        None => println!(
            "group commit: {jobs} writes in {batches} transactions ({:.1} per commit and fsync)",
            jobs as f64 / batches.max(1) as f64
        ),
    }
    let appends = samples.append.len().max(1) as f64;
    println!(
        "CPU while measuring (cores of 2): relays {:.2}, PostgreSQL {:.2}, load generator {:.2}; relay {:.0} µs and \
         PostgreSQL {:.0} µs per append, their share of fetches and polls included",
        relay_cpu / secs,
        pg_cpu / secs,
        load_cpu / secs,
        relay_cpu * 1e6 / appends,
        pg_cpu * 1e6 / appends,
    );
    let rss_loaded = relays.rss_kib()?;

    // Idle long-polls, one connection each on a quiet room, spread over the relays: the first half
    // on fresh connections, the second half on connections that have pulled once first, as a
    // phone's connection has when it goes back to waiting (with hyper's connections, a written answer
    // left buffer pages resident; the relay's own loop holds none while a request waits).
    let half = quiet.len() / 2;
    let mut polls = open_idle_polls(&addrs, &quiet, 0..half, false);
    wait_for_long_polls(&addrs, half).await?;
    let rss_fresh = relays.rss_kib()?;
    polls.extend(open_idle_polls(&addrs, &quiet, half..quiet.len(), true));
    wait_for_long_polls(&addrs, quiet.len()).await?;
    let rss_polls = relays.rss_kib()?;
    let per_poll = |after: u64, before: u64, n: usize| after.saturating_sub(before) as f64 / n.max(1) as f64;
    let kib_per_fresh_poll = per_poll(rss_fresh, rss_loaded, half);
    let kib_per_poll = per_poll(rss_polls, rss_fresh, quiet.len() - half);
    println!(
        "relay RSS: {:.1} MiB before the load, {:.1} MiB after it, {:.1} MiB with {half} idle long-polls on fresh \
         connections ({kib_per_fresh_poll:.2} KiB each), {:.1} MiB with {} more on connections that pulled first \
         ({kib_per_poll:.2} KiB each)",
        rss_idle as f64 / 1024.0,
        rss_loaded as f64 / 1024.0,
        rss_fresh as f64 / 1024.0,
        rss_polls as f64 / 1024.0,
        quiet.len() - half,
    );

    // A graceful shutdown must answer every long-poll at once.
    let stopping = Instant::now();
    relays.terminate()?;
    let mut released = 0;
    for poll in polls {
        if poll.await?.is_ok_and(|n| n == 0) {
            released += 1;
        }
    }
    let exits = relays.wait_exit(EXIT_WITHIN)?;
    let clean_exit = exits.iter().all(|status| status.is_some_and(|s| s.success()));
    println!(
        "SIGTERM: {released}/{} long-polls answered, {} of {} relay processes exited cleanly after {} ms",
        args.idle_polls,
        exits.iter().filter(|s| s.is_some_and(|s| s.success())).count(),
        exits.len(),
        stopping.elapsed().as_millis()
    );
    let load_after = relays::load_average();
    println!("load average: {load_before} at the start of this scenario, {load_after} at its end");
    Ok(Outcome {
        scenario,
        appends_per_sec: samples.append.len() as f64 / secs,
        p50: percentile(&samples.append, 50.0),
        p99: percentile(&samples.append, 99.0),
        errors: samples.errors + samples.warmup_errors,
        kib_per_poll,
        kib_per_fresh_poll,
        load_before,
        load_after,
        released,
        clean_exit,
    })
}

/// Long-polls on `rooms[range]` that wait 30 s, one connection each; `pulled_first` makes each
/// connection answer a plain pull before it waits. Each task ends with how many bundles its poll got.
fn open_idle_polls(
    addrs: &[std::net::SocketAddr],
    rooms: &Arc<Vec<load::Room>>,
    range: std::ops::Range<usize>,
    pulled_first: bool,
) -> Vec<tokio::task::JoinHandle<anyhow::Result<usize>>> {
    range
        .map(|i| {
            let (addr, rooms) = (addrs[i % addrs.len()], Arc::clone(rooms));
            tokio::spawn(async move {
                let mut conn = Conn::open(addr).await?;
                if pulled_first {
                    conn.list(&rooms[i], "after=0").await?;
                }
                conn.list(&rooms[i], "wait=30").await.map(|page| page.bundles.len())
            })
        })
        .collect()
}

/// Wait until the relays together hold `count` long-polls, then let them settle.
async fn wait_for_long_polls(addrs: &[std::net::SocketAddr], count: usize) -> anyhow::Result<()> {
    let opened = Instant::now();
    while metric_sum(addrs, "mend_relay_long_polls_active").await? < count as u64 {
        ensure!(opened.elapsed() < Duration::from_secs(60), "the idle long-polls did not all open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(())
}

/// A counter summed over every relay process.
async fn metric_sum(addrs: &[std::net::SocketAddr], name: &str) -> anyhow::Result<u64> {
    let mut total = 0;
    for addr in addrs {
        total += Conn::open(*addr).await?.metric(name).await?;
    }
    Ok(total)
}

/// CPU seconds so far of the relays, this load generator and PostgreSQL.
fn cpu_sample(relays: &[u32], postmaster: Option<u32>) -> anyhow::Result<[f64; 3]> {
    let relay: f64 = relays.iter().map(|&pid| relays::cpu_secs(pid)).sum::<anyhow::Result<f64>>()?;
    let pg = postmaster.map(relays::postgres_cpu_secs).transpose()?.unwrap_or(0.0);
    Ok([relay, relays::cpu_secs(std::process::id())?, pg])
}
