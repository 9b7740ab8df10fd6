//! Health, metrics, the OpenAPI document, rate limiting, and JSON for the router's own refusals.

use crate::util::{Relay, req, room, token};
use axum::http::{Method, StatusCode, header};
use mend_shared::protocol::{ErrorCode, HealthResponse};
use mend_sync_server::{ROUTES, openapi_json};
use serde_json::Value;

#[tokio::test]
async fn healthz_answers_ok() {
    let relay = Relay::new();
    let reply = relay.send(req(Method::GET, "/healthz").empty()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json::<HealthResponse>().status, "ok");
}

#[tokio::test]
async fn metrics_count_requests_bundles_rooms_and_bytes() {
    let relay = Relay::new();
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
    let dir = tempfile::tempdir().unwrap();
    {
        let state = mend_sync_server::AppState::open(crate::util::config(dir.path())).unwrap();
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
    let state = mend_sync_server::AppState::open(crate::util::config(dir.path())).unwrap();
    let text = state.metrics().render(&state);
    assert!(
        text.contains("\nmend_relay_rooms 1\n") && text.contains("\nmend_relay_stored_bytes 42\n"),
        "{text}"
    );
}

fn document() -> Value {
    serde_json::from_str(openapi_json()).expect("the OpenAPI document is valid JSON")
}

#[test]
fn the_openapi_document_lists_exactly_the_served_routes() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in ROUTES {
        let operation =
            &paths.get(*path).unwrap_or_else(|| panic!("{path} is not documented"))[method.to_lowercase()];
        assert!(operation.is_object(), "{method} {path} is not documented");
        assert!(operation["responses"].is_object(), "{method} {path} documents no responses");
    }
    let methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys().filter(|k| methods.contains(&k.as_str())) {
            assert!(
                ROUTES.iter().any(|(m, p)| p == path && m.eq_ignore_ascii_case(method)),
                "{method} {path} is documented but not served"
            );
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
    let relay = Relay::new();
    let reply = relay.send(req(Method::GET, "/v1/openapi.json").empty()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(reply.body, openapi_json());
    // Every route answers as a route (not the 404/405 fallbacks), even with placeholder parameters.
    for (method, path) in ROUTES {
        let uri = path
            .replace("{room}", "x")
            .replace("{bundle_id}", "x")
            .replace("{nameplate}", "1")
            .replace("{slot}", "a1");
        let reply = relay.send(req(method.parse().unwrap(), &uri).empty()).await;
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

#[tokio::test(start_paused = true)]
async fn rate_limited_clients_get_429_with_retry_after() {
    let relay = Relay::with(|c| {
        c.rate_per_second = 1;
        c.rate_burst = 2;
    });
    for _ in 0..2 {
        assert_eq!(relay.send(req(Method::POST, "/v1/pairing").empty()).await.status, StatusCode::CREATED);
    }
    let refused = relay.send(req(Method::POST, "/v1/pairing").empty()).await;
    refused.assert_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(refused.headers[header::RETRY_AFTER], "1");
    // Operations endpoints are not limited.
    assert_eq!(relay.send(req(Method::GET, "/healthz").empty()).await.status, StatusCode::OK);
    tokio::time::advance(std::time::Duration::from_secs(1)).await;
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
