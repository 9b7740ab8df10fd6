//! Operations endpoints (health, metrics, the OpenAPI document) and the JSON answers for unknown routes and methods.

use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use mend_shared::protocol::HealthResponse;

/// The API description, hand-written next to the crate manifest.
pub(crate) const OPENAPI_JSON: &str = include_str!("../../openapi.json");

/// `{"status":"ok"}` while the relay can store data; 503 `unhealthy` once it cannot (SQLite: the
/// writer stopped or the relay is closing; PostgreSQL: the database does not answer), so a load
/// balancer or supervisor can act.
pub(super) async fn healthz(State(state): State<AppState>) -> Result<Json<HealthResponse>, AppError> {
    if !state.store().healthy().await {
        return Err(AppError::Unhealthy);
    }
    Ok(Json(HealthResponse { status: "ok".to_owned() }))
}

/// Prometheus text format.
pub(super) async fn metrics(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let gauges = state.store().gauges().await?;
    let text = state.metrics().render(&state, gauges);
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text))
}

/// The OpenAPI 3 document.
pub(super) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

/// Any path no route matches.
pub(super) async fn not_found() -> AppError {
    AppError::NotFound
}

/// A known path with an unknown method.
pub(super) async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
