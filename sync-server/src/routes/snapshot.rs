//! `PUT` and `GET /v1/rooms/{room}/snapshot`: a sealed snapshot that lets the relay drop the bundles it covers.

use crate::error::AppError;
use crate::extract::{Bearer, RoomPath, Sealed, SnapshotSeq};
use crate::state::AppState;
use crate::store::TokenHash;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mend_shared::protocol::{SEALED_CONTENT_TYPE, SNAPSHOT_SEQ_HEADER, SnapshotResponse};

/// Store the snapshot and drop bundles with seq ≤ its seq, atomically.
pub(super) async fn put(
    State(state): State<AppState>,
    RoomPath(room): RoomPath,
    Bearer(token): Bearer,
    SnapshotSeq(seq): SnapshotSeq,
    Sealed(bytes): Sealed,
) -> Result<Json<SnapshotResponse>, AppError> {
    let seq = state.store().put_snapshot(room, TokenHash::of(&token), seq, bytes).await?;
    Ok(Json(SnapshotResponse { seq }))
}

/// The sealed snapshot with its seq in `Mend-Snapshot-Seq`.
pub(super) async fn get(
    State(state): State<AppState>,
    RoomPath(room): RoomPath,
    Bearer(token): Bearer,
) -> Result<Response, AppError> {
    let snapshot = state.store().snapshot(room, TokenHash::of(&token)).await?;
    let headers = [
        (header::CONTENT_TYPE.as_str(), SEALED_CONTENT_TYPE.to_owned()),
        (SNAPSHOT_SEQ_HEADER, snapshot.seq.to_string()),
        (header::CACHE_CONTROL.as_str(), "no-store".to_owned()),
    ];
    Ok((headers, snapshot.bytes).into_response())
}
