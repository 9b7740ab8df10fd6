//! Request extractors that validate ids, tokens, queries and headers, refusing with our own error codes
//! (sealed bodies are in [`crate::upload`]).

use crate::error::AppError;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::{header, request::Parts};
use mend_shared::protocol::{
    BundleId, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, MAX_WAIT_SECS, Nameplate, PairingSlot, RelayToken, RoomId,
    SNAPSHOT_SEQ_HEADER,
};
use std::time::Duration;

/// The bearer token from `Authorization: Bearer <64 hex>`. Anything else is `unauthorized`,
/// the same answer as a wrong token.
#[derive(Debug)]
pub struct Bearer(pub RelayToken);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(AppError::Unauthorized)?;
        let (scheme, token) = value.split_once(' ').ok_or(AppError::Unauthorized)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(AppError::Unauthorized);
        }
        token.parse().map(Bearer).map_err(|_| AppError::Unauthorized)
    }
}

/// `/v1/rooms/{room}`.
#[derive(Debug)]
pub struct RoomPath(pub RoomId);

impl<S: Send + Sync> FromRequestParts<S> for RoomPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(room) = Path::<String>::from_request_parts(parts, state).await?;
        room.parse().map(RoomPath).map_err(AppError::BadRoomId)
    }
}

/// `/v1/rooms/{room}/bundles/{bundle_id}`.
#[derive(Debug)]
pub struct BundlePath(pub RoomId, pub BundleId);

impl<S: Send + Sync> FromRequestParts<S> for BundlePath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path((room, bundle)) = Path::<(String, String)>::from_request_parts(parts, state).await?;
        let room = room.parse().map_err(AppError::BadRoomId)?;
        let bundle = bundle.parse().map_err(AppError::BadBundleId)?;
        Ok(BundlePath(room, bundle))
    }
}

/// `/v1/pairing/{nameplate}`.
#[derive(Debug)]
pub struct NameplatePath(pub Nameplate);

impl<S: Send + Sync> FromRequestParts<S> for NameplatePath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(nameplate) = Path::<String>::from_request_parts(parts, state).await?;
        nameplate.parse().map(NameplatePath).map_err(|_| AppError::BadNameplate)
    }
}

/// `/v1/pairing/{nameplate}/{slot}`.
#[derive(Debug)]
pub struct SlotPath(pub Nameplate, pub PairingSlot);

impl<S: Send + Sync> FromRequestParts<S> for SlotPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path((nameplate, slot)) = Path::<(String, String)>::from_request_parts(parts, state).await?;
        let nameplate = nameplate.parse().map_err(|_| AppError::BadNameplate)?;
        let slot = slot.parse().map_err(|_| AppError::BadSlot)?;
        Ok(SlotPath(nameplate, slot))
    }
}

/// Query parameters as name/value pairs, refusing names outside `allowed` and repeats.
async fn query_pairs(parts: &mut Parts, allowed: &[&str]) -> Result<Vec<(String, String)>, AppError> {
    let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, &()).await?;
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !allowed.contains(&name.as_str()) {
            return Err(AppError::BadQuery(format!(
                "unknown query parameter {:?}; this endpoint takes {}",
                name.chars().take(32).collect::<String>(),
                allowed.join(", ")
            )));
        }
        if pairs[..i].iter().any(|(earlier, _)| earlier == name) {
            return Err(AppError::BadQuery(format!("query parameter {name} is given twice")));
        }
    }
    Ok(pairs)
}

/// Plain decimal digits only: `u64::from_str` would also take `+5`.
fn parse_decimal(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

fn parse_wait(value: &str) -> Result<Duration, AppError> {
    parse_decimal(value).filter(|&s| s <= MAX_WAIT_SECS).map(Duration::from_secs).ok_or(AppError::BadWait)
}

/// `?after=&limit=&wait=` of a bundle list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery {
    /// Bundles with seq greater than this.
    pub after: u64,
    /// At most this many.
    pub limit: u32,
    /// Long-poll this long when nothing is there yet.
    pub wait: Duration,
}

impl<S: Send + Sync> FromRequestParts<S> for ListQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let mut query = ListQuery { after: 0, limit: DEFAULT_LIST_LIMIT, wait: Duration::ZERO };
        for (name, value) in query_pairs(parts, &["after", "limit", "wait"]).await? {
            match name.as_str() {
                "after" => query.after = parse_decimal(&value).ok_or(AppError::BadCursor)?,
                "limit" => {
                    query.limit = parse_decimal(&value)
                        .filter(|n| (1..=u64::from(MAX_LIST_LIMIT)).contains(n))
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or(AppError::BadLimit)?;
                }
                _ => query.wait = parse_wait(&value)?,
            }
        }
        Ok(query)
    }
}

/// `?wait=` of a pairing read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitQuery(pub Duration);

impl<S: Send + Sync> FromRequestParts<S> for WaitQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let mut wait = Duration::ZERO;
        for (_, value) in query_pairs(parts, &["wait"]).await? {
            wait = parse_wait(&value)?;
        }
        Ok(WaitQuery(wait))
    }
}

/// The `Mend-Snapshot-Seq` header.
#[derive(Debug, Clone, Copy)]
pub struct SnapshotSeq(pub u64);

impl<S: Send + Sync> FromRequestParts<S> for SnapshotSeq {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let missing = || {
            AppError::BadSnapshotSeq(format!(
                "the {SNAPSHOT_SEQ_HEADER} header must hold the seq the snapshot covers"
            ))
        };
        let value = parts.headers.get(SNAPSHOT_SEQ_HEADER).ok_or_else(missing)?;
        let seq = value.to_str().ok().and_then(parse_decimal).ok_or_else(missing)?;
        Ok(SnapshotSeq(seq))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_refuse_signs_spaces_and_overflow() {
        assert_eq!(parse_decimal("0"), Some(0));
        assert_eq!(parse_decimal("007"), Some(7));
        assert_eq!(parse_decimal("18446744073709551615"), Some(u64::MAX));
        for bad in ["", "+5", "-1", " 5", "5 ", "1e3", "0x10", "18446744073709551616"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }
}
