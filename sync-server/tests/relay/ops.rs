//! Health, metrics, the OpenAPI document, rate limiting, and JSON for the router's own refusals.

use super::util::{Relay, req, room, token};
use axum::http::{Method, StatusCode, header};
use mend_shared::protocol::{ErrorCode, HealthResponse};
use mend_sync_server::{openapi_json, routes};
use serde_json::Value;

#[tokio::test]
async fn healthz_answers_ok() {
    let relay = Relay::new().await;
    let reply = relay.send(req(Method::GET, "/healthz").empty()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json::<HealthResponse>().status, "ok");
}

#[tokio::test]
async fn healthz_answers_unhealthy_once_the_database_writer_has_stopped() {
    let relay = Relay::new().await;
    assert!(relay.state.store().healthy().await);
    relay.state.store().close().await.unwrap();
    assert!(!relay.state.store().healthy().await);
    let reply = relay.send(req(Method::GET, "/healthz").empty()).await;
    reply.assert_error(StatusCode::SERVICE_UNAVAILABLE, "unhealthy");
    // Writes fail the same way the health check says they would.
    relay
        .create_room(&room(1), &token(1))
        .await
        .assert_error(StatusCode::SERVICE_UNAVAILABLE, "shutting_down");
}

#[tokio::test]
async fn metrics_count_requests_bundles_rooms_and_bytes() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), &[1; 100]).await;
    relay.push(&room(1), &token(1), &[2; 50]).await;
    relay.append(&room(1), &token(1), &[2; 50]).await;
    relay.list(&room(1), &token(1), "wait=1&after=2").await;
    let reply = relay.send(req(Method::GET, "/metrics").empty()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = String::from_utf8(reply.body.to_vec()).unwrap();
    for line in [
        "mend_relay_http_requests_total{method=\"PUT\",route=\"/v1/rooms/{room}/bundles/{bundle_id}\",status=\"201\"} 2",
        "mend_relay_http_requests_total{method=\"PUT\",route=\"/v1/rooms/{room}/bundles/{bundle_id}\",status=\"200\"} 1",
        "mend_relay_bundles_stored_total 2",
        "mend_relay_bundle_bytes_stored_total 150",
        "mend_relay_duplicate_bundles_total 1",
        "mend_relay_rooms 1",
        "mend_relay_stored_bytes 150",
        "mend_relay_long_polls_total 1",
        "mend_relay_long_polls_active 0",
        "# TYPE mend_relay_rooms gauge",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains(&room(1).to_string()), "metrics must not name rooms");
}

#[tokio::test]
async fn gauges_survive_a_restart() {
    let db = super::util::Db::fresh();
    {
        let state = mend_sync_server::AppState::connect(db.config()).await.unwrap();
        let token_hash = mend_sync_server::store::TokenHash::of(&token(1));
        state.store().create_room(room(1), token_hash).await.unwrap();
        state
            .store()
            .append(
                room(1),
                token_hash,
                mend_shared::protocol::BundleId::from_bytes([1; 32]),
                vec![0; 42].into(),
            )
            .await
            .unwrap();
        state.store().close().await.unwrap();
    }
    let state = mend_sync_server::AppState::connect(db.config()).await.unwrap();
    let text = state.metrics().render(&state, state.store().gauges().await.unwrap());
    assert!(
        text.contains("\nmend_relay_rooms 1\n") && text.contains("\nmend_relay_stored_bytes 42\n"),
        "{text}"
    );
}

fn document() -> Value {
    serde_json::from_str(openapi_json()).expect("the OpenAPI document is valid JSON")
}

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

/// Every documented (method, path), from the document.
fn documented() -> Vec<(String, String)> {
    let doc = document();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|k| METHODS.contains(&k.as_str())) {
            out.push((method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[test]
fn the_openapi_document_lists_exactly_the_routes_the_router_is_built_from() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut served: Vec<(String, String)> =
        routes().iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    let mut documented = documented();
    served.sort();
    documented.sort();
    assert_eq!(served, documented, "the router's table and the OpenAPI paths differ");
}

/// A concrete path for a template, with placeholder parameters.
fn concrete(path: &str) -> String {
    path.replace("{room}", "x")
        .replace("{bundle_id}", "x")
        .replace("{nameplate}", "1")
        .replace("{slot}", "a1")
}

#[tokio::test]
async fn the_live_router_serves_every_documented_operation_and_no_other_method() {
    let relay = Relay::new().await;
    let documented = documented();
    let paths: std::collections::BTreeSet<&String> = documented.iter().map(|(_, p)| p).collect();
    for path in paths {
        let methods: Vec<&str> =
            documented.iter().filter(|(_, p)| p == path).map(|(m, _)| m.as_str()).collect();
        for method in METHODS.map(str::to_uppercase) {
            let reply = relay.send(req(method.parse().unwrap(), &concrete(path)).empty()).await;
            // Every GET also answers HEAD, as HTTP requires; HEAD answers carry no body to read a code from.
            let head = method == "HEAD";
            let served = methods.contains(&method.as_str()) || (head && methods.contains(&"GET"));
            if served && head {
                assert_ne!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            } else if served {
                let code = (!reply.status.is_success())
                    .then(|| reply.json::<mend_shared::protocol::ErrorBody>().error);
                assert!(
                    !matches!(code.as_deref(), Some("not_found" | "method_not_allowed")),
                    "{method} {path} is documented but answered {code:?}"
                );
            } else {
                assert_eq!(
                    reply.status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is served but not documented"
                );
                if !head {
                    reply.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
                }
                let allow = reply.headers[header::ALLOW].to_str().unwrap();
                for m in &methods {
                    assert!(allow.contains(m), "{method} {path}: Allow {allow:?} lacks {m}");
                }
            }
        }
    }
}

#[test]
fn every_operation_documents_405_and_every_store_operation_documents_503() {
    let doc = document();
    for (method, path) in documented() {
        let responses = &doc["paths"][&path][method.to_lowercase()]["responses"];
        assert!(responses["405"].is_object(), "{method} {path} does not document 405");
        let touches_the_store = path.starts_with("/v1/rooms") || path == "/healthz";
        if touches_the_store {
            assert!(responses["503"].is_object(), "{method} {path} does not document 503");
        }
    }
}

#[test]
fn the_openapi_document_lists_every_error_code() {
    let doc = document();
    let documented: Vec<&str> = doc["components"]["schemas"]["Error"]["properties"]["error"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for code in ErrorCode::ALL {
        assert!(documented.contains(&code.as_str()), "{code} is not documented");
    }
    assert_eq!(documented.len(), ErrorCode::ALL.len());
}

#[tokio::test]
async fn the_relay_serves_its_openapi_document_and_every_route_in_it() {
    let relay = Relay::new().await;
    let reply = relay.send(req(Method::GET, "/v1/openapi.json").empty()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(reply.body, openapi_json());
    // Every route answers as a route (not the 404/405 fallbacks), even with placeholder parameters.
    for (method, path) in routes() {
        let reply = relay.send(req(method.clone(), &concrete(path)).empty()).await;
        if !reply.status.is_success() {
            let body: mend_shared::protocol::ErrorBody = reply.json();
            assert!(
                !["not_found", "method_not_allowed"].contains(&body.error.as_str()),
                "{method} {path}: {}",
                body.error
            );
        }
    }
}

#[tokio::test]
async fn rate_limited_clients_get_429_with_retry_after() {
    let relay = Relay::with(|c| {
        c.rate_per_second = 1;
        c.rate_burst = 2;
    })
    .await;
    for _ in 0..2 {
        assert_eq!(relay.send(req(Method::POST, "/v1/pairing").empty()).await.status, StatusCode::CREATED);
    }
    let refused = relay.send(req(Method::POST, "/v1/pairing").empty()).await;
    refused.assert_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(refused.headers[header::RETRY_AFTER], "1");
    // Operations endpoints are not limited.
    assert_eq!(relay.send(req(Method::GET, "/healthz").empty()).await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1050)).await;
    assert_eq!(relay.send(req(Method::POST, "/v1/pairing").empty()).await.status, StatusCode::CREATED);
    assert!(
        relay
            .send(req(Method::GET, "/metrics").empty())
            .await
            .body
            .windows(31)
            .any(|w| w == b"mend_relay_rate_limited_total 1")
    );
}

/// A log sink shared with the test.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn access_logs_name_the_route_and_a_room_tag_but_never_the_room_id_or_token() {
    use sha2::{Digest, Sha256};
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Other tests' threads may have had spans ruled out while no subscriber was set; ask again.
    tracing::callsite::rebuild_interest_cache();

    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"sealed").await;
    relay.list(&room(1), &token(1), "after=0&limit=5").await;
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let tag = hex::encode(&Sha256::digest(room(1).to_string().as_bytes())[..4]);
    assert!(text.contains(&format!("room={tag}")), "{text}");
    assert!(text.contains("route=/v1/rooms/{room}/bundles/{bundle_id}"), "{text}");
    assert!(!text.contains(&room(1).to_string()), "a room id was logged:\n{text}");
    assert!(!text.contains(&token(1).to_string()), "a token was logged:\n{text}");
    assert!(!text.contains("after=0"), "a query string was logged:\n{text}");
}
