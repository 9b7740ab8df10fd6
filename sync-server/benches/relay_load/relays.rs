//! The relay side of the benchmark: where the data goes (a SQLite file, or a database in a tuned
//! PostgreSQL cluster), one or more relay binaries on loopback, and what they cost (RSS, CPU).

use anyhow::Context;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// PostgreSQL as an operator would run it for the relay on a small machine: every commit durable
/// (fsync, full-page writes, `synchronous_commit = on`), WAL flushes shared by concurrent commits
/// (`commit_delay`), checkpoints spread out so they do not land in the middle of a run.
pub const POSTGRES_SETTINGS: &[(&str, &str)] = &[
    ("fsync", "on"),
    ("synchronous_commit", "on"),
    ("full_page_writes", "on"),
    ("wal_level", "replica"),
    ("shared_buffers", "256MB"),
    ("wal_buffers", "16MB"),
    ("commit_delay", "200"),
    ("commit_siblings", "2"),
    ("max_wal_size", "4GB"),
    ("checkpoint_timeout", "15min"),
    ("checkpoint_completion_target", "0.9"),
    ("max_connections", "200"),
];

/// Where one scenario's relays keep their data.
pub enum Storage {
    /// A SQLite file in a temporary folder.
    Sqlite(tempfile::TempDir),
    /// A fresh database in the benchmark's cluster.
    Postgres(mend_test_postgres::Database),
}

impl Storage {
    fn args(&self, pool: usize) -> Vec<String> {
        match self {
            Storage::Sqlite(dir) => vec!["--db".into(), dir.path().join("load.sqlite").display().to_string()],
            Storage::Postgres(db) => {
                vec!["--database-url".into(), db.url(), "--database-pool-size".into(), pool.to_string()]
            }
        }
    }
}

/// The relay binary as a child process.
struct Relay {
    child: Child,
    addr: SocketAddr,
}

impl Relay {
    fn start(storage: &Storage, pool: usize) -> anyhow::Result<Relay> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mend-sync-server"))
            .args(["--listen", "127.0.0.1:0", "--rate-per-second", "0", "--max-waiters", "50000"])
            // The load generator is one address with thousands of connections.
            .args(["--max-connections-per-client", "0"])
            .args(storage.args(pool))
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
}

/// One scenario's relay processes, all on the same storage.
pub struct Relays {
    relays: Vec<Relay>,
}

impl Relays {
    /// `count` relay processes on `storage`, each with `pool` PostgreSQL connections.
    pub fn start(storage: &Storage, count: usize, pool: usize) -> anyhow::Result<Relays> {
        let relays = (0..count).map(|_| Relay::start(storage, pool)).collect::<anyhow::Result<_>>()?;
        Ok(Relays { relays })
    }

    /// Where each one listens.
    pub fn addrs(&self) -> Vec<SocketAddr> {
        self.relays.iter().map(|r| r.addr).collect()
    }

    /// Resident memory of all of them together, in KiB.
    pub fn rss_kib(&self) -> anyhow::Result<u64> {
        self.relays.iter().map(|r| rss_kib(r.child.id())).sum()
    }

    /// Their process ids.
    pub fn pids(&self) -> Vec<u32> {
        self.relays.iter().map(|r| r.child.id()).collect()
    }

    /// SIGTERM every one.
    pub fn terminate(&self) -> anyhow::Result<()> {
        for relay in &self.relays {
            let kill = Command::new("kill").args(["-TERM", &relay.child.id().to_string()]).status()?;
            anyhow::ensure!(kill.success(), "kill -TERM failed");
        }
        Ok(())
    }

    /// Wait up to `within` for every one to exit; kill those that do not. Their exit statuses.
    pub fn wait_exit(&mut self, within: Duration) -> anyhow::Result<Vec<Option<ExitStatus>>> {
        let started = Instant::now();
        let mut statuses = Vec::new();
        for relay in &mut self.relays {
            let mut status = None;
            while status.is_none() && started.elapsed() < within {
                status = relay.child.try_wait()?;
                if status.is_none() {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            if status.is_none() {
                relay.child.kill()?;
                relay.child.wait()?;
            }
            statuses.push(status);
        }
        Ok(statuses)
    }
}

impl Drop for Relays {
    fn drop(&mut self) {
        for relay in &mut self.relays {
            if let Ok(None) = relay.child.try_wait() {
                let _ = relay.child.kill();
                let _ = relay.child.wait();
            }
        }
    }
}

/// Resident memory of process `pid` in KiB.
pub fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("VmRSS")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS value")?.parse()?)
}

/// The fields of `/proc/{pid}/stat` after the command name (which is in parentheses and may hold spaces).
fn stat_fields(pid: u32) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    Ok(text.rsplit_once(')').context("stat line")?.1.split_whitespace().map(str::to_owned).collect())
}

/// User plus system CPU seconds of process `pid` (ticks of 1/100 s).
pub fn cpu_secs(pid: u32) -> anyhow::Result<f64> {
    let fields = stat_fields(pid)?;
    let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
    Ok(ticks as f64 / 100.0)
}

/// CPU seconds of the PostgreSQL server: the postmaster and every backend it started.
pub fn postgres_cpu_secs(postmaster: u32) -> anyhow::Result<f64> {
    let mut total = cpu_secs(postmaster)?;
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        // A process may end between listing and reading: skip it.
        if let Ok(fields) = stat_fields(pid)
            && fields.get(1).and_then(|p| p.parse::<u32>().ok()) == Some(postmaster)
        {
            total += cpu_secs(pid).unwrap_or(0.0);
        }
    }
    Ok(total)
}

/// The machine's 1-, 5- and 15-minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
