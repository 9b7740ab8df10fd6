//! JSON bodies of the relay API and the stable error codes it answers with.

use super::pairing::Nameplate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Answer to a bundle upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppendResponse {
    /// The bundle's sequence number (the original one for a duplicate).
    pub seq: u64,
    /// Whether the relay already held a bundle with this id and stored nothing new.
    pub duplicate: bool,
}

/// Answer to a snapshot upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotResponse {
    /// The sequence number the stored snapshot covers.
    pub seq: u64,
}

/// Answer to a nameplate allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameplateResponse {
    /// The allocated nameplate (a decimal string on the wire).
    pub nameplate: Nameplate,
    /// Seconds until the nameplate expires.
    pub expires_in: u64,
}

/// Answer to `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthResponse {
    /// Always `"ok"` when the relay answers at all.
    pub status: String,
}

/// Every error the relay sends: a stable code and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// A snake_case code; see [`ErrorCode`].
    pub error: String,
    /// A human-readable explanation; never parse it.
    pub message: String,
}

impl ErrorBody {
    /// The code as a known [`ErrorCode`], or `None` for a code from a newer relay.
    pub fn code(&self) -> Option<ErrorCode> {
        self.error.parse().ok()
    }
}

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)*) => {
        /// The error codes the relay uses, as found in [`ErrorBody::error`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, for documentation and tests.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it appears on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)*
                }
            }
        }

        impl FromStr for ErrorCode {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s {
                    $($text => Ok(ErrorCode::$variant),)*
                    _ => Err(()),
                }
            }
        }
    };
}

error_codes! {
    /// 400: the room id is not 64 lowercase hex digits.
    BadRoomId = "bad_room_id",
    /// 400: the bundle id is not 64 lowercase hex digits.
    BadBundleId = "bad_bundle_id",
    /// 400: `after` is not an unsigned integer.
    BadCursor = "bad_cursor",
    /// 400: `limit` is not in 1..=1000.
    BadLimit = "bad_limit",
    /// 400: `wait` is not in 0..=30.
    BadWait = "bad_wait",
    /// 400: an unknown or repeated query parameter, or an unreadable query string.
    BadQuery = "bad_query",
    /// 400: a path segment could not be decoded.
    BadPath = "bad_path",
    /// 400: the snapshot sequence header is missing, unreadable, zero or past the room's latest seq.
    BadSnapshotSeq = "bad_snapshot_seq",
    /// 400: the nameplate is not a number in 1..=9999.
    BadNameplate = "bad_nameplate",
    /// 400: the pairing slot is not one of a1, b1, a2, b2.
    BadSlot = "bad_slot",
    /// 400: a sealed upload with no bytes.
    EmptyBody = "empty_body",
    /// 400: a request the relay could not read for another reason.
    BadRequest = "bad_request",
    /// 408: the request's body did not arrive in time.
    RequestTimeout = "request_timeout",
    /// 401: a missing or wrong token, or an unknown room (deliberately indistinguishable).
    Unauthorized = "unauthorized",
    /// 404: no such route, or nothing at this address.
    NotFound = "not_found",
    /// 404: the room has no snapshot.
    NoSnapshot = "no_snapshot",
    /// 404: the nameplate is unknown, expired or already closed.
    UnknownNameplate = "unknown_nameplate",
    /// 405: the route exists but not with this method.
    MethodNotAllowed = "method_not_allowed",
    /// 409: the cursor is behind the room's snapshot; fetch the snapshot first.
    SnapshotRequired = "snapshot_required",
    /// 409: the cursor is past the room's latest seq (the room was reset); start again from 0.
    CursorAhead = "cursor_ahead",
    /// 409: the snapshot does not cover more than the current one.
    StaleSnapshot = "stale_snapshot",
    /// 409: the pairing slot was already written.
    SlotTaken = "slot_taken",
    /// 410: the nameplate was closed while waiting on it.
    NameplateClosed = "nameplate_closed",
    /// 413: the body is larger than the endpoint accepts.
    PayloadTooLarge = "payload_too_large",
    /// 415: the body is not `application/octet-stream`.
    UnsupportedMediaType = "unsupported_media_type",
    /// 429: too many requests from this client; see `Retry-After`.
    RateLimited = "rate_limited",
    /// 500: something failed inside the relay.
    Internal = "internal",
    /// 503: too many long-polls are open; retry shortly.
    TooManyWaiters = "too_many_waiters",
    /// 503: every nameplate is in use; retry shortly.
    NameplatesExhausted = "nameplates_exhausted",
    /// 503: the relay is shutting down.
    ShuttingDown = "shutting_down",
    /// 503: the relay is receiving too many uploads at once; retry after `Retry-After`.
    Busy = "busy",
    /// 503: the relay cannot store anything right now (its database writer stopped).
    Unhealthy = "unhealthy",
    /// 507: the room's storage quota is used up; upload a snapshot to free space.
    QuotaExceeded = "quota_exceeded",
    /// 507: the relay as a whole is full (its room count or total storage cap); nothing was stored.
    RelayFull = "relay_full",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_round_trip_and_are_snake_case() {
        for &code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
            assert!(code.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
        let body = ErrorBody { error: "rate_limited".into(), message: "slow down".into() };
        assert_eq!(body.code(), Some(ErrorCode::RateLimited));
        let future = ErrorBody { error: "something_new".into(), message: String::new() };
        assert_eq!(future.code(), None);
    }

    #[test]
    fn bodies_have_the_documented_json_shape() {
        let append = AppendResponse { seq: 3, duplicate: true };
        assert_eq!(serde_json::to_string(&append).unwrap(), r#"{"seq":3,"duplicate":true}"#);
        let np = NameplateResponse { nameplate: Nameplate::new(17).unwrap(), expires_in: 600 };
        assert_eq!(serde_json::to_string(&np).unwrap(), r#"{"nameplate":"17","expires_in":600}"#);
        let back: NameplateResponse = serde_json::from_str(r#"{"nameplate":"17","expires_in":600}"#).unwrap();
        assert_eq!(back, np);
        let err: ErrorBody = serde_json::from_str(r#"{"error":"bad_limit","message":"m"}"#).unwrap();
        assert_eq!(err.code(), Some(ErrorCode::BadLimit));
        assert_eq!(serde_json::to_string(&ErrorCode::QuotaExceeded).unwrap(), "\"quota_exceeded\"");
    }
}
