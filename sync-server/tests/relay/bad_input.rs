//! The bad-input suite: each malformed request gets the right status and JSON error, and stores nothing.

use super::util::{Relay, Reply, req, room, sealed, token};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use mend_shared::protocol::{
    MAX_BUNDLE_BYTES, MAX_PAIRING_MESSAGE_BYTES, Nameplate, NameplateResponse, PairingSlot,
};

const R: &str = "abababababababababababababababababababababababababababababababab";
const B: &str = "0909090909090909090909090909090909090909090909090909090909090909";

struct Case {
    what: &'static str,
    request: Request<Body>,
    status: StatusCode,
    code: &'static str,
}

fn case(what: &'static str, request: Request<Body>, status: StatusCode, code: &'static str) -> Case {
    Case { what, request, status, code }
}

fn append_to(path: &str) -> Request<Body> {
    req(Method::PUT, path).bearer(&token(1)).sealed(b"sealed".to_vec())
}

fn list(query: &str) -> Request<Body> {
    req(Method::GET, &format!("/v1/rooms/{R}/bundles?{query}")).bearer(&token(1)).empty()
}

fn with_auth(value: &str) -> Request<Body> {
    req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}"))
        .header("authorization", value)
        .sealed(b"sealed".to_vec())
}

fn room_cases() -> Vec<Case> {
    use StatusCode as S;
    let long = "a".repeat(10_000);
    let upper = R.to_uppercase();
    vec![
        // Bodies and content types.
        case(
            "JSON instead of bytes",
            req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}"))
                .bearer(&token(1))
                .header("content-type", "application/json")
                .body(br#"{"not": json"#.to_vec()),
            S::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        case(
            "no content type",
            req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}"))
                .bearer(&token(1))
                .body(b"sealed".to_vec()),
            S::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        case(
            "text content type",
            req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}"))
                .bearer(&token(1))
                .header("content-type", "text/plain")
                .body(b"sealed".to_vec()),
            S::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        case(
            "bundle one byte too large",
            req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}")).bearer(&token(1)).sealed(vec![
                7;
                MAX_BUNDLE_BYTES
                    + 1
            ]),
            S::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        case(
            "empty bundle",
            req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}")).bearer(&token(1)).sealed(Vec::new()),
            S::BAD_REQUEST,
            "empty_body",
        ),
        case(
            "snapshot over its limit",
            req(Method::PUT, &format!("/v1/rooms/{R}/snapshot"))
                .bearer(&token(1))
                .header("mend-snapshot-seq", "1")
                .sealed(vec![1; 4097]),
            S::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        case(
            "snapshot as JSON",
            req(Method::PUT, &format!("/v1/rooms/{R}/snapshot"))
                .bearer(&token(1))
                .header("mend-snapshot-seq", "1")
                .header("content-type", "application/json")
                .body(b"{}".to_vec()),
            S::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        case(
            "snapshot seq not a number",
            req(Method::PUT, &format!("/v1/rooms/{R}/snapshot"))
                .bearer(&token(1))
                .header("mend-snapshot-seq", "two")
                .sealed(b"x".to_vec()),
            S::BAD_REQUEST,
            "bad_snapshot_seq",
        ),
        case(
            "snapshot seq negative",
            req(Method::PUT, &format!("/v1/rooms/{R}/snapshot"))
                .bearer(&token(1))
                .header("mend-snapshot-seq", "-1")
                .sealed(b"x".to_vec()),
            S::BAD_REQUEST,
            "bad_snapshot_seq",
        ),
        case(
            "snapshot seq empty",
            req(Method::PUT, &format!("/v1/rooms/{R}/snapshot"))
                .bearer(&token(1))
                .header("mend-snapshot-seq", "")
                .sealed(b"x".to_vec()),
            S::BAD_REQUEST,
            "bad_snapshot_seq",
        ),
        // Room and bundle ids, and path tricks.
        case(
            "short room id",
            append_to(&format!("/v1/rooms/abc/bundles/{B}")),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case(
            "uppercase room id",
            append_to(&format!("/v1/rooms/{upper}/bundles/{B}")),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case(
            "65-digit room id",
            append_to(&format!("/v1/rooms/{R}0/bundles/{B}")),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case(
            "10k-char room id",
            append_to(&format!("/v1/rooms/{long}/bundles/{B}")),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case("dot-dot room", append_to(&format!("/v1/rooms/../bundles/{B}")), S::BAD_REQUEST, "bad_room_id"),
        case(
            "encoded dot-dot room",
            append_to(&format!("/v1/rooms/%2e%2e/bundles/{B}")),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case(
            "encoded slash in room",
            append_to(&format!("/v1/rooms/{}%2F{}/bundles/{B}", &R[..32], &R[33..])),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case(
            "NUL in room",
            append_to(&format!("/v1/rooms/{}%00/bundles/{B}", &R[..63])),
            S::BAD_REQUEST,
            "bad_room_id",
        ),
        case(
            "invalid UTF-8 in room",
            append_to(&format!("/v1/rooms/%FF{}/bundles/{B}", &R[..63])),
            S::BAD_REQUEST,
            "bad_path",
        ),
        case(
            "short bundle id",
            append_to(&format!("/v1/rooms/{R}/bundles/09")),
            S::BAD_REQUEST,
            "bad_bundle_id",
        ),
        case(
            "non-hex bundle id",
            append_to(&format!("/v1/rooms/{R}/bundles/{}", "zz".repeat(32))),
            S::BAD_REQUEST,
            "bad_bundle_id",
        ),
        case(
            "over-long bundle id",
            append_to(&format!("/v1/rooms/{R}/bundles/{B}{B}")),
            S::BAD_REQUEST,
            "bad_bundle_id",
        ),
        case(
            "encoded traversal bundle id",
            append_to(&format!("/v1/rooms/{R}/bundles/..%2F..%2Fhealthz")),
            S::BAD_REQUEST,
            "bad_bundle_id",
        ),
        case(
            "raw traversal out of the room",
            append_to(&format!("/v1/rooms/{R}/bundles/../../{R}")),
            S::NOT_FOUND,
            "not_found",
        ),
        case("trailing slash", append_to(&format!("/v1/rooms/{R}/bundles/{B}/")), S::NOT_FOUND, "not_found"),
        // Cursors, limits, waits and other query parameters.
        case("negative cursor", list("after=-1"), S::BAD_REQUEST, "bad_cursor"),
        case("word cursor", list("after=abc"), S::BAD_REQUEST, "bad_cursor"),
        case("fractional cursor", list("after=1.5"), S::BAD_REQUEST, "bad_cursor"),
        case("empty cursor", list("after="), S::BAD_REQUEST, "bad_cursor"),
        case("plus-signed cursor", list("after=%2B1"), S::BAD_REQUEST, "bad_cursor"),
        case("overflowing cursor", list("after=99999999999999999999999"), S::BAD_REQUEST, "bad_cursor"),
        case("zero limit", list("limit=0"), S::BAD_REQUEST, "bad_limit"),
        case("limit over 1000", list("limit=1001"), S::BAD_REQUEST, "bad_limit"),
        case("negative limit", list("limit=-5"), S::BAD_REQUEST, "bad_limit"),
        case("huge limit", list("limit=18446744073709551616"), S::BAD_REQUEST, "bad_limit"),
        case("wait over 30", list("wait=31"), S::BAD_REQUEST, "bad_wait"),
        case("negative wait", list("wait=-1"), S::BAD_REQUEST, "bad_wait"),
        case("fractional wait", list("wait=0.5"), S::BAD_REQUEST, "bad_wait"),
        case("unknown parameter", list("afterr=1"), S::BAD_REQUEST, "bad_query"),
        case("repeated parameter", list("after=1&after=0"), S::BAD_REQUEST, "bad_query"),
        // Tokens.
        case(
            "no token",
            req(Method::PUT, &format!("/v1/rooms/{R}/bundles/{B}")).sealed(b"sealed".to_vec()),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        case("bearer without token", with_auth("Bearer"), S::UNAUTHORIZED, "unauthorized"),
        case("basic auth", with_auth("Basic dXNlcjpwYXNz"), S::UNAUTHORIZED, "unauthorized"),
        case(
            "uppercase token",
            with_auth(&format!("Bearer {}", token(1).to_string().to_uppercase())),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        case(
            "63-digit token",
            with_auth(&format!("Bearer {}", &token(1).to_string()[1..])),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        case("wrong token append", with_auth(&token(2).authorization()), S::UNAUTHORIZED, "unauthorized"),
        case(
            "wrong token list",
            req(Method::GET, &format!("/v1/rooms/{R}/bundles")).bearer(&token(2)).empty(),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        case(
            "wrong token snapshot",
            req(Method::PUT, &format!("/v1/rooms/{R}/snapshot"))
                .bearer(&token(2))
                .header("mend-snapshot-seq", "1")
                .sealed(b"x".to_vec()),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        case(
            "wrong token delete",
            req(Method::DELETE, &format!("/v1/rooms/{R}")).bearer(&token(2)).empty(),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        case(
            "no token create",
            req(Method::PUT, &format!("/v1/rooms/{}", room(3))).empty(),
            S::UNAUTHORIZED,
            "unauthorized",
        ),
        // Routing.
        case("unknown route", req(Method::GET, "/v2/rooms").empty(), S::NOT_FOUND, "not_found"),
        case(
            "wrong method",
            req(Method::POST, &format!("/v1/rooms/{R}")).bearer(&token(1)).empty(),
            S::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        case(
            "patch bundles",
            req(Method::PATCH, &format!("/v1/rooms/{R}/bundles")).bearer(&token(1)).empty(),
            S::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ]
}

#[tokio::test]
async fn bad_room_requests_get_json_errors_and_store_nothing() {
    let relay = Relay::with(|c| c.max_snapshot_bytes = 4096).await;
    relay.create_room(&room(0xab), &token(1)).await;
    relay.push(&room(0xab), &token(1), &sealed(1, 10)).await;
    relay.push(&room(0xab), &token(1), &sealed(2, 10)).await;
    let counts = relay.table_counts();
    let page = relay.list(&room(0xab), &token(1), "").await.page();

    for Case { what, request, status, code } in room_cases() {
        let reply = relay.send(request).await;
        assert_eq!(reply.status, status, "{what}: {}", String::from_utf8_lossy(&reply.body));
        let body = reply.assert_error(status, code);
        assert!(!body.message.contains(&token(1).to_string()), "{what}: a token leaked into a message");
        assert_eq!(relay.table_counts(), counts, "{what}: something was stored");
    }
    assert_eq!(relay.list(&room(0xab), &token(1), "").await.page(), page);
    relay.get_snapshot(&room(0xab), &token(1)).await.assert_error(StatusCode::NOT_FOUND, "no_snapshot");
}

#[tokio::test]
async fn bad_pairing_requests_get_json_errors_and_change_no_slot() {
    use StatusCode as S;
    let relay = Relay::new().await;
    let reply = relay.send(req(Method::POST, "/v1/pairing").empty()).await;
    let n = reply.json::<NameplateResponse>().nameplate;
    relay.send(req(Method::PUT, &format!("/v1/pairing/{n}/a1")).sealed(b"kept".to_vec())).await;
    let closed =
        relay.send(req(Method::POST, "/v1/pairing").empty()).await.json::<NameplateResponse>().nameplate;
    relay.send(req(Method::DELETE, &format!("/v1/pairing/{closed}")).empty()).await;
    // A number nobody holds: not the open one, not the closed one.
    let unknown = (1..=9999).filter_map(|i| Nameplate::new(i).ok()).find(|&m| m != n && m != closed).unwrap();

    let put = |path: String, bytes: Vec<u8>| req(Method::PUT, &path).sealed(bytes);
    let get = |path: String| req(Method::GET, &path).empty();
    let cases = vec![
        case(
            "nameplate zero",
            put("/v1/pairing/0/b1".into(), b"m".to_vec()),
            S::BAD_REQUEST,
            "bad_nameplate",
        ),
        case(
            "nameplate too big",
            put("/v1/pairing/10000/b1".into(), b"m".to_vec()),
            S::BAD_REQUEST,
            "bad_nameplate",
        ),
        case(
            "nameplate with leading zero",
            get(format!("/v1/pairing/0{n}/a1")),
            S::BAD_REQUEST,
            "bad_nameplate",
        ),
        case("nameplate word", get("/v1/pairing/seven/a1".into()), S::BAD_REQUEST, "bad_nameplate"),
        case("dot-dot nameplate", get("/v1/pairing/../a1".into()), S::BAD_REQUEST, "bad_nameplate"),
        case("unknown slot", put(format!("/v1/pairing/{n}/c1"), b"m".to_vec()), S::BAD_REQUEST, "bad_slot"),
        case("uppercase slot", get(format!("/v1/pairing/{n}/A1")), S::BAD_REQUEST, "bad_slot"),
        case("encoded slash slot", get(format!("/v1/pairing/{n}/a1%2F..")), S::BAD_REQUEST, "bad_slot"),
        case(
            "message too large",
            put(format!("/v1/pairing/{n}/b1"), vec![1; MAX_PAIRING_MESSAGE_BYTES + 1]),
            S::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        case("empty message", put(format!("/v1/pairing/{n}/b1"), Vec::new()), S::BAD_REQUEST, "empty_body"),
        case(
            "message as JSON",
            req(Method::PUT, &format!("/v1/pairing/{n}/b1"))
                .header("content-type", "application/json")
                .body(b"{\"a\":".to_vec()),
            S::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        case(
            "second write",
            put(format!("/v1/pairing/{n}/a1"), b"overwrite".to_vec()),
            S::CONFLICT,
            "slot_taken",
        ),
        case("wait over 30", get(format!("/v1/pairing/{n}/b1?wait=31")), S::BAD_REQUEST, "bad_wait"),
        case("wait word", get(format!("/v1/pairing/{n}/b1?wait=soon")), S::BAD_REQUEST, "bad_wait"),
        case("unknown parameter", get(format!("/v1/pairing/{n}/b1?after=1")), S::BAD_REQUEST, "bad_query"),
        case(
            "unknown nameplate",
            put(format!("/v1/pairing/{unknown}/b1"), b"m".to_vec()),
            S::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "reused nameplate write",
            put(format!("/v1/pairing/{closed}/a1"), b"m".to_vec()),
            S::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "reused nameplate read",
            get(format!("/v1/pairing/{closed}/a1?wait=5")),
            S::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "reused nameplate close",
            req(Method::DELETE, &format!("/v1/pairing/{closed}")).empty(),
            S::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "post to a slot",
            req(Method::POST, &format!("/v1/pairing/{n}/a1")).empty(),
            S::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ];
    for Case { what, request, status, code } in cases {
        let reply: Reply = relay.send(request).await;
        assert_eq!(reply.status, status, "{what}: {}", String::from_utf8_lossy(&reply.body));
        reply.assert_error(status, code);
    }
    let a1 = relay.send(req(Method::GET, &format!("/v1/pairing/{n}/a1")).empty()).await;
    assert_eq!(a1.body, "kept");
    for slot in [PairingSlot::B1, PairingSlot::A2, PairingSlot::B2] {
        let reply = relay.send(req(Method::GET, &format!("/v1/pairing/{n}/{slot}")).empty()).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{slot} was written");
    }
}

#[tokio::test]
async fn bad_room_ids_are_refused_on_every_room_route() {
    let relay = Relay::new().await;
    relay.create_room(&room(0xab), &token(1)).await;
    relay.push(&room(0xab), &token(1), &sealed(1, 10)).await;
    let counts = relay.table_counts();
    let bad_ids = [
        ("short", "abc".to_owned()),
        ("uppercase", R.to_uppercase()),
        ("65 digits", format!("{R}0")),
        ("10k characters", "a".repeat(10_000)),
        ("dot-dot", "..".to_owned()),
        ("encoded dot-dot", "%2e%2e".to_owned()),
        ("encoded slash", format!("{}%2F{}", &R[..32], &R[33..])),
        ("NUL", format!("{}%00", &R[..63])),
    ];
    for (what, id) in bad_ids {
        let requests = [
            ("create", req(Method::PUT, &format!("/v1/rooms/{id}")).bearer(&token(1)).empty()),
            ("delete", req(Method::DELETE, &format!("/v1/rooms/{id}")).bearer(&token(1)).empty()),
            ("list", req(Method::GET, &format!("/v1/rooms/{id}/bundles")).bearer(&token(1)).empty()),
            ("append", append_to(&format!("/v1/rooms/{id}/bundles/{B}"))),
            ("snapshot get", req(Method::GET, &format!("/v1/rooms/{id}/snapshot")).bearer(&token(1)).empty()),
            (
                "snapshot put",
                req(Method::PUT, &format!("/v1/rooms/{id}/snapshot"))
                    .bearer(&token(1))
                    .header("mend-snapshot-seq", "1")
                    .sealed(b"snap".to_vec()),
            ),
        ];
        for (route, request) in requests {
            let reply = relay.send(request).await;
            assert_eq!(
                reply.status,
                StatusCode::BAD_REQUEST,
                "{route}, {what}: {}",
                String::from_utf8_lossy(&reply.body)
            );
            reply.assert_error(StatusCode::BAD_REQUEST, "bad_room_id");
            assert_eq!(relay.table_counts(), counts, "{route}, {what}: something was stored");
        }
    }
}

#[tokio::test]
async fn an_expired_nameplate_is_refused_like_an_unknown_one_and_changes_nothing() {
    // Real time on every backend (PostgreSQL keeps the clock), so a short lifetime.
    let relay = Relay::with(|c| c.nameplate_ttl = std::time::Duration::from_secs(1)).await;
    let n = relay.send(req(Method::POST, "/v1/pairing").empty()).await.json::<NameplateResponse>().nameplate;
    relay.send(req(Method::PUT, &format!("/v1/pairing/{n}/a1")).sealed(b"kept".to_vec())).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let cases = vec![
        case(
            "read",
            req(Method::GET, &format!("/v1/pairing/{n}/a1")).empty(),
            StatusCode::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "long-poll",
            req(Method::GET, &format!("/v1/pairing/{n}/b1?wait=30")).empty(),
            StatusCode::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "write",
            req(Method::PUT, &format!("/v1/pairing/{n}/b1")).sealed(b"late".to_vec()),
            StatusCode::NOT_FOUND,
            "unknown_nameplate",
        ),
        case(
            "close",
            req(Method::DELETE, &format!("/v1/pairing/{n}")).empty(),
            StatusCode::NOT_FOUND,
            "unknown_nameplate",
        ),
    ];
    for Case { what, request, status, code } in cases {
        let body = relay.send(request).await.assert_error(status, code);
        assert!(body.message.contains("expired"), "{what}: {}", body.message);
    }
    let open = relay.state.store().gauges().await.unwrap().nameplates_open;
    assert_eq!(open, 0, "the expired mailbox is gone, message and all");
}
