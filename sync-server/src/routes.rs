//! The HTTP surface: which handler answers which path, with body limits, rate limiting, metrics,
//! tracing, and our JSON error shape for everything axum itself refuses.

mod bundles;
mod ops;
mod pairing;
mod rooms;
mod snapshot;

pub(crate) use ops::OPENAPI_JSON;

use crate::error::json_errors;
use crate::extract::BodyLimit;
use crate::state::AppState;
use crate::{metrics, rate_limit};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{delete, get, post, put};
use mend_shared::protocol::{MAX_BUNDLE_BYTES, MAX_PAIRING_MESSAGE_BYTES};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Every (method, path template) the relay serves; the OpenAPI document must list each one.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/metrics"),
    ("GET", "/v1/openapi.json"),
    ("PUT", "/v1/rooms/{room}"),
    ("DELETE", "/v1/rooms/{room}"),
    ("PUT", "/v1/rooms/{room}/bundles/{bundle_id}"),
    ("GET", "/v1/rooms/{room}/bundles"),
    ("PUT", "/v1/rooms/{room}/snapshot"),
    ("GET", "/v1/rooms/{room}/snapshot"),
    ("POST", "/v1/pairing"),
    ("PUT", "/v1/pairing/{nameplate}/{slot}"),
    ("GET", "/v1/pairing/{nameplate}/{slot}"),
    ("DELETE", "/v1/pairing/{nameplate}"),
];

/// axum's body limit plus a note of it for our error message.
fn body_limit(bytes: usize) -> (DefaultBodyLimit, Extension<BodyLimit>) {
    (DefaultBodyLimit::max(bytes), Extension(BodyLimit(bytes)))
}

/// The relay's router with all its layers.
pub fn router(state: AppState) -> Router {
    let snapshot_limit = state.config().max_snapshot_bytes;
    let api = Router::new()
        .route("/v1/rooms/{room}", put(rooms::create).delete(rooms::delete))
        .route(
            "/v1/rooms/{room}/bundles/{bundle_id}",
            put(bundles::append).layer(body_limit(MAX_BUNDLE_BYTES)),
        )
        .route("/v1/rooms/{room}/bundles", get(bundles::list))
        .route(
            "/v1/rooms/{room}/snapshot",
            put(snapshot::put).get(snapshot::get).layer(body_limit(snapshot_limit)),
        )
        .route("/v1/pairing", post(pairing::allocate))
        .route(
            "/v1/pairing/{nameplate}/{slot}",
            put(pairing::write).get(pairing::read).layer(body_limit(MAX_PAIRING_MESSAGE_BYTES)),
        )
        .route("/v1/pairing/{nameplate}", delete(pairing::close))
        .route_layer(from_fn_with_state(state.clone(), rate_limit::limit));
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/v1/openapi.json", get(ops::openapi))
        .merge(api)
        .fallback(ops::not_found)
        // After every route is added: it is set on the routes that exist.
        .method_not_allowed_fallback(ops::method_not_allowed)
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(from_fn(json_errors))
        .with_state(state)
}
