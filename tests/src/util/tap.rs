//! A TCP link between a phone and the relay that counts bytes and breaks on purpose: it can cut a
//! response after the relay has answered (the relay committed, the phone never heard), act
//! offline, or drop requests that start a certain way (one endpoint failing). Everything else
//! passes through untouched, so the phone speaks real HTTP to the relay.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the link does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TapMode {
    /// Pass everything through.
    Pass,
    /// Let the next request reach the relay, wait for its answer, deliver only `after_bytes`
    /// bytes of it, then close the connection. Goes back to [`TapMode::Pass`] afterwards.
    CutNextResponse {
        /// Bytes of the answer the phone still receives.
        after_bytes: usize,
    },
    /// Refuse and drop every connection, as if the phone were offline.
    Offline,
}

#[derive(Debug)]
struct Shared {
    mode: Mutex<TapMode>,
    drop_prefix: Mutex<Option<Vec<u8>>>,
    up: AtomicU64,
    down: AtomicU64,
    requests: AtomicU64,
}

/// A running link on 127.0.0.1.
#[derive(Debug, Clone)]
pub struct Tap {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Tap {
    /// Start a link to `upstream` on a free loopback port.
    pub async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind tap");
        let addr = listener.local_addr().expect("tap addr");
        let shared = Arc::new(Shared {
            mode: Mutex::new(TapMode::Pass),
            drop_prefix: Mutex::new(None),
            up: AtomicU64::new(0),
            down: AtomicU64::new(0),
            requests: AtomicU64::new(0),
        });
        let s = shared.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    if *s.mode.lock().unwrap() == TapMode::Offline {
                        return; // dropping the socket refuses the phone
                    }
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        relay_connection(client, server, s).await;
                    }
                });
            }
        });
        Self { addr, shared }
    }

    /// The URL a phone should use to reach the relay through this link.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Set what the link does next.
    pub fn set(&self, mode: TapMode) {
        *self.shared.mode.lock().unwrap() = mode;
    }

    /// Drop (close the connection on) every request whose first bytes are `prefix`, e.g.
    /// `"PUT /v1/rooms/"`; `None` lets everything through again.
    pub fn drop_requests_starting_with(&self, prefix: Option<&str>) {
        *self.shared.drop_prefix.lock().unwrap() = prefix.map(|p| p.as_bytes().to_vec());
    }

    /// Bytes sent phone → relay and relay → phone so far.
    pub fn bytes(&self) -> (u64, u64) {
        (self.shared.up.load(Ordering::SeqCst), self.shared.down.load(Ordering::SeqCst))
    }

    /// Requests seen so far (counted per chunk of request bytes that starts an HTTP request line).
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Reset the byte and request counters.
    pub fn reset_counters(&self) {
        self.shared.up.store(0, Ordering::SeqCst);
        self.shared.down.store(0, Ordering::SeqCst);
        self.shared.requests.store(0, Ordering::SeqCst);
    }
}

async fn relay_connection(client: TcpStream, server: TcpStream, s: Arc<Shared>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let up = {
        let s = s.clone();
        async move {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match client_read.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                if [&b"GET "[..], b"PUT ", b"POST", b"DELE", b"HEAD"].iter().any(|m| buf[..n].starts_with(m))
                {
                    s.requests.fetch_add(1, Ordering::SeqCst);
                }
                let dropped = s.drop_prefix.lock().unwrap().as_ref().is_some_and(|p| buf[..n].starts_with(p));
                if dropped {
                    break;
                }
                s.up.fetch_add(n as u64, Ordering::SeqCst);
                if server_write.write_all(&buf[..n]).await.is_err() {
                    break;
                }
            }
            let _ = server_write.shutdown().await;
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match server_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mode = {
                let mut m = s.mode.lock().unwrap();
                let now = *m;
                if let TapMode::CutNextResponse { .. } = now {
                    *m = TapMode::Pass;
                }
                now
            };
            match mode {
                TapMode::CutNextResponse { after_bytes } => {
                    let keep = after_bytes.min(n);
                    let _ = client_write.write_all(&buf[..keep]).await;
                    s.down.fetch_add(keep as u64, Ordering::SeqCst);
                    break;
                }
                TapMode::Offline => break,
                TapMode::Pass => {
                    s.down.fetch_add(n as u64, Ordering::SeqCst);
                    if client_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
        let _ = client_write.shutdown().await;
    };
    // When the answer side ends (cut or closed), the whole connection ends with it.
    tokio::select! {
        _ = down => {}
        _ = async { up.await; std::future::pending::<()>().await } => {}
    }
}
