//! The load generator's side: bare HTTP/1.1 keep-alive connections, the client tasks (workers that
//! append and fetch, pollers that long-poll) and their latency samples.

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
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A worker's share of appends, in percent; the rest are fetches.
pub const APPEND_PCT: u32 = 85;

/// How many bundles a fetch asks for, starting a little behind the room's end.
pub const FETCH_LIMIT: u32 = 100;

/// How long a poller's long-poll may wait, in seconds.
pub const POLL_WAIT_SECS: u64 = 5;

/// Attempts to open a connection before a client task gives up.
const CONNECT_ATTEMPTS: u32 = 5;

/// Room `n`'s id.
pub fn room(n: u32) -> RoomId {
    let mut bytes = [0x5a; 32];
    bytes[..4].copy_from_slice(&n.to_be_bytes());
    RoomId::from_bytes(bytes)
}

fn token(n: u32) -> RelayToken {
    let mut bytes = [0xa7; 32];
    bytes[..4].copy_from_slice(&n.to_be_bytes());
    RelayToken::from_bytes(bytes)
}

/// Latencies in microseconds by kind, and failures.
#[derive(Default)]
pub struct Samples {
    pub append: Vec<u32>,
    pub fetch: Vec<u32>,
    pub poll: Vec<u32>,
    /// Failed requests while measuring.
    pub errors: u64,
    /// Failed requests during the warm-up (they fail the run too).
    pub warmup_errors: u64,
    /// Connections opened again after a failure.
    pub reconnects: u64,
    pub first_error: Option<String>,
}

impl Samples {
    pub fn merge(&mut self, other: Samples) {
        self.append.extend(other.append);
        self.fetch.extend(other.fetch);
        self.poll.extend(other.poll);
        self.errors += other.errors;
        self.warmup_errors += other.warmup_errors;
        self.reconnects += other.reconnects;
        self.first_error = self.first_error.take().or(other.first_error);
    }

    /// Sort every lane, for percentiles.
    pub fn sort(&mut self) {
        self.append.sort_unstable();
        self.fetch.sort_unstable();
        self.poll.sort_unstable();
    }
}

/// The `p`th percentile of sorted microseconds, in milliseconds.
pub fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

/// One keep-alive HTTP/1.1 connection to the relay.
pub struct Conn {
    sender: SendRequest<Full<Bytes>>,
    host: HeaderValue,
}

impl Conn {
    /// Open a connection, trying again a few times (a failure here is counted by the caller).
    pub async fn open_retrying(addr: SocketAddr) -> anyhow::Result<Conn> {
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

    pub async fn open(addr: SocketAddr) -> anyhow::Result<Conn> {
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

    pub async fn list(&mut self, room: &Room, query: &str) -> anyhow::Result<BundlePage> {
        let request = self
            .request(Method::GET, &format!("{}/bundles?{query}", room.path))
            .header(AUTHORIZATION, room.auth.clone())
            .body(Full::default())?;
        let (status, body) = self.send(request).await?;
        ensure!(status == StatusCode::OK, "list answered {status}: {}", String::from_utf8_lossy(&body));
        Ok(BundlePage::decode(&body)?)
    }

    pub async fn create(&mut self, room: &Room) -> anyhow::Result<()> {
        let request = self
            .request(Method::PUT, &room.path)
            .header(AUTHORIZATION, room.auth.clone())
            .body(Full::default())?;
        let (status, _) = self.send(request).await?;
        ensure!(status.is_success(), "creating a room answered {status}");
        Ok(())
    }

    pub async fn metric(&mut self, name: &str) -> anyhow::Result<u64> {
        let (_, body) = self.send(self.request(Method::GET, "/metrics").body(Full::default())?).await?;
        let text = String::from_utf8(body.to_vec())?;
        let line = text.lines().find(|l| l.split(' ').next() == Some(name)).context("metric line")?;
        Ok(line.rsplit(' ').next().context("value")?.parse()?)
    }
}

/// A room's path and credentials, formatted once.
pub struct Room {
    path: String,
    auth: HeaderValue,
}

pub fn rooms(range: std::ops::Range<u32>) -> anyhow::Result<Vec<Room>> {
    range
        .map(|n| {
            let auth = HeaderValue::from_str(&token(n).authorization())?;
            Ok(Room { path: format!("/v1/rooms/{}", room(n)), auth })
        })
        .collect()
}

/// What one client task does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Appends and fetches on random rooms.
    Worker,
    /// Long-polls random rooms for their next bundle.
    Poller,
}

/// Everything a client task shares with the others.
#[derive(Clone)]
pub struct Shared {
    pub rooms: Arc<Vec<Room>>,
    /// The highest seq seen per busy room, so fetches and polls start near the end.
    pub latest: Arc<Vec<AtomicU64>>,
    pub bundle_bytes: usize,
    pub measure_from: Instant,
    pub until: Instant,
}

/// One client task on the relay at `addr` until the shared deadline.
pub async fn client(id: u32, role: Role, addr: SocketAddr, shared: Shared) -> anyhow::Result<Samples> {
    let Shared { rooms, latest, bundle_bytes, measure_from, until } = shared;
    let mut conn = Conn::open_retrying(addr).await?;
    let mut rng = StdRng::seed_from_u64(u64::from(id));
    let filler: Vec<u8> = (0..bundle_bytes).map(|_| rng.r#gen()).collect();
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
