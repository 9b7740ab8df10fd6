//! `AppError`: every way a request can fail, answered as JSON `{"error": code, "message": text}`.
//!
//! Client errors are shown as they are; internal failures are logged and shown as a generic sentence.

use crate::pairing::PairingError;
use crate::store::StoreError;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mend_shared::protocol::{ErrorBody, ErrorCode, MAX_LIST_LIMIT, MAX_WAIT_SECS, ParseHexIdError};

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The room id in the path is malformed.
    #[error("{0}")]
    BadRoomId(ParseHexIdError),
    /// The bundle id in the path is malformed.
    #[error("{0}")]
    BadBundleId(ParseHexIdError),
    /// `after` is not an unsigned integer.
    #[error("`after` must be an unsigned integer")]
    BadCursor,
    /// `limit` is out of range.
    #[error("`limit` must be an integer from 1 to {MAX_LIST_LIMIT}")]
    BadLimit,
    /// `wait` is out of range.
    #[error("`wait` must be an integer from 0 to {MAX_WAIT_SECS} (seconds)")]
    BadWait,
    /// The query string has an unknown or repeated parameter, or cannot be read.
    #[error("{0}")]
    BadQuery(String),
    /// A path segment could not be decoded.
    #[error("the path could not be read: {0}")]
    BadPath(String),
    /// The snapshot seq header is missing, unreadable or out of range.
    #[error("{0}")]
    BadSnapshotSeq(String),
    /// The nameplate is not a number in 1..=9999.
    #[error("a nameplate is a number from 1 to 9999")]
    BadNameplate,
    /// The slot is not a1, b1, a2 or b2.
    #[error("a pairing slot is one of a1, b1, a2, b2")]
    BadSlot,
    /// A sealed upload with no bytes.
    #[error("the body must not be empty")]
    EmptyBody,
    /// The request could not be read for another reason.
    #[error("{0}")]
    BadRequest(String),
    /// Missing or wrong token, or unknown room: one answer for all three.
    #[error("missing or invalid bearer token, or no such room")]
    Unauthorized,
    /// No route here.
    #[error("no such endpoint")]
    NotFound,
    /// The room has no snapshot.
    #[error("this room has no snapshot")]
    NoSnapshot,
    /// The nameplate is unknown, expired or used up.
    #[error("this nameplate is unknown, expired or already used")]
    UnknownNameplate,
    /// The route exists, the method does not.
    #[error("this endpoint does not accept that method")]
    MethodNotAllowed,
    /// The cursor is behind the room's snapshot.
    #[error(
        "the bundles after {after} were replaced by a snapshot at seq {snapshot_seq}; fetch the snapshot first"
    )]
    SnapshotRequired {
        /// The cursor asked for.
        after: u64,
        /// The room's snapshot seq.
        snapshot_seq: u64,
    },
    /// The cursor is past the room's end.
    #[error("cursor {after} is past this room's latest seq {latest}; the room was reset, read again from 0")]
    CursorAhead {
        /// The cursor asked for.
        after: u64,
        /// The room's latest seq.
        latest: u64,
    },
    /// The snapshot does not cover more than the current one.
    #[error("snapshot seq {seq} does not cover more than the current snapshot at seq {current}")]
    StaleSnapshot {
        /// The offered seq.
        seq: u64,
        /// The current snapshot seq.
        current: u64,
    },
    /// The slot was written before.
    #[error("this pairing slot was already written")]
    SlotTaken,
    /// The nameplate was closed during a wait.
    #[error("the nameplate was closed")]
    NameplateClosed,
    /// The body is over the endpoint's limit.
    #[error("the body is larger than this endpoint accepts ({limit} bytes)")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body did not arrive within the request timeout.
    #[error("the body did not arrive within {secs} s")]
    RequestTimeout {
        /// The timeout in seconds.
        secs: u64,
    },
    /// The body arrived slower than the minimum rate.
    #[error("the body arrived slower than {min_rate} bytes per second")]
    BodyTooSlow {
        /// The minimum rate in bytes per second.
        min_rate: u64,
    },
    /// The body is not `application/octet-stream`.
    #[error("the body must be sent as application/octet-stream")]
    UnsupportedMediaType,
    /// The client is over its rate.
    #[error("too many requests; retry after {retry_after_secs} s")]
    RateLimited {
        /// Seconds until a request will be accepted.
        retry_after_secs: u64,
    },
    /// The room's quota is used up.
    #[error("the room's storage quota ({quota} bytes) is used up; upload a snapshot to free space")]
    QuotaExceeded {
        /// The quota in bytes.
        quota: u64,
    },
    /// Too many long-polls are open.
    #[error("too many long-polls are open; retry shortly")]
    TooManyWaiters,
    /// A share of the budget of upload bytes in memory is used up.
    #[error("{0}; retry shortly")]
    Busy(Busy),
    /// This client holds its share of open pairing nameplates.
    #[error(
        "this address already holds {cap} open pairing codes; finish or cancel one, or wait for one to expire"
    )]
    TooManyNameplates {
        /// The per-client cap.
        cap: u64,
    },
    /// The relay's room count or total storage cap is reached.
    #[error("this relay is full and cannot take new rooms or data right now")]
    RelayFull,
    /// The database writer is not running.
    #[error("the relay cannot store anything right now")]
    Unhealthy,
    /// Every nameplate is taken.
    #[error("every nameplate is in use; retry shortly")]
    NameplatesExhausted,
    /// The relay is stopping.
    #[error("the relay is shutting down")]
    ShuttingDown,
    /// Something broke inside the relay; the client only learns that.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    /// The stable code for the body's `error` field.
    pub fn code(&self) -> ErrorCode {
        use AppError::*;
        match self {
            BadRoomId(_) => ErrorCode::BadRoomId,
            BadBundleId(_) => ErrorCode::BadBundleId,
            BadCursor => ErrorCode::BadCursor,
            BadLimit => ErrorCode::BadLimit,
            BadWait => ErrorCode::BadWait,
            BadQuery(_) => ErrorCode::BadQuery,
            BadPath(_) => ErrorCode::BadPath,
            BadSnapshotSeq(_) => ErrorCode::BadSnapshotSeq,
            BadNameplate => ErrorCode::BadNameplate,
            BadSlot => ErrorCode::BadSlot,
            EmptyBody => ErrorCode::EmptyBody,
            BadRequest(_) => ErrorCode::BadRequest,
            Unauthorized => ErrorCode::Unauthorized,
            NotFound => ErrorCode::NotFound,
            NoSnapshot => ErrorCode::NoSnapshot,
            UnknownNameplate => ErrorCode::UnknownNameplate,
            MethodNotAllowed => ErrorCode::MethodNotAllowed,
            SnapshotRequired { .. } => ErrorCode::SnapshotRequired,
            CursorAhead { .. } => ErrorCode::CursorAhead,
            StaleSnapshot { .. } => ErrorCode::StaleSnapshot,
            SlotTaken => ErrorCode::SlotTaken,
            NameplateClosed => ErrorCode::NameplateClosed,
            PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            RequestTimeout { .. } | BodyTooSlow { .. } => ErrorCode::RequestTimeout,
            Busy(_) => ErrorCode::Busy,
            TooManyNameplates { .. } => ErrorCode::RateLimited,
            RelayFull => ErrorCode::RelayFull,
            Unhealthy => ErrorCode::Unhealthy,
            UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            RateLimited { .. } => ErrorCode::RateLimited,
            QuotaExceeded { .. } => ErrorCode::QuotaExceeded,
            TooManyWaiters => ErrorCode::TooManyWaiters,
            NameplatesExhausted => ErrorCode::NameplatesExhausted,
            ShuttingDown => ErrorCode::ShuttingDown,
            Internal(_) => ErrorCode::Internal,
        }
    }

    /// The HTTP status that goes with [`AppError::code`].
    pub fn status(&self) -> StatusCode {
        status_of(self.code())
    }
}

/// The status for each code; also used to give axum's own rejections our shape.
pub fn status_of(code: ErrorCode) -> StatusCode {
    use ErrorCode::*;
    match code {
        BadRoomId | BadBundleId | BadCursor | BadLimit | BadWait | BadQuery | BadPath | BadSnapshotSeq
        | BadNameplate | BadSlot | EmptyBody | BadRequest => StatusCode::BAD_REQUEST,
        Unauthorized => StatusCode::UNAUTHORIZED,
        NotFound | NoSnapshot | UnknownNameplate => StatusCode::NOT_FOUND,
        MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        RequestTimeout => StatusCode::REQUEST_TIMEOUT,
        SnapshotRequired | CursorAhead | StaleSnapshot | SlotTaken => StatusCode::CONFLICT,
        NameplateClosed => StatusCode::GONE,
        PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        RateLimited => StatusCode::TOO_MANY_REQUESTS,
        Internal => StatusCode::INTERNAL_SERVER_ERROR,
        TooManyWaiters | NameplatesExhausted | ShuttingDown | Busy | Unhealthy => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        QuotaExceeded | RelayFull => StatusCode::INSUFFICIENT_STORAGE,
    }
}

/// A JSON error response.
pub fn error_response(status: StatusCode, code: ErrorCode, message: String) -> Response {
    (status, Json(ErrorBody { error: code.as_str().to_owned(), message })).into_response()
}

/// A whole HTTP/1.1 error answer as bytes, closing the connection, for the few answers written
/// straight to a socket (connections turned away, request heads that could not be read). A 503 says
/// when to retry, like the router's.
pub fn error_response_bytes(status: u16, code: ErrorCode, message: &str) -> Vec<u8> {
    let body =
        serde_json::to_string(&ErrorBody { error: code.as_str().to_owned(), message: message.to_owned() })
            .unwrap_or_default();
    let reason = StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    let retry = if status == 503 { "retry-after: 1\r\n" } else { "" };
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{retry}connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let code = self.code();
        let message = match &self {
            AppError::Internal(source) => {
                // The chain names what failed; it never holds payloads or tokens (those are not in our errors).
                tracing::error!(error = %ErrorChain(source.as_ref()), "internal error");
                "the relay hit an internal error; try again later".to_owned()
            }
            other => other.to_string(),
        };
        let mut response = error_response(status_of(code), code, message);
        let headers = response.headers_mut();
        match &self {
            AppError::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            AppError::RateLimited { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            AppError::TooManyNameplates { .. } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            }
            AppError::TooManyWaiters
            | AppError::NameplatesExhausted
            | AppError::ShuttingDown
            | AppError::Busy(_)
            | AppError::Unhealthy => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}

/// Whose share of the upload budget is used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Busy {
    /// All uploads together.
    #[error("the relay is receiving too many uploads at once")]
    Relay,
    /// This client's uploads.
    #[error("too many uploads from your address are in progress")]
    Client,
    /// The uploads into this room or pairing code.
    #[error("too many uploads into this room are in progress")]
    Room,
}

/// Shows an error and all its sources on one line.
struct ErrorChain<'a>(&'a (dyn std::error::Error + 'static));

impl std::fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(inner) = source {
            write!(f, ": {inner}")?;
            source = inner.source();
        }
        Ok(())
    }
}

/// Give an error answer that is not already JSON (axum's own rejections, a 405 from the router)
/// our `{"error", "message"}` shape, keeping its status and its `Allow`, `Retry-After` and
/// `WWW-Authenticate` headers.
pub fn ensure_json(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let code = match status {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::REQUEST_TIMEOUT => ErrorCode::RequestTimeout,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        s if s.is_client_error() => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    };
    let message = status.canonical_reason().unwrap_or("request failed").to_owned();
    let mut fresh = error_response(status, code, message);
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = response.headers().get(&name) {
            fresh.headers_mut().insert(name, value.clone());
        }
    }
    fresh
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unauthorized => AppError::Unauthorized,
            StoreError::QuotaExceeded { quota } => AppError::QuotaExceeded { quota },
            StoreError::StaleSnapshot { seq, current } => AppError::StaleSnapshot { seq, current },
            StoreError::BadSnapshotSeq { seq, latest } => AppError::BadSnapshotSeq(format!(
                "snapshot seq {seq} must be between 1 and the room's latest seq {latest}"
            )),
            StoreError::SnapshotRequired { after, snapshot_seq } => {
                AppError::SnapshotRequired { after, snapshot_seq }
            }
            StoreError::CursorAhead { after, latest } => AppError::CursorAhead { after, latest },
            StoreError::NoSnapshot => AppError::NoSnapshot,
            StoreError::RelayFull => AppError::RelayFull,
            StoreError::Closed => AppError::ShuttingDown,
            StoreError::Pairing(error) => error.into(),
            StoreError::Unavailable(source) => {
                tracing::warn!(error = %source, "the database cannot be reached");
                AppError::Unhealthy
            }
            other @ (StoreError::Sqlite(_)
            | StoreError::Postgres(_)
            | StoreError::SchemaTooNew { .. }
            | StoreError::Config(_)
            | StoreError::BatchFailed
            | StoreError::Task(_)
            | StoreError::Io(_)) => AppError::Internal(Box::new(other)),
        }
    }
}

impl From<PairingError> for AppError {
    fn from(error: PairingError) -> Self {
        match error {
            PairingError::Unknown => AppError::UnknownNameplate,
            PairingError::SlotTaken => AppError::SlotTaken,
            PairingError::Closed => AppError::NameplateClosed,
            PairingError::Exhausted => AppError::NameplatesExhausted,
            PairingError::TooManyOpen { cap } => AppError::TooManyNameplates { cap },
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadPath(rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadQuery(rejection.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_client_or_server_error_status() {
        for &code in ErrorCode::ALL {
            let status = status_of(code);
            assert!(status.is_client_error() || status.is_server_error(), "{code}: {status}");
        }
    }

    #[tokio::test]
    async fn internal_errors_show_only_a_generic_message() {
        let error = AppError::Internal("disk on fire at /srv/secret-path".into());
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let body: ErrorBody = serde_json::from_slice(&body).unwrap();
        assert_eq!(body.error, "internal");
        assert!(!body.message.contains("secret"), "{}", body.message);
    }

    #[test]
    fn rate_limited_answers_carry_retry_after() {
        let response = AppError::RateLimited { retry_after_secs: 3 }.into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "3");
    }
}
