//! The HTTP surface: one table of every endpoint (method, path, rate limit, handler) that the
//! router is built from and that the OpenAPI tests check against, plus the layers around it.

mod bundles;
mod ops;
mod pairing;
mod rooms;
mod snapshot;

pub(crate) use ops::OPENAPI_JSON;

use crate::error::json_errors;
use crate::state::AppState;
use crate::{access_log, metrics, rate_limit};
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{MethodFilter, MethodRouter, on};
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Whether the per-client rate limit applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    /// Every `/v1` endpoint that touches rooms or pairing.
    Rated,
    /// Operations endpoints and the API document.
    Free,
}

/// One served operation.
struct Endpoint {
    method: Method,
    path: &'static str,
    limit: Limit,
    handler: MethodRouter<AppState>,
}

fn endpoint<H, T>(method: Method, path: &'static str, limit: Limit, handler: H) -> Endpoint
where
    H: Handler<T, AppState>,
    T: 'static,
{
    // The table below only uses the standard methods, all of which axum can route.
    let filter = MethodFilter::try_from(method.clone()).expect("a routable method");
    Endpoint { method, path, limit, handler: on(filter, handler) }
}

/// Every endpoint. The router serves exactly these and nothing else.
fn endpoints() -> Vec<Endpoint> {
    use Limit::{Free, Rated};
    use Method as M;
    vec![
        endpoint(M::GET, "/healthz", Free, ops::healthz),
        endpoint(M::GET, "/metrics", Free, ops::metrics),
        endpoint(M::GET, "/v1/openapi.json", Free, ops::openapi),
        endpoint(M::PUT, "/v1/rooms/{room}", Rated, rooms::create),
        endpoint(M::DELETE, "/v1/rooms/{room}", Rated, rooms::delete),
        endpoint(M::PUT, "/v1/rooms/{room}/bundles/{bundle_id}", Rated, bundles::append),
        endpoint(M::GET, "/v1/rooms/{room}/bundles", Rated, bundles::list),
        endpoint(M::PUT, "/v1/rooms/{room}/snapshot", Rated, snapshot::put),
        endpoint(M::GET, "/v1/rooms/{room}/snapshot", Rated, snapshot::get),
        endpoint(M::POST, "/v1/pairing", Rated, pairing::allocate),
        endpoint(M::PUT, "/v1/pairing/{nameplate}/{slot}", Rated, pairing::write),
        endpoint(M::GET, "/v1/pairing/{nameplate}/{slot}", Rated, pairing::read),
        endpoint(M::DELETE, "/v1/pairing/{nameplate}", Rated, pairing::close),
    ]
}

/// Every (method, path template) the relay serves, from the table the router is built from.
/// (Each `GET` also answers `HEAD`, as HTTP requires.)
pub fn routes() -> Vec<(Method, &'static str)> {
    endpoints().into_iter().map(|e| (e.method, e.path)).collect()
}

/// The relay's router with all its layers.
pub fn router(state: AppState) -> Router {
    let (mut free, mut rated) = (Router::new(), Router::new());
    for Endpoint { path, limit, handler, .. } in endpoints() {
        // A second method on a known path is merged into that path's method router.
        match limit {
            Limit::Free => free = free.route(path, handler),
            Limit::Rated => rated = rated.route(path, handler),
        }
    }
    let rated = rated.route_layer(from_fn_with_state(state.clone(), rate_limit::limit));
    free.merge(rated)
        .fallback(ops::not_found)
        // After every route is added: it is set on the routes that exist.
        .method_not_allowed_fallback(ops::method_not_allowed)
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(access_log::span)
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                // 5xx answers such as `busy` are routine under load; real failures log their own error.
                .on_failure(DefaultOnFailure::new().level(Level::WARN)),
        )
        .layer(from_fn(json_errors))
        .with_state(state)
}
