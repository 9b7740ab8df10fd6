//! The relay as a real process on loopback: start, kill -9, restart on the same port and file
//! (SQLite) or database (PostgreSQL, where several processes may share one database).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running relay process with its own database file, or on a PostgreSQL database.
#[derive(Debug)]
pub struct RelayProcess {
    bin: PathBuf,
    args: Vec<String>,
    dir: tempfile::TempDir,
    /// The PostgreSQL database it keeps its data in, instead of a file in `dir`.
    database_url: Option<String>,
    child: Option<Child>,
    addr: std::net::SocketAddr,
}

impl RelayProcess {
    /// Start the relay binary `bin` on 127.0.0.1:0 with a fresh database and no rate limit.
    pub fn start(bin: &Path) -> Self {
        Self::start_with(bin, &[])
    }

    /// Like [`Self::start`], with extra relay flags (e.g. `["--max-page-bytes", "1"]`), kept
    /// across restarts.
    pub fn start_with(bin: &Path, args: &[&str]) -> Self {
        Self::start_storing(bin, None, args)
    }

    /// Start the relay binary `bin` on the PostgreSQL database at `database_url` (which other
    /// relay processes may share), with no rate limit and extra flags `args`.
    pub fn start_on_postgres(bin: &Path, database_url: &str, args: &[&str]) -> Self {
        Self::start_storing(bin, Some(database_url.to_owned()), args)
    }

    fn start_storing(bin: &Path, database_url: Option<String>, args: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        match &database_url {
            Some(url) => args.extend(["--database-url".to_owned(), url.clone()]),
            None => args.extend(["--db".to_owned(), dir.path().join("relay.sqlite").display().to_string()]),
        }
        let (child, addr) = spawn(bin, "127.0.0.1:0", &args);
        Self { bin: bin.to_path_buf(), args, dir, database_url, child: Some(child), addr }
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
    ///
    /// # Panics
    /// On a relay that keeps its data in PostgreSQL.
    pub fn db_path(&self) -> PathBuf {
        assert!(self.database_url.is_none(), "this relay keeps its data in PostgreSQL, not in a file");
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

    /// Rewrite the stored bytes of bundle `seq` in `room` straight in the relay's database file,
    /// as damage at rest would (the relay process keeps running).
    pub fn edit_bundle(
        &self,
        room: &mend_shared::protocol::RoomId,
        seq: u64,
        edit: impl FnOnce(&mut Vec<u8>),
    ) {
        let db = rusqlite::Connection::open(self.db_path()).expect("open the relay's database");
        db.busy_timeout(Duration::from_secs(10)).expect("busy timeout");
        let key: i64 = db
            .query_row("SELECT key FROM rooms WHERE id = ?1", [room.as_bytes().as_slice()], |r| r.get(0))
            .expect("the room is in the relay's database");
        let mut bytes: Vec<u8> = db
            .query_row("SELECT bytes FROM bundles WHERE room = ?1 AND seq = ?2", (key, seq as i64), |r| {
                r.get(0)
            })
            .expect("the bundle is in the relay's database");
        edit(&mut bytes);
        let changed = db
            .execute("UPDATE bundles SET bytes = ?1 WHERE room = ?2 AND seq = ?3", (bytes, key, seq as i64))
            .expect("rewrite the bundle");
        assert_eq!(changed, 1);
    }

    /// The sequence numbers of the bundles the relay's database file holds for `room`.
    pub fn stored_bundle_seqs(&self, room: &mend_shared::protocol::RoomId) -> Vec<u64> {
        self.stored_bundles(room).into_iter().map(|b| b.seq).collect()
    }

    /// The bundles the relay's database file holds for `room`, read straight from the file.
    pub fn stored_bundles(&self, room: &mend_shared::protocol::RoomId) -> Vec<mend_shared::protocol::Bundle> {
        let db = rusqlite::Connection::open(self.db_path()).expect("open the relay's database");
        db.busy_timeout(Duration::from_secs(10)).expect("busy timeout");
        let mut stmt = db
            .prepare(
                "SELECT b.seq, b.id, b.bytes FROM bundles b JOIN rooms r ON b.room = r.key
                 WHERE r.id = ?1 ORDER BY b.seq",
            )
            .expect("query");
        stmt.query_map([room.as_bytes().as_slice()], |r| {
            let id: Vec<u8> = r.get(1)?;
            let id: [u8; 32] = id.try_into().unwrap_or([0; 32]);
            Ok(mend_shared::protocol::Bundle {
                seq: r.get::<_, i64>(0)? as u64,
                id: mend_shared::protocol::BundleId::from_bytes(id),
                bytes: r.get(2)?,
            })
        })
        .expect("rows")
        .map(|b| b.expect("bundle row"))
        .collect()
    }

    /// The snapshot the relay's database file holds for `room`: (seq, sealed bytes).
    pub fn stored_snapshot(&self, room: &mend_shared::protocol::RoomId) -> Option<(u64, Vec<u8>)> {
        use rusqlite::OptionalExtension;
        let db = rusqlite::Connection::open(self.db_path()).expect("open the relay's database");
        db.busy_timeout(Duration::from_secs(10)).expect("busy timeout");
        db.query_row(
            "SELECT s.seq, s.bytes FROM snapshots s JOIN rooms r ON s.room = r.key WHERE r.id = ?1",
            [room.as_bytes().as_slice()],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
        )
        .optional()
        .expect("snapshot query")
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
            match try_spawn(&self.bin, &self.addr.to_string(), &self.args) {
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

fn spawn(bin: &Path, listen: &str, args: &[String]) -> (Child, std::net::SocketAddr) {
    try_spawn(bin, listen, args).unwrap_or_else(|| panic!("the relay {} did not start", bin.display()))
}

fn try_spawn(bin: &Path, listen: &str, args: &[String]) -> Option<(Child, std::net::SocketAddr)> {
    let mut child = Command::new(bin)
        .args(["--listen", listen])
        .args(["--rate-per-second", "0"])
        .args(args)
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
