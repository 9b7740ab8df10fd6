//! The one layer around every route: the access-log span and line, request counts by route and
//! status, the per-client rate limit on rated routes, and JSON `{error, message}` for every error
//! answer. One layer with a small, unboxed future instead of a stack of middleware (each of which
//! boxed a future of its own): a waiting long-poll holds this future for up to 30 s, so its size is
//! memory per phone in live mode.

use crate::access_log;
use crate::client::Client;
use crate::error::{AppError, ensure_json};
use crate::state::AppState;
use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use pin_project_lite::pin_project;
use std::collections::HashSet;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use tokio::time::Instant;
use tower::{Layer, Service};
use tracing::Instrument;
use tracing::instrument::Instrumented;

/// The layer; `rated` holds the route templates the per-client rate limit applies to.
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    state: AppState,
    rated: Arc<HashSet<&'static str>>,
}

impl Edge {
    pub(crate) fn new(state: AppState, rated: HashSet<&'static str>) -> Edge {
        Edge { state, rated: Arc::new(rated) }
    }
}

impl<S> Layer<S> for Edge {
    type Service = EdgeService<S>;

    fn layer(&self, inner: S) -> EdgeService<S> {
        EdgeService { inner, edge: self.clone() }
    }
}

/// A route's service with the edge around it.
#[derive(Debug, Clone)]
pub(crate) struct EdgeService<S> {
    inner: S,
    edge: Edge,
}

impl<S> Service<Request> for EdgeService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone,
{
    type Response = Response;
    type Error = Infallible;
    type Future = EdgeFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> EdgeFuture<S::Future> {
        let route = req.extensions().get::<MatchedPath>().cloned();
        let method = req.method().clone();
        let span = access_log::span(&req);
        let state = &self.edge.state;
        let rated = route.as_ref().is_some_and(|r| self.edge.rated.contains(r.as_str()));
        // Boxed: a refusal is rare, and this future is held for a whole long-poll.
        let refused = rated.then(|| refuse_over_rate(state, &req)).flatten().map(Box::new);
        // The ready service answers this request; a clone takes its place for the next one.
        let clone = self.inner.clone();
        let ready = std::mem::replace(&mut self.inner, clone);
        let inner = match refused {
            Some(_) => None,
            None => Some(call_in(ready, req, span.clone())),
        };
        EdgeFuture {
            inner,
            refused,
            done: Some(Done { state: state.clone(), method, route, span, started: Instant::now() }),
        }
    }
}

fn call_in<S: Service<Request>>(
    mut service: S,
    req: Request,
    span: tracing::Span,
) -> Instrumented<S::Future> {
    let _entered = span.enter();
    service.call(req).instrument(span.clone())
}

/// 429 with `Retry-After` when the client is over its rate.
fn refuse_over_rate(state: &AppState, req: &Request) -> Option<Response> {
    let limiter = state.limiter()?;
    let Client(ip) = Client::of_request(req, state.config().trust_forwarded_for);
    let retry = limiter.check(ip, Instant::now()).err()?;
    state.metrics().count_rate_limited();
    let retry_after_secs = (retry.as_secs() + u64::from(retry.subsec_nanos() > 0)).max(1);
    Some(AppError::RateLimited { retry_after_secs }.into_response())
}

/// What is needed once the answer is ready.
struct Done {
    state: AppState,
    method: Method,
    route: Option<MatchedPath>,
    span: tracing::Span,
    started: Instant,
}

impl Done {
    fn finish(self, response: Response) -> Response {
        let response = ensure_json(response);
        let status = response.status();
        let route = self.route.as_ref().map_or("unmatched", MatchedPath::as_str);
        self.state.metrics().record(&self.method, route, status.as_u16());
        let latency = format_args!("{} ms", self.started.elapsed().as_millis());
        // 5xx answers such as `busy` are routine under load; real failures log their own error.
        if status.is_server_error() {
            tracing::warn!(parent: &self.span, status = status.as_u16(), %latency, "response failed");
        } else {
            tracing::info!(parent: &self.span, status = status.as_u16(), %latency, "finished processing request");
        }
        response
    }
}

pin_project! {
    /// The route's answer, then the edge's work on it.
    pub(crate) struct EdgeFuture<F> {
        #[pin]
        inner: Option<Instrumented<F>>,
        refused: Option<Box<Response>>,
        done: Option<Done>,
    }
}

impl<F: Future<Output = Result<Response, Infallible>>> Future for EdgeFuture<F> {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = match this.inner.as_pin_mut() {
            Some(inner) => match ready!(inner.poll(cx)) {
                Ok(response) => response,
                Err(never) => match never {},
            },
            None => {
                this.refused.take().map_or_else(|| AppError::ShuttingDown.into_response(), |refused| *refused)
            }
        };
        let response = match this.done.take() {
            Some(done) => done.finish(response),
            None => response,
        };
        Poll::Ready(Ok(response))
    }
}

impl std::fmt::Debug for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Done").field("method", &self.method).field("route", &self.route).finish()
    }
}
