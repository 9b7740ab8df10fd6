//! Serving connections: HTTP/1.1 with a header-read timeout, the client's address for the rate
//! limiter, and a graceful shutdown with a deadline — requests in flight may finish, and whatever
//! is still open when the deadline passes is dropped.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How long to wait before accepting again after the listener failed (say, out of file descriptors).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(200);

/// How the connections are served.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeouts {
    /// A request's headers must arrive within this (idle keep-alive connections close after it too).
    pub(crate) headers: Duration,
    /// After the shutdown signal, connections still open after this are dropped.
    pub(crate) shutdown: Duration,
}

/// Accept and serve connections until `shutdown` resolves; then stop accepting, call `stopping`
/// (which releases long-polls), let each connection finish its request in flight and close, and
/// drop those still open after the deadline.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
    stopping: impl FnOnce(),
) {
    let (stop, stopped) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(connection(stream, peer, router.clone(), timeouts.headers, stopped.clone()));
                }
                Err(error) => {
                    tracing::warn!(%error, "accepting a connection failed");
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
    stop.send_replace(true);
    let finished =
        tokio::time::timeout(timeouts.shutdown, async { while connections.join_next().await.is_some() {} })
            .await;
    if finished.is_err() {
        let open = connections.len();
        tracing::warn!(open, deadline = ?timeouts.shutdown, "shutdown deadline passed; dropping the open connections");
        connections.shutdown().await;
    }
}

/// Serve one connection until the client closes it, or until shutdown and its request in flight is answered.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    header_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    // Small answers go out at once instead of waiting for more to send.
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(req.map(Body::new))
    });
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
    let stop = async move {
        // A dropped sender means the server is gone: stop as well.
        let _ = stopped.wait_for(|&stop| stop).await;
    };
    let result = tokio::select! {
        result = conn.as_mut() => result,
        () = stop => {
            // Finish the request in flight (an idle connection closes at once), then close.
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    if let Err(error) = result {
        // Clients that hang up or time out are routine; nothing here is worth more than debug.
        tracing::debug!(%error, %peer, "connection ended with an error");
    }
}
