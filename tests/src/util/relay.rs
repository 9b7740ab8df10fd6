//! The relay as a real process on loopback: start, kill -9, restart on the same port and file.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running relay process with its own database file.
#[derive(Debug)]
pub struct RelayProcess {
    bin: PathBuf,
    dir: tempfile::TempDir,
    child: Option<Child>,
    addr: std::net::SocketAddr,
}

impl RelayProcess {
    /// Start the relay binary `bin` on 127.0.0.1:0 with a fresh database and no rate limit.
    pub fn start(bin: &Path) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let (child, addr) = spawn(bin, dir.path(), "127.0.0.1:0");
        Self { bin: bin.to_path_buf(), dir, child: Some(child), addr }
    }

    /// The relay's base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The listening address.
    pub fn addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    /// The relay's SQLite database file.
    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("relay.sqlite")
    }

    /// Every byte the relay has on disk (database, WAL and shared-memory files).
    pub fn raw_files(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(self.dir.path()).expect("relay dir") {
            let path = entry.expect("entry").path();
            all.extend(std::fs::read(&path).unwrap_or_default());
        }
        all
    }

    /// Kill the process with SIGKILL: no shutdown, no flush.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Start again on the same port and database after [`Self::kill`].
    pub fn restart(&mut self) {
        self.kill();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // The port may linger briefly after the kill; retry until it binds.
            match try_spawn(&self.bin, self.dir.path(), &self.addr.to_string()) {
                Some((child, addr)) => {
                    self.child = Some(child);
                    self.addr = addr;
                    return;
                }
                None if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
                None => panic!("the relay did not restart on {}", self.addr),
            }
        }
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

fn spawn(bin: &Path, dir: &Path, listen: &str) -> (Child, std::net::SocketAddr) {
    try_spawn(bin, dir, listen).unwrap_or_else(|| panic!("the relay {} did not start", bin.display()))
}

fn try_spawn(bin: &Path, dir: &Path, listen: &str) -> Option<(Child, std::net::SocketAddr)> {
    let mut child = Command::new(bin)
        .args(["--listen", listen, "--db"])
        .arg(dir.join("relay.sqlite"))
        .args(["--rate-per-second", "0"])
        .env("RUST_LOG", "mend_sync_server=warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn the relay");
    let addr = child.stdout.take().and_then(|stdout| {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        // Keep draining stdout so the relay never writes into a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        line.trim().strip_prefix("mend-sync-server listening on http://").and_then(|a| a.parse().ok())
    });
    match addr {
        Some(addr) => Some((child, addr)),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    }
}
