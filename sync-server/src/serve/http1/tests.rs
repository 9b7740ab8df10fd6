//! The connection loop over real loopback sockets: keep-alive and pipelining, bodies read only
//! when asked for, `100 Continue`, a hang-up ending a waiting request, and stopping.

use super::serve;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot};

/// A server on loopback answering each connection with `answer`, stopped when `stop` is notified.
async fn server<A, F>(answer: A, stop: Arc<Notify>) -> std::net::SocketAddr
where
    A: Fn(Request<Body>) -> F + Clone + Send + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (answer, stop) = (answer.clone(), Arc::clone(&stop));
            tokio::spawn(async move {
                let stopped = pin!(async move { stop.notified().await });
                let _ = serve(stream, answer, Duration::from_secs(2), stopped).await;
            });
        }
    });
    addr
}

/// Answers with the method, path and body it read.
async fn echo(request: Request<Body>) -> Response {
    let line = format!("{} {} ", request.method(), request.uri().path());
    let body = request.into_body().collect().await.map(|b| b.to_bytes());
    match body {
        Ok(bytes) => Response::new(Body::from([line.as_bytes(), &bytes].concat())),
        Err(error) => Response::builder().status(400).body(Body::from(error.to_string())).unwrap(),
    }
}

/// Everything the server sends until it closes (or `within` passes).
async fn read_all(stream: &mut TcpStream, within: Duration) -> String {
    let mut out = Vec::new();
    let _ = tokio::time::timeout(within, stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

/// Read until `needle` has arrived.
async fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    let mut out = Vec::new();
    let mut chunk = [0u8; 1024];
    while !String::from_utf8_lossy(&out).contains(needle) {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk)).await.unwrap().unwrap();
        assert!(n > 0, "closed before {needle:?}: {}", String::from_utf8_lossy(&out));
        out.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn pipelined_requests_are_answered_in_order_on_one_connection() {
    let addr = server(echo, Arc::new(Notify::new())).await;
    let mut client = TcpStream::connect(addr).await.unwrap();
    let pipelined = "PUT /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nonePUT /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\
                     3\r\ntwo\r\n0\r\n\r\nGET /c HTTP/1.1\r\nConnection: close\r\n\r\n";
    client.write_all(pipelined.as_bytes()).await.unwrap();
    let wire = read_all(&mut client, Duration::from_secs(5)).await;
    let bodies: Vec<&str> =
        wire.split("\r\n\r\n").skip(1).map(|b| b.split("HTTP/1.1").next().unwrap()).collect();
    assert_eq!(bodies, ["PUT /a one", "PUT /b two", "GET /c "], "{wire}");
    assert!(wire.ends_with("GET /c "), "closed after the request that asked to: {wire}");
    assert_eq!(wire.matches("connection: close").count(), 1);
}

#[tokio::test]
async fn a_body_is_only_read_when_the_handler_asks_and_continue_is_sent_then() {
    let read = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&read);
    let answer = move |request: Request<Body>| {
        let seen = Arc::clone(&seen);
        async move {
            if request.uri().path() == "/refuse" {
                return Response::builder().status(401).body(Body::from("no")).unwrap();
            }
            seen.store(true, Ordering::SeqCst);
            echo(request).await
        }
    };
    let addr = server(answer, Arc::new(Notify::new())).await;

    // Refused before the body: no 100 Continue, and the connection closes.
    let mut client = TcpStream::connect(addr).await.unwrap();
    let head = "PUT /refuse HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";
    client.write_all(head.as_bytes()).await.unwrap();
    let wire = read_all(&mut client, Duration::from_secs(5)).await;
    assert!(wire.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{wire}");
    assert!(!wire.contains("100 Continue") && wire.contains("connection: close"), "{wire}");
    assert!(!read.load(Ordering::SeqCst));

    // Wanted: 100 Continue, then the body, then the answer.
    let mut client = TcpStream::connect(addr).await.unwrap();
    client.write_all(head.replace("/refuse", "/take").as_bytes()).await.unwrap();
    assert_eq!(read_until(&mut client, "\r\n\r\n").await, "HTTP/1.1 100 Continue\r\n\r\n");
    client.write_all(b"hello").await.unwrap();
    let wire = read_until(&mut client, "PUT /take hello").await;
    assert!(wire.starts_with("HTTP/1.1 200 OK\r\n"), "{wire}");
}

#[tokio::test]
async fn a_client_hanging_up_ends_its_waiting_request() {
    let waiting = Arc::new(AtomicUsize::new(0));
    let (dropped_tx, dropped) = oneshot::channel::<()>();
    let dropped_tx = Arc::new(std::sync::Mutex::new(Some(dropped_tx)));
    let count = Arc::clone(&waiting);
    let answer = move |_request: Request<Body>| {
        /// Says when the waiting request is dropped.
        struct OnDrop(Arc<std::sync::Mutex<Option<oneshot::Sender<()>>>>);
        impl Drop for OnDrop {
            fn drop(&mut self) {
                if let Some(tx) = self.0.lock().unwrap().take() {
                    let _ = tx.send(());
                }
            }
        }
        let guard = OnDrop(Arc::clone(&dropped_tx));
        count.fetch_add(1, Ordering::SeqCst);
        async move {
            let _guard = guard;
            std::future::pending::<Response>().await
        }
    };
    let addr = server(answer, Arc::new(Notify::new())).await;
    let mut client = TcpStream::connect(addr).await.unwrap();
    client.write_all(b"GET /v1/rooms/r/bundles?wait=60 HTTP/1.1\r\n\r\n").await.unwrap();
    while waiting.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(client);
    tokio::time::timeout(Duration::from_secs(5), dropped).await.expect("the waiting request ended").unwrap();
}

#[tokio::test]
async fn stopping_closes_idle_connections_and_lets_a_request_in_flight_finish() {
    let release = Arc::new(Notify::new());
    let held = Arc::clone(&release);
    let answer = move |_request: Request<Body>| {
        let held = Arc::clone(&held);
        async move {
            held.notified().await;
            Response::builder().status(StatusCode::OK).body(Body::from("late")).unwrap()
        }
    };
    let stop = Arc::new(Notify::new());
    let addr = server(answer, Arc::clone(&stop)).await;
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let mut busy = TcpStream::connect(addr).await.unwrap();
    busy.write_all(b"GET /slow HTTP/1.1\r\n\r\n").await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.notify_waiters();
    assert_eq!(read_all(&mut idle, Duration::from_secs(5)).await, "", "the idle connection closed");
    tokio::time::sleep(Duration::from_millis(50)).await;
    release.notify_waiters();
    let wire = read_all(&mut busy, Duration::from_secs(5)).await;
    assert!(wire.starts_with("HTTP/1.1 200 OK\r\n") && wire.ends_with("late"), "{wire}");
    assert!(wire.contains("connection: close"), "{wire}");
}

#[tokio::test]
async fn a_malformed_body_reaches_the_handler_as_an_error_and_closes_the_connection() {
    let addr = server(echo, Arc::new(Notify::new())).await;
    let mut client = TcpStream::connect(addr).await.unwrap();
    let raw = "PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n";
    client.write_all(raw.as_bytes()).await.unwrap();
    let wire = read_all(&mut client, Duration::from_secs(5)).await;
    assert!(wire.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{wire}");
    assert!(wire.contains("chunk size") && wire.contains("connection: close"), "{wire}");
    assert!(!wire.contains("/next"), "nothing after a broken body is taken for a request: {wire}");
}

#[tokio::test]
async fn an_unreadable_head_gets_json_and_a_silent_client_is_let_go() {
    let addr = server(echo, Arc::new(Notify::new())).await;
    let mut client = TcpStream::connect(addr).await.unwrap();
    client.write_all(b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n").await.unwrap();
    let wire = read_all(&mut client, Duration::from_secs(5)).await;
    assert!(wire.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{wire}");
    assert!(wire.contains(r#""error":"bad_request""#), "{wire}");

    let mut silent = TcpStream::connect(addr).await.unwrap();
    silent.write_all(b"GET / HT").await.unwrap();
    let started = tokio::time::Instant::now();
    assert_eq!(read_all(&mut silent, Duration::from_secs(10)).await, "");
    assert!(started.elapsed() < Duration::from_secs(5), "closed after the 2 s header timeout");
}
