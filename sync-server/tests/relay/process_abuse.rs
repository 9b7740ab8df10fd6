//! Abuse from outside, against the real binary: slow or heavy uploads from one client or into one
//! room, one client taking every pairing code, idle sockets by the hundred, a SIGTERM at the first
//! moment, requests hyper itself refuses, and rooms nobody uses any more. Other clients are other
//! loopback addresses (127.0.0.0/8).

use super::process_limits::{chunk, metric, wait_for_metric};
use super::raw_http::{RawConn, RawReply, head, request, request_from};
use super::util::{Db, RelayProcess, token};
use mend_shared::protocol::{Nameplate, NameplateResponse};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

const OCTETS: (&str, &str) = ("Content-Type", "application/octet-stream");

fn client(a: u8, b: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, a, b))
}

/// Room `n`'s id in a path.
fn room(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

fn bundle_id(n: u32) -> String {
    format!("{n:08x}").repeat(8)
}

fn create_room(addr: SocketAddr, n: u8) {
    let auth = token(n).authorization();
    let created = request(addr, "PUT", &format!("/v1/rooms/{}", room(n)), &[("Authorization", &auth)], b"");
    assert_eq!(created.status, 201);
}

/// A chunked bundle upload from `from` into room `n`, of which only `sent` bytes arrive for now.
fn stalled_upload(from: IpAddr, addr: SocketAddr, n: u8, id: u32, sent: &[u8]) -> RawConn {
    let auth = token(n).authorization();
    let headers = [("Authorization", auth.as_str()), OCTETS, ("Transfer-Encoding", "chunked")];
    let mut conn = RawConn::open_from(from, addr);
    let mut bytes =
        head("PUT", &format!("/v1/rooms/{}/bundles/{}", room(n), bundle_id(id)), &headers).into_bytes();
    bytes.extend(chunk(sent));
    conn.send(&bytes).unwrap();
    conn
}

/// A whole bundle upload from `from` into room `n`.
fn upload(from: IpAddr, addr: SocketAddr, n: u8, id: u32, body: &[u8]) -> RawReply {
    let auth = token(n).authorization();
    let target = format!("/v1/rooms/{}/bundles/{}", room(n), bundle_id(id));
    request_from(from, addr, "PUT", &target, &[("Authorization", &auth), OCTETS], body)
}

#[test]
fn slow_uploads_from_one_client_leave_the_upload_budget_to_everyone_else() {
    let db = Db::fresh();
    // 4 MiB for all uploads, a bundle's worth (1 MiB) per client and per room, 2,000 bytes/s at least.
    let flags = [
        "--max-upload-bytes-in-flight",
        "4194304",
        "--max-upload-bytes-per-client",
        "0",
        "--max-snapshot-bytes",
        "4096",
    ];
    let more = [
        "--max-upload-bytes-per-room",
        "0",
        "--min-upload-bytes-per-sec",
        "2000",
        "--request-timeout-secs",
        "6",
    ];
    let relay = RelayProcess::start(&db, &[&flags[..], &more[..]].concat());
    let addr = relay.addr();
    let (attacker, phone) = (client(0, 2), client(0, 3));
    for n in [1, 2] {
        create_room(addr, n);
    }
    // Dozens of uploads that trickle in: each holds only the bytes it sent (a chunked body used to
    // hold a whole bundle's worth, so four of them filled this relay).
    let mut trickles: Vec<RawConn> =
        (0..32).map(|i| stalled_upload(attacker, addr, 1, i, &[1; 10])).collect();
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 320);
    assert_eq!(upload(phone, addr, 2, 1000, &[2; 1000]).status, 201, "another client's bundle");

    // Real bytes count against the attacker's own share, not everyone's.
    let mut heavy = stalled_upload(attacker, addr, 1, 100, &vec![3; (1 << 20) - 1000]);
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", (1 << 20) - 680);
    let refused = upload(attacker, addr, 1, 101, &[4; 2000]);
    let body = refused.assert_error(503, "busy");
    assert!(body.message.contains("from your address"), "{}", body.message);
    assert_eq!(upload(phone, addr, 2, 1001, &[5; 2000]).status, 201, "another client's bundle, again");

    // A body that stalls is cut off at the minimum rate, long before the request timeout.
    let started = Instant::now();
    for trickle in &mut trickles {
        let body = trickle.reply().assert_error(408, "request_timeout");
        assert!(body.message.contains("slower than 2000 bytes per second"), "{}", body.message);
    }
    assert!(started.elapsed() < Duration::from_secs(5), "the trickles held on for {:?}", started.elapsed());
    heavy.reply().assert_error(408, "request_timeout");
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 0);
    assert_eq!(db.counts(), [2, 2, 2, 0], "only the other client's two bundles were stored");
}

#[test]
fn uploads_into_one_room_cannot_take_the_budget_of_other_rooms() {
    let db = Db::fresh();
    let relay = RelayProcess::start(
        &db,
        &[
            "--max-upload-bytes-in-flight",
            "8388608",
            "--max-upload-bytes-per-room",
            "0",
            "--max-snapshot-bytes",
            "4096",
            "--request-timeout-secs",
            "5",
        ],
    );
    let addr = relay.addr();
    for n in [1, 2] {
        create_room(addr, n);
    }
    // Two clients fill room 1's share (a bundle's worth); a third is refused there, not elsewhere.
    let _first = stalled_upload(client(0, 4), addr, 1, 1, &vec![6; 600 << 10]);
    let _second = stalled_upload(client(0, 5), addr, 1, 2, &vec![7; 400 << 10]);
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 1000 << 10);
    let refused = upload(client(0, 6), addr, 1, 3, &[8; 100 << 10]);
    let body = refused.assert_error(503, "busy");
    assert!(body.message.contains("into this room"), "{}", body.message);
    assert_eq!(upload(client(0, 6), addr, 2, 4, &[9; 100 << 10]).status, 201, "another room's bundle");
}

#[test]
fn one_client_cannot_take_every_pairing_code() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &["--max-nameplates-per-client", "3"]);
    let addr = relay.addr();
    let allocate = |from: IpAddr| request_from(from, addr, "POST", "/v1/pairing", &[], b"");
    let hog = client(0, 2);
    let held: Vec<Nameplate> = (0..3)
        .map(|_| {
            let reply = allocate(hog);
            assert_eq!(reply.status, 201);
            serde_json::from_slice::<NameplateResponse>(&reply.body).unwrap().nameplate
        })
        .collect();
    let refused = allocate(hog);
    let body = refused.assert_error(429, "rate_limited");
    assert!(body.message.contains("3 open pairing codes"), "{}", body.message);
    assert!(refused.header("retry-after").is_some());
    assert_eq!(allocate(client(0, 3)).status, 201, "everyone else still pairs");
    // Closing one of its codes gives the client its place back.
    assert_eq!(request_from(hog, addr, "DELETE", &format!("/v1/pairing/{}", held[0]), &[], b"").status, 204);
    assert_eq!(allocate(hog).status, 201);
    assert_eq!(metric(addr, "mend_relay_pairing_nameplates_open"), 4);
}

/// Sort `conns` into how many were answered 503 `busy` (and closed) and those still open and silent.
fn sort_out(conns: Vec<RawConn>) -> (usize, Vec<RawConn>) {
    // Refusals are answered at once; give the relay a moment to reach the last connection.
    std::thread::sleep(Duration::from_millis(500));
    let mut refused = 0;
    let mut open = Vec::new();
    for mut conn in conns {
        match conn.reply_within(Duration::from_millis(1)) {
            Some(reply) => {
                reply.assert_error(503, "busy");
                assert_eq!(reply.header("retry-after"), Some("1"));
                refused += 1;
            }
            None => open.push(conn),
        }
    }
    (refused, open)
}

fn open_files(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().count()
}

#[test]
fn idle_sockets_cannot_exhaust_the_relay_and_healthz_keeps_answering() {
    let db = Db::fresh();
    // 160 file descriptors: the relay keeps 80 for its files and database, 80 for connections.
    let relay = RelayProcess::start_with_fd_limit(&db, 160, &["--max-connections-per-client", "16"]);
    let addr = relay.addr();
    // One client opening sockets and sending nothing keeps only its share of 16.
    let (refused, mut hog) = sort_out((0..100).map(|_| RawConn::open_from(client(0, 2), addr)).collect());
    assert_eq!((refused, hog.len()), (84, 16));
    let health = request_from(client(0, 3), addr, "GET", "/healthz", &[], b"");
    assert_eq!(health.status, 200);

    // Many clients at once: at the relay-wide cap the connections idle the longest make room.
    let crowd = (0..120).map(|i| RawConn::open_from(client(1, i as u8 + 1), addr)).collect();
    let (refused, _crowd) = sort_out(crowd);
    assert_eq!(refused, 0, "nobody new is turned away while idle ones can go");
    assert_eq!(request_from(client(0, 4), addr, "GET", "/healthz", &[], b"").status, 200);
    let closed = hog.iter_mut().map(|c| c.closed_within(Duration::from_secs(2))).filter(|&gone| gone).count();
    assert_eq!(closed, 16, "the longest-idle connections were closed first");
    assert!(open_files(relay.pid()) <= 160, "{} files open", open_files(relay.pid()));
    assert!(metric(addr, "mend_relay_rooms") == 0, "the relay still answers its metrics");
}

#[test]
fn a_sigterm_right_after_the_listening_line_stops_the_relay_cleanly() {
    for _ in 0..5 {
        let db = Db::fresh();
        let mut relay = RelayProcess::start(&db, &[]);
        // As a supervisor might, the moment the relay says it is listening.
        relay.send_sigterm();
        let status = relay.wait_exit(Duration::from_secs(20)).expect("the relay exits");
        assert!(status.success(), "exit status {status} (killed by the signal instead of stopping)");
    }
}

#[test]
fn requests_hyper_refuses_get_json_errors_like_every_other_error() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &[]);
    let addr = relay.addr();
    let many_headers: String = (0..150).map(|i| format!("X-H{i}: v\r\n")).collect();
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "a header without a colon",
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n".to_vec(),
            400,
            "malformed",
        ),
        (
            "a control byte in a header",
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nX: a\x01b\r\n\r\n".to_vec(),
            400,
            "malformed",
        ),
        ("no request line", b"BLAH\r\n\r\n".to_vec(), 400, "malformed"),
        (
            "too many headers",
            format!("GET /healthz HTTP/1.1\r\nHost: x\r\n{many_headers}\r\n").into_bytes(),
            431,
            "too many",
        ),
        (
            "an over-long URI",
            format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(70_000)).into_bytes(),
            414,
            "too long",
        ),
    ];
    let counts = db.counts();
    for (what, raw, status, says) in cases {
        let mut conn = RawConn::open(addr);
        let _ = conn.send(&raw);
        let reply = conn.reply();
        let body = reply.assert_error(status, "bad_request");
        assert!(body.message.contains(says), "{what}: {}", body.message);
    }
    assert_eq!(db.counts(), counts);
    assert_eq!(request(addr, "GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn rooms_nobody_uses_expire_while_rooms_in_use_stay() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &["--room-idle-expiry-secs", "3"]);
    let addr = relay.addr();
    for n in [1, 2, 3] {
        create_room(addr, n);
        assert_eq!(upload(client(0, 1), addr, n, u32::from(n), b"sealed").status, 201);
    }
    let list = |n: u8, query: &str| {
        let auth = token(n).authorization();
        request(
            addr,
            "GET",
            &format!("/v1/rooms/{}/bundles?{query}", room(n)),
            &[("Authorization", &auth)],
            b"",
        )
    };
    // Room 1 is read now and then, room 2 long-polled, room 3 left alone.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(7) {
        assert_eq!(list(1, "after=0").status, 200);
        assert_eq!(list(2, "after=1&wait=1").status, 200);
    }
    list(3, "after=0").assert_error(401, "unauthorized");
    assert_eq!(db.counts(), [2, 2, 2, 0], "the idle room went with everything in it");
    assert_eq!(metric(addr, "mend_relay_rooms_expired_total"), 1);
    assert_eq!(metric(addr, "mend_relay_rooms"), 2);
}
