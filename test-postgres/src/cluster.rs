//! Starting and stopping a throwaway cluster: `initdb` in a temporary folder, the server on a free
//! loopback port (as the `postgres` user when we are root), stopped on drop or when this process ends.

use crate::{Database, Error, Install};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Settings for test clusters. Tests check the relay, not the disk: committed data must be visible
/// to every other connection, which holds without fsync; a crash of the whole machine is not tested.
pub const TEST_SETTINGS: &[(&str, &str)] =
    &[("fsync", "off"), ("full_page_writes", "off"), ("max_connections", "400"), ("shared_buffers", "64MB")];

/// How long the server may take to accept connections.
const START_WITHIN: Duration = Duration::from_secs(60);

/// How long a fast shutdown may take before the server is killed.
const STOP_WITHIN: Duration = Duration::from_secs(30);

/// Ports tried before giving up (another process may take a free port before the server binds it).
const START_ATTEMPTS: u32 = 3;

/// A running PostgreSQL cluster on 127.0.0.1, with trust authentication for the `postgres` role.
#[derive(Debug)]
pub struct Cluster {
    install: Install,
    dir: PathBuf,
    port: u16,
    server: Option<Child>,
    /// Dropping it ends the thread that started the server; the kernel then signals the server
    /// (parent-death signal), which is what stops the shared cluster when the process exits.
    _keeper: Option<mpsc::Sender<()>>,
    databases: AtomicU32,
}

impl Cluster {
    /// The one cluster of this process (with [`TEST_SETTINGS`]), started on first use. It is never
    /// dropped: it stops when this process exits, however it exits.
    ///
    /// # Panics
    /// When the cluster cannot be started; the message says why (usually: the server binaries are
    /// not installed).
    pub fn shared() -> &'static Cluster {
        static SHARED: OnceLock<Cluster> = OnceLock::new();
        SHARED.get_or_init(|| Cluster::start(TEST_SETTINGS).unwrap_or_else(|e| panic!("{e}")))
    }

    /// A cluster of your own with these server settings (`name`, `value`), stopped when dropped.
    pub fn start(settings: &[(&str, &str)]) -> Result<Cluster, Error> {
        let install = Install::find()?;
        remove_stale_folders();
        let dir =
            tempfile::Builder::new().prefix(&format!("mend-pg-{}-", std::process::id())).tempdir()?.keep();
        let user = server_user()?;
        let started = init(&install, &dir, user).and_then(|()| {
            let mut last = None;
            for _ in 0..START_ATTEMPTS {
                match launch(&install, &dir, user, settings) {
                    Ok(running) => return Ok(running),
                    Err(error) => last = Some(error),
                }
            }
            Err(last.unwrap_or_else(|| Error::NotReady("no attempt made".into())))
        });
        match started {
            Ok((port, server, keeper)) => Ok(Cluster {
                install,
                dir,
                port,
                server: Some(server),
                _keeper: Some(keeper),
                databases: AtomicU32::new(0),
            }),
            Err(error) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(error)
            }
        }
    }

    /// The server's process id (the postmaster; its backends are its children).
    pub fn server_pid(&self) -> Option<u32> {
        self.server.as_ref().map(Child::id)
    }

    /// The port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The installation the server runs from.
    pub fn install(&self) -> &Install {
        &self.install
    }

    /// A `postgres://` URL for database `name`.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// A new, empty database with a name no other caller of this process gets.
    pub fn create_database(&self) -> Result<Database, Error> {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("mend_{}_{n}", std::process::id());
        self.psql("postgres", &format!("CREATE DATABASE {name}"))?;
        Ok(Database::new(self.install.clone(), self.port, name))
    }

    /// Run `sql` with `psql` in database `db`; the unaligned, tuples-only output.
    pub fn psql(&self, db: &str, sql: &str) -> Result<String, Error> {
        crate::database::psql(&self.install, self.port, db, sql)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(mut server) = self.server.take() {
            // SIGINT is PostgreSQL's fast shutdown: connections are closed, the server exits.
            let _ = Command::new("kill").args(["-INT", &server.id().to_string()]).status();
            let deadline = Instant::now() + STOP_WITHIN;
            while matches!(server.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = server.kill();
            let _ = server.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The uid and gid to run the server as: `postgres` when we are root (it refuses to run as root),
/// nobody else's when we are not.
fn server_user() -> Result<Option<(u32, u32)>, Error> {
    if std::fs::metadata("/proc/self")?.uid() != 0 {
        return Ok(None);
    }
    let passwd = std::fs::read_to_string("/etc/passwd")?;
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&"postgres") && fields.len() > 3)
        .and_then(|fields| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
        .map(Some)
        .ok_or(Error::NoPostgresUser)
}

/// `program` run through `setpriv`: as `user` when given, and signalled with SIGINT when the
/// thread that started it ends.
fn as_server_user(program: &Path, user: Option<(u32, u32)>) -> Command {
    let mut command = Command::new("setpriv");
    if let Some((uid, gid)) = user {
        command.args([format!("--reuid={uid}"), format!("--regid={gid}"), "--clear-groups".into()]);
    }
    command.args(["--pdeathsig=INT", "--"]).arg(program);
    command
}

/// `initdb` into `dir/data`, the folder handed to the server's user first.
fn init(install: &Install, dir: &Path, user: Option<(u32, u32)>) -> Result<(), Error> {
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(dir, Some(uid), Some(gid))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let output = as_server_user(&install.program("initdb"), user)
        .args(["--pgdata"])
        .arg(dir.join("data"))
        .args(["--username=postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"])
        .stdin(Stdio::null())
        .output()?;
    checked("initdb", output).map(drop)
}

/// Start the server on a free port and wait until it accepts connections.
fn launch(
    install: &Install,
    dir: &Path,
    user: Option<(u32, u32)>,
    settings: &[(&str, &str)],
) -> Result<(u16, Child, mpsc::Sender<()>), Error> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let log = std::fs::File::create(dir.join("server.log"))?;
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(dir.join("server.log"), Some(uid), Some(gid))?;
    }
    let mut command = as_server_user(&install.program("postgres"), user);
    command
        .arg("-D")
        .arg(dir.join("data"))
        .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1", "-c"])
        .arg(format!("unix_socket_directories={}", dir.display()));
    for (name, value) in settings {
        command.args(["-c", &format!("{name}={value}")]);
    }
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(log);
    // The server is started from a thread of its own that lives as long as the cluster: the
    // parent-death signal follows the starting thread, not the process.
    let (child_tx, child_rx) = mpsc::channel();
    let (keeper, keep) = mpsc::channel::<()>();
    std::thread::Builder::new().name("mend-test-postgres".into()).spawn(move || {
        let _ = child_tx.send(command.spawn());
        // Returns once the cluster is dropped (or never, for the shared one).
        let _ = keep.recv();
    })?;
    let mut server = child_rx.recv().map_err(|_| Error::NotReady("the starter thread died".into()))??;
    let deadline = Instant::now() + START_WITHIN;
    loop {
        if let Some(status) = server.try_wait()? {
            let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            return Err(Error::NotReady(format!("the server exited ({status}): {}", tail(&log))));
        }
        let ready = Command::new(install.program("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string(), "-U", "postgres"])
            .status()?;
        if ready.success() {
            return Ok((port, server, keeper));
        }
        if Instant::now() >= deadline {
            let _ = server.kill();
            let _ = server.wait();
            return Err(Error::NotReady(format!("not accepting connections after {START_WITHIN:?}")));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The output of a finished helper, or an error naming it with the end of what it printed.
pub(crate) fn checked(what: &str, output: Output) -> Result<String, Error> {
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned());
    }
    let printed =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    Err(Error::Command { what: what.to_owned(), detail: format!("{}: {}", output.status, tail(&printed)) })
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(2000);
    text.get(start..).unwrap_or(text).trim()
}

/// Remove the folders of clusters whose test process is gone (a shared cluster's folder outlives
/// its process, which cannot run code after its last test).
fn remove_stale_folders() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) =
            name.to_str().and_then(|n| n.strip_prefix("mend-pg-")).and_then(|n| n.split('-').next())
        else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_serves_databases_and_is_gone_once_dropped() {
        let cluster = Cluster::start(TEST_SETTINGS).unwrap();
        let (a, b) = (cluster.create_database().unwrap(), cluster.create_database().unwrap());
        assert_ne!(a.name(), b.name());
        a.execute("CREATE TABLE t (n int); INSERT INTO t VALUES (41), (1)").unwrap();
        assert_eq!(a.query("SELECT sum(n) FROM t").unwrap(), "42");
        assert!(b.query("SELECT count(*) FROM t").is_err(), "databases are separate");
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", cluster.server.as_ref().unwrap().id()));
        let uid = status.unwrap().lines().find_map(|l| l.strip_prefix("Uid:").map(str::to_owned)).unwrap();
        assert_ne!(uid.split_whitespace().next(), Some("0"), "the server runs as root");
        let (dir, port) = (cluster.dir.clone(), cluster.port);
        drop(cluster);
        assert!(!dir.exists(), "the cluster's folder was removed");
        assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "the server still listens");
    }
}
