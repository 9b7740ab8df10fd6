//! The bad-input suite against the real binary, over raw sockets so nothing tidies the requests
//! first: dot segments, encoded dots and double slashes, chunked oversized bodies, wrong content
//! types, bad ids on every room route, bad cursors, tokens, an expired nameplate and the rate
//! limit with rate limiting on. Each gets its status and JSON error, and nothing is stored.

use super::raw_http::{RawConn, chunked, head, request};
use super::util::{Db, RelayProcess, token};
use mend_shared::protocol::{MAX_BUNDLE_BYTES, NameplateResponse};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const R: &str = "abababababababababababababababababababababababababababababababab";
const B: &str = "0909090909090909090909090909090909090909090909090909090909090909";
const OCTETS: (&str, &str) = ("Content-Type", "application/octet-stream");

fn auth() -> String {
    token(1).authorization()
}

/// A relay binary holding room R (token 1) with two bundles.
fn relay_with_a_room(extra: &[&str]) -> (Db, RelayProcess) {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, extra);
    let addr = relay.addr();
    let a = auth();
    assert_eq!(request(addr, "PUT", &format!("/v1/rooms/{R}"), &[("Authorization", &a)], b"").status, 201);
    for (id, body) in [(B, &b"first"[..]), (&"0a".repeat(32), &b"second"[..])] {
        let reply = request(
            addr,
            "PUT",
            &format!("/v1/rooms/{R}/bundles/{id}"),
            &[("Authorization", &a), OCTETS],
            body,
        );
        assert_eq!(reply.status, 201, "{}", String::from_utf8_lossy(&reply.body));
    }
    (db, relay)
}

struct Case {
    what: String,
    method: &'static str,
    target: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    status: u16,
    code: &'static str,
}

fn case(
    what: impl Into<String>,
    method: &'static str,
    target: impl Into<String>,
    status: u16,
    code: &'static str,
) -> Case {
    Case {
        what: what.into(),
        method,
        target: target.into(),
        headers: Vec::new(),
        body: Vec::new(),
        status,
        code,
    }
}

impl Case {
    fn bearer(mut self) -> Case {
        self.headers.push(("Authorization", auth()));
        self
    }

    fn header(mut self, name: &'static str, value: &str) -> Case {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn sealed(self, body: &[u8]) -> Case {
        let mut case = self.header(OCTETS.0, OCTETS.1);
        case.body = body.to_vec();
        case
    }
}

/// Run every case on a fresh connection, checking the answer and that the database did not change.
fn run(addr: SocketAddr, db: &Db, cases: Vec<Case>) {
    let counts = db.counts();
    for Case { what, method, target, headers, body, status, code } in cases {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let reply = request(addr, method, &target, &headers, &body);
        assert_eq!(reply.status, status, "{what}: {}", String::from_utf8_lossy(&reply.body));
        let error = reply.assert_error(status, code);
        assert!(!error.message.contains(&token(1).to_string()), "{what}: a token leaked into a message");
        assert_eq!(db.counts(), counts, "{what}: something was stored");
    }
}

/// Room ids that must be refused, as they appear in a path.
fn bad_room_ids() -> Vec<(&'static str, String)> {
    vec![
        ("short", "abc".to_owned()),
        ("uppercase", R.to_uppercase()),
        ("65 digits", format!("{R}0")),
        ("dot-dot", "..".to_owned()),
        ("encoded dot-dot", "%2e%2e".to_owned()),
        ("encoded uppercase dot-dot", "%2E%2E".to_owned()),
        ("encoded slash", format!("{}%2F{}", &R[..32], &R[33..])),
        ("NUL", format!("{}%00", &R[..63])),
        ("space", format!("{}%20", &R[..63])),
    ]
}

#[test]
fn the_binary_refuses_bad_room_ids_on_every_room_route() {
    let (db, relay) = relay_with_a_room(&[]);
    let mut cases = Vec::new();
    for (what, id) in bad_room_ids() {
        let code = "bad_room_id";
        cases.push(case(format!("create, {what}"), "PUT", format!("/v1/rooms/{id}"), 400, code).bearer());
        cases.push(case(format!("delete, {what}"), "DELETE", format!("/v1/rooms/{id}"), 400, code).bearer());
        cases.push(
            case(format!("list, {what}"), "GET", format!("/v1/rooms/{id}/bundles"), 400, code).bearer(),
        );
        cases.push(
            case(format!("append, {what}"), "PUT", format!("/v1/rooms/{id}/bundles/{B}"), 400, code)
                .bearer()
                .sealed(b"sealed"),
        );
        cases.push(
            case(format!("snapshot get, {what}"), "GET", format!("/v1/rooms/{id}/snapshot"), 400, code)
                .bearer(),
        );
        cases.push(
            case(format!("snapshot put, {what}"), "PUT", format!("/v1/rooms/{id}/snapshot"), 400, code)
                .bearer()
                .header("Mend-Snapshot-Seq", "1")
                .sealed(b"snap"),
        );
    }
    run(relay.addr(), &db, cases);
}

#[test]
fn the_binary_does_not_resolve_dot_segments_or_double_slashes() {
    let (db, relay) = relay_with_a_room(&[]);
    let cases = vec![
        case("dot-dot out of rooms", "GET", "/v1/rooms/../x", 404, "not_found"),
        case("dot-dot to healthz", "GET", "/v1/rooms/../../healthz", 404, "not_found"),
        case(
            "dot-dot in a room's bundles",
            "GET",
            format!("/v1/rooms/{R}/bundles/../../{R}"),
            404,
            "not_found",
        )
        .bearer(),
        case("absolute form with dot-dot", "GET", "http://relay.test/v1/rooms/../healthz", 404, "not_found"),
        case("dot-dot as the room", "PUT", format!("/v1/rooms/../bundles/{B}"), 400, "bad_room_id")
            .bearer()
            .sealed(b"x"),
        case("encoded dots as the room", "PUT", format!("/v1/rooms/%2e%2e/bundles/{B}"), 400, "bad_room_id")
            .bearer()
            .sealed(b"x"),
        case(
            "encoded traversal as the bundle",
            "PUT",
            format!("/v1/rooms/{R}/bundles/..%2F..%2Fhealthz"),
            400,
            "bad_bundle_id",
        )
        .bearer()
        .sealed(b"x"),
        case("leading double slash", "GET", format!("//v1/rooms/{R}/bundles"), 404, "not_found").bearer(),
        case("double slash after v1", "GET", format!("/v1//rooms/{R}/bundles"), 404, "not_found").bearer(),
        case("double slash before bundles", "GET", format!("/v1/rooms/{R}//bundles"), 404, "not_found")
            .bearer(),
        case("empty room segment", "GET", "/v1/rooms//bundles", 400, "bad_room_id").bearer(),
        case("trailing slash", "PUT", format!("/v1/rooms/{R}/bundles/{B}/"), 404, "not_found")
            .bearer()
            .sealed(b"x"),
        case("unknown route", "GET", "/v2/rooms", 404, "not_found"),
        case("wrong method", "POST", format!("/v1/rooms/{R}"), 405, "method_not_allowed").bearer(),
    ];
    run(relay.addr(), &db, cases);
}

#[test]
fn the_binary_refuses_bad_bodies_cursors_and_tokens() {
    let (db, relay) = relay_with_a_room(&["--max-snapshot-bytes", "4096"]);
    let append = format!("/v1/rooms/{R}/bundles/{B}");
    let list = |query: &str| {
        case(format!("list ?{query}"), "GET", format!("/v1/rooms/{R}/bundles?{query}"), 400, "")
    };
    let mut cases = vec![
        case("JSON body", "PUT", &append, 415, "unsupported_media_type")
            .bearer()
            .header("Content-Type", "application/json"),
        case("text body", "PUT", &append, 415, "unsupported_media_type")
            .bearer()
            .header("Content-Type", "text/plain"),
        case("no content type", "PUT", &append, 415, "unsupported_media_type").bearer(),
        case("multipart", "PUT", &append, 415, "unsupported_media_type")
            .bearer()
            .header("Content-Type", "multipart/form-data; boundary=x"),
        case("snapshot as JSON", "PUT", format!("/v1/rooms/{R}/snapshot"), 415, "unsupported_media_type")
            .bearer()
            .header("Mend-Snapshot-Seq", "1")
            .header("Content-Type", "application/json"),
        case("empty bundle", "PUT", &append, 400, "empty_body").bearer().sealed(b""),
        case("bundle one byte too large", "PUT", &append, 413, "payload_too_large")
            .bearer()
            .sealed(&vec![7; MAX_BUNDLE_BYTES + 1]),
        case("snapshot over its limit", "PUT", format!("/v1/rooms/{R}/snapshot"), 413, "payload_too_large")
            .bearer()
            .header("Mend-Snapshot-Seq", "1")
            .sealed(&[1; 4097]),
        case("no token", "PUT", &append, 401, "unauthorized").sealed(b"x"),
        case("wrong token", "PUT", &append, 401, "unauthorized")
            .header("Authorization", &token(2).authorization())
            .sealed(b"x"),
        case("bearer without token", "GET", format!("/v1/rooms/{R}/bundles"), 401, "unauthorized")
            .header("Authorization", "Bearer"),
        case("basic auth", "DELETE", format!("/v1/rooms/{R}"), 401, "unauthorized")
            .header("Authorization", "Basic dXNlcjpwYXNz"),
    ];
    for (query, code) in [
        ("after=-1", "bad_cursor"),
        ("after=abc", "bad_cursor"),
        ("after=1.5", "bad_cursor"),
        ("after=", "bad_cursor"),
        ("after=%2B1", "bad_cursor"),
        ("after=99999999999999999999999", "bad_cursor"),
        ("limit=0", "bad_limit"),
        ("limit=1001", "bad_limit"),
        ("wait=31", "bad_wait"),
        ("afterr=1", "bad_query"),
        ("after=1&after=0", "bad_query"),
    ] {
        let mut c = list(query).bearer();
        c.code = code;
        cases.push(c);
    }
    run(relay.addr(), &db, cases);
}

#[test]
fn the_binary_refuses_an_oversized_chunked_body_without_storing_it() {
    let (db, relay) = relay_with_a_room(&["--max-snapshot-bytes", "4096"]);
    let counts = db.counts();
    let a = auth();
    let send_chunked = |target: &str, extra: &[(&str, &str)], body: &[u8]| {
        let mut headers = vec![("Authorization", a.as_str()), OCTETS, ("Transfer-Encoding", "chunked")];
        headers.extend_from_slice(extra);
        let mut conn = RawConn::open(relay.addr());
        let mut bytes = head("PUT", target, &headers).into_bytes();
        bytes.extend(chunked(body, 64 * 1024));
        // The relay answers as soon as the limit is passed, possibly before reading the rest.
        let _ = conn.send(&bytes);
        conn.reply()
    };
    send_chunked(&format!("/v1/rooms/{R}/bundles/{B}"), &[], &vec![1; MAX_BUNDLE_BYTES + 1])
        .assert_error(413, "payload_too_large");
    send_chunked(&format!("/v1/rooms/{R}/snapshot"), &[("Mend-Snapshot-Seq", "1")], &[2; 4097])
        .assert_error(413, "payload_too_large");
    assert_eq!(db.counts(), counts);
    // A chunked body within the limit is fine.
    let fresh = "0b".repeat(32);
    let reply = send_chunked(&format!("/v1/rooms/{R}/bundles/{fresh}"), &[], &[3; 200_000]);
    assert_eq!(reply.status, 201, "{}", String::from_utf8_lossy(&reply.body));
}

#[test]
fn the_binary_answers_a_wrong_token_before_reading_a_declared_body() {
    let (db, relay) = relay_with_a_room(&[]);
    let mut conn = RawConn::open(relay.addr());
    let wrong = token(2).authorization();
    let declared = MAX_BUNDLE_BYTES.to_string();
    let headers = [("Authorization", wrong.as_str()), OCTETS, ("Content-Length", declared.as_str())];
    // Headers only: the body never comes, yet the answer does.
    conn.send(head("PUT", &format!("/v1/rooms/{R}/bundles/{B}"), &headers).as_bytes()).unwrap();
    let started = Instant::now();
    conn.reply().assert_error(401, "unauthorized");
    assert!(started.elapsed() < Duration::from_secs(5), "the relay waited for the body");
    assert_eq!(db.counts()[1], 2);
}

#[test]
fn the_binary_refuses_an_expired_nameplate_like_an_unknown_one() {
    let db = Db::fresh();
    let relay = RelayProcess::start(&db, &["--nameplate-ttl-secs", "1"]);
    let addr = relay.addr();
    let allocated = request(addr, "POST", "/v1/pairing", &[], b"");
    assert_eq!(allocated.status, 201);
    let nameplate: NameplateResponse = serde_json::from_slice(&allocated.body).unwrap();
    assert_eq!(nameplate.expires_in, 1);
    let n = nameplate.nameplate;
    assert_eq!(request(addr, "PUT", &format!("/v1/pairing/{n}/a1"), &[OCTETS], b"spake").status, 201);
    std::thread::sleep(Duration::from_millis(1300));
    let started = Instant::now();
    request(addr, "GET", &format!("/v1/pairing/{n}/a1"), &[], b"").assert_error(404, "unknown_nameplate");
    request(addr, "GET", &format!("/v1/pairing/{n}/b1?wait=10"), &[], b"")
        .assert_error(404, "unknown_nameplate");
    request(addr, "PUT", &format!("/v1/pairing/{n}/b1"), &[OCTETS], b"late")
        .assert_error(404, "unknown_nameplate");
    request(addr, "DELETE", &format!("/v1/pairing/{n}"), &[], b"").assert_error(404, "unknown_nameplate");
    assert!(started.elapsed() < Duration::from_secs(5), "a read on an expired nameplate waited");
}

#[test]
fn the_binary_rate_limits_each_client_with_json_and_retry_after() {
    let db = Db::fresh();
    let relay = RelayProcess::start_rate_limited(&db, 1, 3, &[]);
    let addr = relay.addr();
    let a = auth();
    assert_eq!(request(addr, "PUT", &format!("/v1/rooms/{R}"), &[("Authorization", &a)], b"").status, 201);
    for _ in 0..2 {
        assert_eq!(request(addr, "POST", "/v1/pairing", &[], b"").status, 201);
    }
    let counts = db.counts();
    let refused =
        request(addr, "PUT", &format!("/v1/rooms/{R}/bundles/{B}"), &[("Authorization", &a), OCTETS], b"x");
    refused.assert_error(429, "rate_limited");
    let retry: u64 = refused.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=2).contains(&retry), "Retry-After {retry}");
    assert_eq!(db.counts(), counts, "a refused upload stored something");
    request(addr, "POST", "/v1/pairing", &[], b"").assert_error(429, "rate_limited");
    // Operations endpoints and the API document are not limited.
    for path in ["/healthz", "/metrics", "/v1/openapi.json"] {
        assert_eq!(request(addr, "GET", path, &[], b"").status, 200, "{path}");
    }
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(request(addr, "POST", "/v1/pairing", &[], b"").status, 201);
}
