//! `PUT /v1/rooms/{room}/bundles/{id}` (append, idempotent by id) and `GET /v1/rooms/{room}/bundles` (page or long-poll).

use crate::budget::Scope;
use crate::error::AppError;
use crate::extract::{Bearer, BundlePath, ListQuery, RoomPath};
use crate::long_poll::{self, ListRequest};
use crate::state::AppState;
use crate::store::TokenHash;
use crate::upload::Upload;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mend_shared::protocol::{AppendResponse, BUNDLES_CONTENT_TYPE, BundlePage, MAX_BUNDLE_BYTES};
use std::future::Future;

/// 201 for a new bundle, 200 with the original seq for a known id; answered after the commit.
/// The token is checked before the body is read.
pub(super) async fn append(
    State(state): State<AppState>,
    BundlePath(room, id): BundlePath,
    Bearer(token): Bearer,
    upload: Upload,
) -> Result<(StatusCode, Json<AppendResponse>), AppError> {
    let token = TokenHash::of(&token);
    state.store().check_upload_token(room, token).await?;
    let received = upload.read(&state, MAX_BUNDLE_BYTES, Scope::Room(room)).await?;
    let appended = state.store().append(room, token, id, received.bytes.clone()).await?;
    // The upload's share of the budget is given back only now, after the commit.
    drop(received);
    let status = if appended.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    Ok((status, Json(AppendResponse { seq: appended.seq, duplicate: appended.duplicate })))
}

/// A page after the cursor; with `wait`, held until a bundle arrives, the wait ends or the relay
/// stops. (The request is made before the future exists, so a waiting phone's future holds only it.)
pub(super) fn list(
    State(state): State<AppState>,
    RoomPath(room): RoomPath,
    Bearer(token): Bearer,
    query: ListQuery,
) -> impl Future<Output = Result<Response, AppError>> {
    let request = ListRequest { room, token: TokenHash::of(&token), after: query.after, limit: query.limit };
    let wait = query.wait;
    async move { frame(long_poll::bundles(&state, request, wait).await?) }
}

fn frame(page: BundlePage) -> Result<Response, AppError> {
    let body = page.encode().map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(([(header::CONTENT_TYPE, BUNDLES_CONTENT_TYPE), (header::CACHE_CONTROL, "no-store")], body)
        .into_response())
}
