//! The binary's limits on slow and heavy clients: the relay-wide upload budget, the body timeout
//! and the header timeout, over raw sockets.

use super::raw_http::{RawConn, head, request};
use super::util::{Db, RelayProcess, token};
use mend_shared::protocol::MAX_BUNDLE_BYTES;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const R: &str = "abababababababababababababababababababababababababababababababab";
const OCTETS: (&str, &str) = ("Content-Type", "application/octet-stream");

fn create_room(addr: SocketAddr) {
    let auth = token(1).authorization();
    assert_eq!(request(addr, "PUT", &format!("/v1/rooms/{R}"), &[("Authorization", &auth)], b"").status, 201);
}

/// A gauge from `/metrics`.
pub fn metric(addr: SocketAddr, name: &str) -> u64 {
    let reply = request(addr, "GET", "/metrics", &[], b"");
    let text = String::from_utf8(reply.body).unwrap();
    let line =
        text.lines().find(|l| l.split(' ').next() == Some(name)).unwrap_or_else(|| panic!("no {name}"));
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

/// Wait until `name` reads `value`.
pub fn wait_for_metric(addr: SocketAddr, name: &str, value: u64) {
    let started = Instant::now();
    while metric(addr, name) != value {
        assert!(started.elapsed() < Duration::from_secs(10), "{name} never reached {value}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Start an upload of a body of `declared` bytes (or chunked, when `None`), sending only its first bytes.
pub fn stalled_upload(addr: SocketAddr, bundle: &str, declared: Option<usize>) -> RawConn {
    let auth = token(1).authorization();
    let length = declared.map(|n| n.to_string());
    let mut headers = vec![("Authorization", auth.as_str()), OCTETS];
    match &length {
        Some(n) => headers.push(("Content-Length", n)),
        None => headers.push(("Transfer-Encoding", "chunked")),
    }
    let mut conn = RawConn::open(addr);
    let mut bytes = head("PUT", &format!("/v1/rooms/{R}/bundles/{bundle}"), &headers).into_bytes();
    bytes.extend_from_slice(if declared.is_some() { &[5; 10] } else { b"a\r\n0123456789\r\n" });
    conn.send(&bytes).unwrap();
    conn
}

#[test]
fn the_binary_answers_busy_while_the_upload_budget_is_held() {
    let db = Db::fresh();
    // The smallest budget the relay allows: one bundle's worth.
    let relay =
        RelayProcess::start(&db, &["--max-upload-bytes-in-flight", "0", "--max-snapshot-bytes", "4096"]);
    let addr = relay.addr();
    create_room(addr);
    // Bytes count as they arrive: an upload that sent all but a few bytes of the budget holds them.
    let mut slow = stalled_upload(addr, &"01".repeat(32), None);
    let rest = MAX_BUNDLE_BYTES - 14;
    slow.send(&chunk(&vec![9; rest])).unwrap();
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", (MAX_BUNDLE_BYTES - 4) as u64);

    let auth = token(1).authorization();
    let small = |id: &str| {
        request(
            addr,
            "PUT",
            &format!("/v1/rooms/{R}/bundles/{id}"),
            &[("Authorization", &auth), OCTETS],
            b"small",
        )
    };
    let busy = small(&"02".repeat(32));
    busy.assert_error(503, "busy");
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(db.counts(), [1, 0, 0, 0]);

    slow.send(b"4\r\nabcd\r\n0\r\n\r\n").unwrap();
    assert_eq!(slow.reply().status, 201);
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 0);
    assert_eq!(small(&"02".repeat(32)).status, 201);
}

/// One chunk of a chunked body.
pub fn chunk(bytes: &[u8]) -> Vec<u8> {
    let mut framed = format!("{:x}\r\n", bytes.len()).into_bytes();
    framed.extend_from_slice(bytes);
    framed.extend_from_slice(b"\r\n");
    framed
}

#[test]
fn the_binary_answers_408_to_a_body_that_stalls_and_closes_stalled_headers() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &["--request-timeout-secs", "1"]);
    let addr = relay.addr();
    create_room(addr);

    let started = Instant::now();
    let mut stalled = stalled_upload(addr, &"01".repeat(32), Some(1000));
    stalled.reply().assert_error(408, "request_timeout");
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 0);
    assert_eq!(db.counts(), [1, 0, 0, 0]);

    // Headers that never finish: the connection is closed, nothing is answered.
    let mut half = RawConn::open(addr);
    half.send(format!("PUT /v1/rooms/{R} HTTP/1.1\r\nHost: relay.test\r\n").as_bytes()).unwrap();
    assert!(half.closed_within(Duration::from_secs(4)), "a connection with unfinished headers stayed open");
    // The relay still serves everyone else.
    assert_eq!(request(addr, "GET", "/healthz", &[], b"").status, 200);
}
