//! Serving connections: HTTP/1.1 (our own loop, [`http1`]) with a header-read timeout, the client's
//! address for the per-client limits, caps on open connections (per client and in all), and a
//! graceful shutdown with a deadline — requests in flight may finish, and whatever is
//! still open when the deadline passes is dropped.

mod connections;
mod http1;

use crate::client::Client;
use crate::error::error_response_bytes;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::response::Response;
use connections::{Admitted, Connections, Control, Refused};
use mend_shared::protocol::ErrorCode;
use pin_project_lite::pin_project;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How long to wait before accepting again after the listener failed (say, out of file descriptors).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(200);

/// How long a turned-away connection gets to take its answer before it is closed.
const REFUSAL_WITHIN: Duration = Duration::from_secs(1);

/// How the connections are served.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// A request's headers must arrive within this (idle keep-alive connections close after it too).
    pub(crate) headers: Duration,
    /// After the shutdown signal, connections still open after this are dropped.
    pub(crate) shutdown: Duration,
    /// Most connections open at once (0: from the file-descriptor limit, less `reserve`).
    pub(crate) max_connections: usize,
    /// File descriptors kept for other uses than connections.
    pub(crate) reserve: usize,
    /// Most connections per peer address (0 = no cap).
    pub(crate) per_client: usize,
}

/// Accept and serve connections until `shutdown` resolves; then stop accepting, call `stopping`
/// (which releases long-polls), let each connection finish its request in flight and close, and
/// drop those still open after the deadline.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
    stopping: impl FnOnce(),
) {
    let cap = match limits.max_connections {
        0 => connections::default_cap(limits.reserve),
        n => n,
    };
    let registry = Connections::new(limits.per_client, cap);
    tracing::info!(max_connections = registry.cap(), per_client = limits.per_client, "accepting connections");
    let mut connections = JoinSet::new();
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => match registry.admit(Client::of_ip(peer.ip())) {
                    Ok(admitted) => {
                        let served = connection(stream, peer, router.clone(), limits.headers, admitted);
                        connections.spawn(served);
                    }
                    Err(refused) => {
                        connections.spawn(turn_away(stream, refused));
                    }
                },
                Err(error) => {
                    tracing::warn!(%error, open = registry.open(), "accepting a connection failed");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                }
            },
            // Reap finished connections so the set stays as small as the number open.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    tracing::info!(open = connections.len(), "shutting down: releasing long-polls, finishing requests");
    stopping();
    registry.close_all();
    let finished =
        tokio::time::timeout(limits.shutdown, async { while connections.join_next().await.is_some() {} })
            .await;
    if finished.is_err() {
        let open = connections.len();
        tracing::warn!(open, deadline = ?limits.shutdown, "shutdown deadline passed; dropping the open connections");
        connections.shutdown().await;
    }
}

/// Answer a connection the relay has no room for with a JSON 503, then close it.
async fn turn_away(mut stream: TcpStream, refused: Refused) {
    let message = match refused {
        Refused::Client => "too many connections from your address are open; close one or retry shortly",
        Refused::Full => "the relay has no room for another connection right now; retry shortly",
    };
    let answer = error_response_bytes(503, ErrorCode::Busy, message);
    if tokio::time::timeout(REFUSAL_WITHIN, stream.write_all(&answer)).await.is_ok() {
        http1::linger(stream).await;
    }
}

/// Serve one connection until the client closes it, until shutdown and its request in flight is
/// answered, or until the relay needs its place while it is idle.
///
/// This future lives as long as the connection, through every long-poll on it: what it holds is
/// memory per waiting phone (see [`http1`]).
#[expect(clippy::manual_async_fn, reason = "an async fn keeps a second copy of its arguments")]
fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    header_timeout: Duration,
    admitted: Admitted,
) -> impl Future<Output = ()> {
    // An `async` block, not an `async fn`, which would keep a second copy of each argument.
    async move {
        // Small answers go out at once instead of waiting for more to send.
        let _ = stream.set_nodelay(true);
        let result = {
            let control = &admitted.control;
            let answer = |mut request: Request<Body>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                control.start();
                Answering { answered: router.clone().oneshot(request), control }
            };
            // Rung to make room for another connection, or because the relay stops.
            let stop = pin!(control.close.notified());
            http1::serve(stream, answer, header_timeout, stop).await
        };
        drop(admitted);
        if let Err(error) = result {
            // Clients that hang up, time out or send what cannot be read are routine: debug at most.
            tracing::debug!(%error, %peer, "connection ended with an error");
        }
    }
}

pin_project! {
    /// A request's answer from the router, telling the registry when it is ready. (A struct, not an
    /// async block, which would hold the router's future twice while a long-poll waits: once as
    /// the value it captured, once as the future it awaits.)
    struct Answering<'a, F> {
        #[pin]
        answered: F,
        control: &'a Control,
    }
}

impl<F: Future<Output = Result<Response, Infallible>>> Future for Answering<'_, F> {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        let this = self.project();
        let response = ready!(this.answered.poll(cx)).unwrap_or_else(|never| match never {});
        this.control.finish();
        Poll::Ready(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::state::AppState;

    /// Every waiting phone holds one connection future for as long as its long-poll waits, so its
    /// size is memory per phone (2.8 KiB before the connection loop was laid out for it, 0.9 KiB
    /// after). A big value kept across an `await` in the loop shows up here first.
    #[tokio::test]
    async fn a_connection_future_stays_within_its_memory_budget() {
        const BUDGET_BYTES: usize = 1000;
        let dir = tempfile::tempdir().unwrap();
        let state =
            AppState::open(Config { db_path: dir.path().join("relay.db"), ..Config::default() }).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let _client = TcpStream::connect(listener.local_addr().unwrap()).await.unwrap();
        let (stream, peer) = listener.accept().await.unwrap();
        let admitted = Connections::new(0, 1).admit(Client::of_ip(peer.ip())).unwrap();
        let served = connection(stream, peer, crate::routes::router(state), Duration::from_secs(1), admitted);
        let size = std::mem::size_of_val(&served);
        assert!(
            size <= BUDGET_BYTES,
            "a connection's future is {size} bytes, over its budget of {BUDGET_BYTES}"
        );
    }
}
