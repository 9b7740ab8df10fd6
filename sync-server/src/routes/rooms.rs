//! `PUT` and `DELETE /v1/rooms/{room}`: create a room bound to a token hash, or remove it with everything in it.

use crate::error::AppError;
use crate::extract::{Bearer, RoomPath};
use crate::state::AppState;
use crate::store::{RoomCreated, TokenHash};
use axum::extract::State;
use axum::http::StatusCode;

/// 201 when created, 200 when it already exists with this token, 401 when it exists with another.
pub(super) async fn create(
    State(state): State<AppState>,
    RoomPath(room): RoomPath,
    Bearer(token): Bearer,
) -> Result<StatusCode, AppError> {
    Ok(match state.store().create_room(room, TokenHash::of(&token)).await? {
        RoomCreated::New => StatusCode::CREATED,
        RoomCreated::AlreadyExisted => StatusCode::OK,
    })
}

/// 204 once the room, its bundles and its snapshot are gone; waiters on it are answered 401.
pub(super) async fn delete(
    State(state): State<AppState>,
    RoomPath(room): RoomPath,
    Bearer(token): Bearer,
) -> Result<StatusCode, AppError> {
    state.store().delete_room(room, TokenHash::of(&token)).await?;
    Ok(StatusCode::NO_CONTENT)
}
