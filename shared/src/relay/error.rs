//! Errors talking to the relay, sorted by what the app should do about them.

use crate::protocol::{ErrorCode, ProtocolError};

/// Why a relay call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelayError {
    /// The address is not a usable relay URL.
    #[error("the relay address {0}")]
    BadUrl(String),
    /// No answer: offline, DNS, refused connection, timeout.
    #[error("the relay can't be reached ({0})")]
    Unreachable(String),
    /// The relay does not accept this couple's token (or the room is gone).
    #[error("the relay refused this couple's key")]
    Unauthorized,
    /// The relay dropped bundles behind a snapshot: fetch the snapshot first.
    #[error("the relay needs this phone to catch up from a snapshot first")]
    SnapshotRequired,
    /// The cursor is past the room's end: the room was reset.
    #[error("the relay's room was reset")]
    CursorAhead,
    /// Another device already uploaded a snapshot covering as much.
    #[error("a newer snapshot is already on the relay")]
    StaleSnapshot,
    /// The pairing nameplate is unknown, expired, used or closed.
    #[error("this pairing code is no longer valid")]
    NameplateGone,
    /// The pairing slot was already written (the code was used).
    #[error("this pairing code was already used")]
    SlotTaken,
    /// Too many requests; try again later.
    #[error("the relay is busy; trying again in {retry_after_secs} s")]
    RateLimited {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// The relay answered 503 (busy, shutting down) and said when to try again.
    #[error("the relay is busy; trying again in {retry_after_secs} s")]
    Unavailable {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// 507: the couple's space on the relay, or the relay as a whole, is used up; nothing more
    /// can be uploaded until space is freed. Not a network problem: retrying soon does not help.
    #[error("the relay is full: nothing more can be stored on it for now")]
    Full,
    /// Something too large to send or accept.
    #[error("{len} bytes is more than the relay accepts ({max})")]
    TooLarge {
        /// Size attempted.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The relay answered with bytes that are not a valid bundle page.
    #[error("the relay sent malformed data: {0}")]
    Protocol(#[from] ProtocolError),
    /// The relay answered something this client did not expect.
    #[error("the relay answered unexpectedly: {0}")]
    UnexpectedAnswer(String),
    /// Any other refusal, with the relay's own words.
    #[error("the relay refused the request ({status}): {message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// The error code, if the relay gave a known one.
        code: Option<ErrorCode>,
        /// The relay's message.
        message: String,
    },
}

impl RelayError {
    /// Whether trying again later may succeed (network trouble, busy relay).
    pub fn is_transient(&self) -> bool {
        match self {
            RelayError::Unreachable(_) | RelayError::RateLimited { .. } | RelayError::Unavailable { .. } => {
                true
            }
            RelayError::Refused { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// How long the relay asked us to wait before trying again, if it said.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            RelayError::RateLimited { retry_after_secs } | RelayError::Unavailable { retry_after_secs } => {
                Some(std::time::Duration::from_secs(*retry_after_secs))
            }
            _ => None,
        }
    }
}
