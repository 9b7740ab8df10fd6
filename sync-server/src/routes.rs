//! The HTTP surface: one table of every endpoint (method, path, rate limit, handler) that the
//! router is built from and that the OpenAPI tests check against, plus the layers around it.

mod bundles;
mod ops;
mod pairing;
mod rooms;
mod snapshot;

pub(crate) use ops::OPENAPI_JSON;

use crate::edge::Edge;
use crate::state::AppState;
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};
use std::collections::HashSet;

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

/// The relay's router, with the one layer around every route (see [`crate::edge`]).
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    let mut rated = HashSet::new();
    for Endpoint { path, limit, handler, .. } in endpoints() {
        // A second method on a known path is merged into that path's method router.
        router = router.route(path, handler);
        if limit == Limit::Rated {
            rated.insert(path);
        }
    }
    router
        .fallback(ops::not_found)
        // After every route is added: it is set on the routes that exist.
        .method_not_allowed_fallback(ops::method_not_allowed)
        .layer(Edge::new(state.clone(), rated))
        .with_state(state)
}
