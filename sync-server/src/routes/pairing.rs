//! The pairing mailbox endpoints: allocate a nameplate, write and (long-poll) read slots, close.

use crate::budget::Scope;
use crate::client::Client;
use crate::error::AppError;
use crate::extract::{NameplatePath, SlotPath, WaitQuery};
use crate::long_poll;
use crate::state::AppState;
use crate::upload::Upload;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mend_shared::protocol::{MAX_PAIRING_MESSAGE_BYTES, NameplateResponse, SEALED_CONTENT_TYPE};

/// 201 with a fresh nameplate and its lifetime; 429 when this client already holds its share.
pub(super) async fn allocate(
    State(state): State<AppState>,
    Client(client): Client,
) -> Result<(StatusCode, Json<NameplateResponse>), AppError> {
    let nameplate = state.store().allocate_nameplate(client).await?;
    let expires_in = state.config().nameplate_ttl.as_secs();
    Ok((StatusCode::CREATED, Json(NameplateResponse { nameplate, expires_in })))
}

/// 201 once the slot holds the message; 409 `slot_taken` if it already held one. Both refusals
/// come before the body is read.
pub(super) async fn write(
    State(state): State<AppState>,
    SlotPath(nameplate, slot): SlotPath,
    upload: Upload,
) -> Result<StatusCode, AppError> {
    state.store().check_slot_writable(nameplate, slot).await?;
    let received = upload.read(&state, MAX_PAIRING_MESSAGE_BYTES, Scope::Nameplate(nameplate)).await?;
    state.store().write_slot(nameplate, slot, received.bytes.clone()).await?;
    Ok(StatusCode::CREATED)
}

/// 200 with the message, or 204 when it is still empty after `wait` seconds.
pub(super) async fn read(
    State(state): State<AppState>,
    SlotPath(nameplate, slot): SlotPath,
    WaitQuery(wait): WaitQuery,
) -> Result<Response, AppError> {
    Ok(match long_poll::slot(&state, nameplate, slot, wait).await? {
        Some(message) => message_response(message),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// 204; the nameplate is unknown from now on and waiters get 410 `nameplate_closed`.
pub(super) async fn close(
    State(state): State<AppState>,
    NameplatePath(nameplate): NameplatePath,
) -> Result<StatusCode, AppError> {
    state.store().close_nameplate(nameplate).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn message_response(message: Bytes) -> Response {
    ([(header::CONTENT_TYPE, SEALED_CONTENT_TYPE), (header::CACHE_CONTROL, "no-store")], message)
        .into_response()
}
