//! The pairing mailbox endpoints: allocate a nameplate, write and (long-poll) read slots, close.

use crate::error::AppError;
use crate::extract::{NameplatePath, SlotPath, WaitQuery};
use crate::pairing::SlotRead;
use crate::state::AppState;
use crate::upload::Upload;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mend_shared::protocol::{MAX_PAIRING_MESSAGE_BYTES, NameplateResponse, SEALED_CONTENT_TYPE};
use tokio::time::Instant;

/// 201 with a fresh nameplate and its lifetime.
pub(super) async fn allocate(
    State(state): State<AppState>,
) -> Result<(StatusCode, Json<NameplateResponse>), AppError> {
    let nameplate = state.pairing().allocate(Instant::now())?;
    let expires_in = state.pairing().ttl().as_secs();
    Ok((StatusCode::CREATED, Json(NameplateResponse { nameplate, expires_in })))
}

/// 201 once the slot holds the message; 409 `slot_taken` if it already held one. Both refusals
/// come before the body is read.
pub(super) async fn write(
    State(state): State<AppState>,
    SlotPath(nameplate, slot): SlotPath,
    upload: Upload,
) -> Result<StatusCode, AppError> {
    state.pairing().check_writable(nameplate, slot, Instant::now())?;
    let received = upload.read(&state, MAX_PAIRING_MESSAGE_BYTES).await?;
    state.pairing().write(nameplate, slot, received.bytes.clone(), Instant::now())?;
    Ok(StatusCode::CREATED)
}

/// 200 with the message, or 204 when it is still empty after `wait` seconds.
pub(super) async fn read(
    State(state): State<AppState>,
    SlotPath(nameplate, slot): SlotPath,
    WaitQuery(wait): WaitQuery,
) -> Result<Response, AppError> {
    let pairing = state.pairing();
    let now = Instant::now();
    if let SlotRead::Ready(message) = pairing.read(nameplate, slot, now)? {
        return Ok(message_response(message));
    }
    if wait.is_zero() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let _permit = state.wait_permit()?;
    tokio::select! {
        waited = pairing.wait(nameplate, slot, now + wait) => Ok(match waited? {
            Some(message) => message_response(message),
            None => StatusCode::NO_CONTENT.into_response(),
        }),
        () = state.shutting_down() => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}

/// 204; the nameplate is unknown from now on and waiters get 410 `nameplate_closed`.
pub(super) async fn close(
    State(state): State<AppState>,
    NameplatePath(nameplate): NameplatePath,
) -> Result<StatusCode, AppError> {
    state.pairing().close(nameplate, Instant::now())?;
    Ok(StatusCode::NO_CONTENT)
}

fn message_response(message: Bytes) -> Response {
    ([(header::CONTENT_TYPE, SEALED_CONTENT_TYPE), (header::CACHE_CONTROL, "no-store")], message)
        .into_response()
}
