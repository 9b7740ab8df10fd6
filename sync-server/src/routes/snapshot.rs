//! `PUT` and `GET /v1/rooms/{room}/snapshot`: a sealed snapshot that lets the relay drop the bundles it covers.

use crate::budget::Scope;
use crate::error::AppError;
use crate::extract::{Bearer, RoomPath, SnapshotSeq};
use crate::state::AppState;
use crate::store::{StoreError, TokenHash};
use crate::upload::Upload;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mend_shared::protocol::{SEALED_CONTENT_TYPE, SNAPSHOT_SEQ_HEADER, SnapshotResponse};

/// Store the snapshot and drop bundles with seq ≤ its seq, atomically. The token and the seq are
/// checked before the body is read (the writer checks the seq again, against the committed room).
pub(super) async fn put(
    State(state): State<AppState>,
    RoomPath(room): RoomPath,
    Bearer(token): Bearer,
    SnapshotSeq(seq): SnapshotSeq,
    upload: Upload,
) -> Result<Json<SnapshotResponse>, AppError> {
    let token = TokenHash::of(&token);
    let current = state.store().check_token(room, token).await?;
    if seq == 0 || seq > current.latest_seq {
        return Err(StoreError::BadSnapshotSeq { seq, latest: current.latest_seq }.into());
    }
    if seq <= current.snapshot_seq {
        return Err(StoreError::StaleSnapshot { seq, current: current.snapshot_seq }.into());
    }
    let received = upload.read(&state, state.config().max_snapshot_bytes, Scope::Room(room)).await?;
    let seq = state.store().put_snapshot(room, token, seq, received.bytes.clone()).await?;
    drop(received);
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
