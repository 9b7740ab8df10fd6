//! Test helpers: the backend under test and a fresh database of it per test, an in-process relay,
//! request builders, ids, and the real binary on port 0. The suite is compiled once per backend
//! (`tests/sqlite.rs`, `tests/postgres.rs`), each naming its [`Backend`] as `crate::BACKEND`.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use mend_shared::protocol::{
    AppendResponse, BundleId, BundlePage, ErrorBody, RelayToken, RoomId, SNAPSHOT_SEQ_HEADER,
};
use mend_sync_server::{AppState, Config, app};
use mend_test_postgres::Cluster;
use reqwest::Client;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;
use tower::ServiceExt;

/// Which store the relay keeps its data in. (Each test binary uses one of them.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)]
pub enum Backend {
    /// One SQLite file.
    Sqlite,
    /// A database in this test binary's PostgreSQL cluster.
    Postgres,
}

/// A fresh, empty database of the backend under test, for one test.
#[derive(Debug)]
pub enum Db {
    /// A folder holding `relay.sqlite`.
    Sqlite(TempDir),
    /// A database of its own in the shared cluster.
    Postgres(mend_test_postgres::Database),
}

impl Db {
    pub fn fresh() -> Db {
        match crate::BACKEND {
            Backend::Sqlite => Db::Sqlite(tempfile::tempdir().unwrap()),
            Backend::Postgres => Db::Postgres(Cluster::shared().create_database().unwrap()),
        }
    }

    /// The SQLite file (`None` on PostgreSQL).
    #[allow(dead_code)]
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        match self {
            Db::Sqlite(dir) => Some(dir.path().join("relay.sqlite")),
            Db::Postgres(_) => None,
        }
    }

    /// The relay's flags that select this database.
    pub fn args(&self) -> Vec<String> {
        match self {
            Db::Sqlite(dir) => vec!["--db".into(), dir.path().join("relay.sqlite").display().to_string()],
            Db::Postgres(db) => vec!["--database-url".into(), db.url()],
        }
    }

    /// A test config on this database: rate limiting off so suites can hammer the relay.
    pub fn config(&self) -> Config {
        let mut config = Config { rate_per_second: 0, ..Config::default() };
        match self {
            Db::Sqlite(dir) => config.db_path = dir.path().join("relay.sqlite"),
            Db::Postgres(db) => config.database_url = Some(db.url()),
        }
        config
    }

    /// The output of one SQL statement (PostgreSQL only: `|` between columns, a line per row).
    #[allow(dead_code)]
    pub fn query(&self, sql: &str) -> String {
        match self {
            Db::Postgres(db) => db.query(sql).unwrap(),
            Db::Sqlite(_) => panic!("query() is for PostgreSQL; SQLite tests open the file"),
        }
    }

    /// Mark the database as written by a relay with schema version `version`.
    pub fn set_schema_version(&self, version: i64) {
        match self {
            Db::Sqlite(dir) => {
                let conn = rusqlite::Connection::open(dir.path().join("relay.sqlite")).unwrap();
                conn.pragma_update(None, "user_version", version).unwrap();
            }
            Db::Postgres(db) => db.execute(&format!("UPDATE mend_schema SET version = {version}")).unwrap(),
        }
    }

    /// Row counts of rooms, bundles, bundle ids and snapshots, to prove a refused request stored nothing.
    pub fn counts(&self) -> [i64; 4] {
        let tables = ["rooms", "bundles", "bundle_ids", "snapshots"];
        match self {
            Db::Sqlite(dir) => {
                let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
                let conn =
                    rusqlite::Connection::open_with_flags(dir.path().join("relay.sqlite"), flags).unwrap();
                tables
                    .map(|t| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap())
            }
            Db::Postgres(db) => {
                let sql = tables.map(|t| format!("(SELECT count(*) FROM {t})")).join(", ");
                let line = db.query(&format!("SELECT {sql}")).unwrap();
                let counts: Vec<i64> = line.split('|').map(|n| n.parse().unwrap()).collect();
                counts.try_into().unwrap()
            }
        }
    }
}

pub fn room(n: u8) -> RoomId {
    RoomId::from_bytes([n; 32])
}

pub fn token(n: u8) -> RelayToken {
    RelayToken::from_bytes([n ^ 0xa5; 32])
}

/// A sealed-looking payload of `len` bytes (at least 4) that differs per `n`.
pub fn sealed(n: u32, len: usize) -> Vec<u8> {
    let mut bytes = n.to_be_bytes().to_vec();
    bytes.extend((4..len).map(|i| (i as u32).wrapping_mul(31).wrapping_add(n) as u8));
    bytes.truncate(len);
    bytes
}

/// An in-process relay over a fresh database of the backend under test.
pub struct Relay {
    pub state: AppState,
    pub db: Db,
    router: Router,
}

/// A buffered answer.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    /// The JSON error body, checking it has our shape and the given status and code.
    #[track_caller]
    pub fn assert_error(&self, status: StatusCode, code: &str) -> ErrorBody {
        assert_eq!(self.status, status, "body: {}", String::from_utf8_lossy(&self.body));
        assert_eq!(self.headers[header::CONTENT_TYPE], "application/json", "an error must be JSON");
        let body: ErrorBody = serde_json::from_slice(&self.body).expect("error body is {error, message}");
        assert_eq!(body.error, code, "message: {}", body.message);
        assert!(!body.message.is_empty());
        body
    }

    #[track_caller]
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    #[track_caller]
    pub fn page(&self) -> BundlePage {
        assert_eq!(self.status, StatusCode::OK, "body: {}", String::from_utf8_lossy(&self.body));
        assert_eq!(self.headers[header::CONTENT_TYPE], "application/vnd.mend.bundles");
        BundlePage::decode(&self.body).expect("a valid frame")
    }
}

impl Relay {
    pub async fn new() -> Relay {
        Relay::with(|_| {}).await
    }

    pub async fn with(tune: impl FnOnce(&mut Config)) -> Relay {
        let db = Db::fresh();
        let mut config = db.config();
        tune(&mut config);
        let state = AppState::connect(config).await.unwrap();
        Relay { router: app(state.clone()), state, db }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(req).await.unwrap();
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        Reply { status: parts.status, headers: parts.headers, body }
    }

    pub async fn create_room(&self, room: &RoomId, token: &RelayToken) -> Reply {
        self.send(req(Method::PUT, &format!("/v1/rooms/{room}")).bearer(token).empty()).await
    }

    pub async fn append(&self, room: &RoomId, token: &RelayToken, bytes: &[u8]) -> Reply {
        self.append_as(room, token, &BundleId::for_content(bytes), bytes).await
    }

    pub async fn append_as(&self, room: &RoomId, token: &RelayToken, id: &BundleId, bytes: &[u8]) -> Reply {
        self.send(
            req(Method::PUT, &format!("/v1/rooms/{room}/bundles/{id}")).bearer(token).sealed(bytes.to_vec()),
        )
        .await
    }

    /// Append and expect a fresh seq.
    pub async fn push(&self, room: &RoomId, token: &RelayToken, bytes: &[u8]) -> u64 {
        let reply = self.append(room, token, bytes).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&reply.body));
        let body: AppendResponse = reply.json();
        assert!(!body.duplicate);
        body.seq
    }

    pub async fn list(&self, room: &RoomId, token: &RelayToken, query: &str) -> Reply {
        self.send(req(Method::GET, &format!("/v1/rooms/{room}/bundles?{query}")).bearer(token).empty()).await
    }

    pub async fn put_snapshot(&self, room: &RoomId, token: &RelayToken, seq: u64, bytes: &[u8]) -> Reply {
        self.send(
            req(Method::PUT, &format!("/v1/rooms/{room}/snapshot"))
                .bearer(token)
                .header(SNAPSHOT_SEQ_HEADER, &seq.to_string())
                .sealed(bytes.to_vec()),
        )
        .await
    }

    pub async fn get_snapshot(&self, room: &RoomId, token: &RelayToken) -> Reply {
        self.send(req(Method::GET, &format!("/v1/rooms/{room}/snapshot")).bearer(token).empty()).await
    }

    /// Row counts of every table, to prove a refused request stored nothing.
    pub fn table_counts(&self) -> [i64; 4] {
        self.db.counts()
    }
}

/// A request builder with the few things these tests set.
pub struct Req(axum::http::request::Builder);

pub fn req(method: Method, uri: &str) -> Req {
    Req(Request::builder().method(method).uri(uri))
}

impl Req {
    pub fn bearer(self, token: &RelayToken) -> Req {
        self.header("authorization", &token.authorization())
    }

    pub fn header(self, name: &str, value: &str) -> Req {
        Req(self.0.header(name, value))
    }

    pub fn empty(self) -> Request<Body> {
        self.0.body(Body::empty()).unwrap()
    }

    pub fn sealed(self, bytes: Vec<u8>) -> Request<Body> {
        self.0.header(header::CONTENT_TYPE, "application/octet-stream").body(Body::from(bytes)).unwrap()
    }

    pub fn body(self, bytes: Vec<u8>) -> Request<Body> {
        self.0.body(Body::from(bytes)).unwrap()
    }
}

/// The real `mend-sync-server` binary, listening on a free loopback port.
pub struct RelayProcess {
    child: Child,
    pub url: String,
}

impl RelayProcess {
    /// The binary with rate limiting off, so suites can hammer it.
    pub fn start(db: &Db, extra: &[&str]) -> RelayProcess {
        RelayProcess::start_rate_limited(db, 0, 1, extra)
    }

    /// The binary with rate limiting as given (`per_second` 0 turns it off).
    pub fn start_rate_limited(db: &Db, per_second: u32, burst: u32, extra: &[&str]) -> RelayProcess {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mend-sync-server"));
        command.args(["--rate-per-second", &per_second.to_string(), "--rate-burst", &burst.to_string()]);
        RelayProcess::launch(command, db, extra)
    }

    /// The binary, rate limiting off, allowed at most `files` open file descriptors.
    pub fn start_with_fd_limit(db: &Db, files: u32, extra: &[&str]) -> RelayProcess {
        let mut command = Command::new("prlimit");
        command
            .arg(format!("--nofile={files}:{files}"))
            .arg("--")
            .arg(env!("CARGO_BIN_EXE_mend-sync-server"));
        command.args(["--rate-per-second", "0"]);
        RelayProcess::launch(command, db, extra)
    }

    /// Run the binary on `db` expecting it to refuse to start: its exit status and what it printed.
    pub fn refused_start(db: &Db) -> (std::process::ExitStatus, String) {
        let child = Command::new(env!("CARGO_BIN_EXE_mend-sync-server"))
            .args(["--listen", "127.0.0.1:0"])
            .args(db.args())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the relay binary starts");
        let output = child.wait_with_output().unwrap();
        let printed = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
        (output.status, printed.into_owned())
    }

    fn launch(mut command: Command, db: &Db, extra: &[&str]) -> RelayProcess {
        let mut child = command
            .args(["--listen", "127.0.0.1:0"])
            .args(db.args())
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the relay binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line
            .trim()
            .strip_prefix("mend-sync-server listening on ")
            .unwrap_or_else(|| panic!("odd first line {line:?}"));
        RelayProcess { url: url.to_owned(), child }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The listening address, for raw sockets.
    pub fn addr(&self) -> std::net::SocketAddr {
        self.url.trim_start_matches("http://").parse().unwrap()
    }

    /// Send SIGTERM and return at once.
    pub fn send_sigterm(&self) {
        let status = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().unwrap();
        assert!(status.success());
    }

    /// The exit status once the process has stopped, or `None` if it is still running after `within`.
    pub fn wait_exit(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if started.elapsed() >= within {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill_9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then wait for the exit status.
    pub fn terminate(mut self, within: Duration) -> std::process::ExitStatus {
        self.send_sigterm();
        self.wait_exit(within).unwrap_or_else(|| panic!("the relay did not stop within {within:?}"))
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A reqwest client for the real binary.
pub struct Api {
    pub http: Client,
    pub url: String,
}

impl Api {
    pub fn new(relay: &RelayProcess) -> Api {
        Api { http: Client::new(), url: relay.url.clone() }
    }

    pub async fn create(&self, room: &RoomId, token: &RelayToken) -> StatusCode {
        let r = self
            .http
            .put(format!("{}/v1/rooms/{room}", self.url))
            .header("authorization", token.authorization());
        r.send().await.unwrap().status()
    }

    pub async fn append(
        &self,
        room: &RoomId,
        token: &RelayToken,
        bytes: Vec<u8>,
    ) -> reqwest::Result<AppendResponse> {
        let id = BundleId::for_content(&bytes);
        self.http
            .put(format!("{}/v1/rooms/{room}/bundles/{id}", self.url))
            .header("authorization", token.authorization())
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await
    }

    pub async fn list(&self, room: &RoomId, token: &RelayToken, query: &str) -> BundlePage {
        let response = self
            .http
            .get(format!("{}/v1/rooms/{room}/bundles?{query}", self.url))
            .header("authorization", token.authorization())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/vnd.mend.bundles");
        BundlePage::decode(&response.bytes().await.unwrap()).unwrap()
    }

    pub async fn list_all(&self, room: &RoomId, token: &RelayToken) -> BundlePage {
        let mut all = BundlePage::default();
        let mut after = 0;
        loop {
            let page = self.list(room, token, &format!("after={after}&limit=1000")).await;
            all.latest_seq = page.latest_seq;
            if page.bundles.is_empty() {
                return all;
            }
            after = page.next_cursor(after);
            all.bundles.extend(page.bundles);
        }
    }
}
