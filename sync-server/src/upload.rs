//! Sealed uploads (bundles, snapshots, pairing messages): the content type is checked when the
//! request arrives, but the body is only read after the handler has let the client in, within the
//! route's size limit, the body timeout and a minimum rate, holding bytes of the upload budget as
//! they arrive (see [`crate::budget`]).

use crate::budget::{Reservation, Scope};
use crate::client::Client;
use crate::error::AppError;
use crate::state::AppState;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use http_body_util::BodyExt;
use mend_shared::protocol::SEALED_CONTENT_TYPE;
use std::time::Duration;
use tokio::time::Instant;

/// How long a body may take before the minimum rate applies: time to open up a slow link.
const RATE_GRACE: Duration = Duration::from_secs(3);

/// An unread `application/octet-stream` body. Read it with [`Upload::read`] once the request is
/// allowed; a refused request never costs the relay its body.
#[derive(Debug)]
pub struct Upload {
    body: Body,
    client: Client,
}

/// Whether the request says its body is `application/octet-stream` (parameters allowed).
fn is_octet_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(SEALED_CONTENT_TYPE))
}

impl FromRequest<AppState> for Upload {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        if !is_octet_stream(req.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let client = Client::of_request(&req, state.config().trust_forwarded_for);
        Ok(Upload { body: req.into_body(), client })
    }
}

/// When the next piece of a body must have arrived: by the body timeout, and — past the grace —
/// soon enough that the average rate since the start stays at least `min_rate` bytes per second.
fn next_deadline(started: Instant, received: usize, min_rate: u64, timeout: Duration) -> (Instant, bool) {
    let overall = started + timeout;
    if min_rate == 0 {
        return (overall, false);
    }
    let earned = Duration::from_secs_f64(received as f64 / min_rate as f64);
    let by_rate = started + RATE_GRACE + earned;
    if by_rate < overall { (by_rate, true) } else { (overall, false) }
}

impl Upload {
    /// Read the whole body into `scope` (its room or nameplate): at most `limit` bytes, within the
    /// request timeout and the minimum rate, holding its bytes of the upload budget for as long
    /// as the returned [`Received`] lives.
    pub async fn read(self, state: &AppState, limit: usize, scope: Scope) -> Result<Received, AppError> {
        let Upload { mut body, client } = self;
        // A declared length over the limit is refused before a byte is read.
        if body.size_hint().lower() > limit as u64 {
            return Err(AppError::PayloadTooLarge { limit });
        }
        let mut reservation = state.uploads().reservation(client, scope);
        let config = state.config();
        let started = Instant::now();
        let mut chunks: Vec<Bytes> = Vec::new();
        let mut received = 0usize;
        loop {
            let (deadline, by_rate) =
                next_deadline(started, received, config.min_upload_bytes_per_sec, config.request_timeout);
            let frame = match tokio::time::timeout_at(deadline, body.frame()).await {
                Err(_) if by_rate => {
                    return Err(AppError::BodyTooSlow { min_rate: config.min_upload_bytes_per_sec });
                }
                Err(_) => return Err(AppError::RequestTimeout { secs: config.request_timeout.as_secs() }),
                Ok(None) => break,
                Ok(Some(Err(error))) => {
                    return Err(AppError::BadRequest(format!("the body could not be read: {error}")));
                }
                Ok(Some(Ok(frame))) => frame,
            };
            let Ok(data) = frame.into_data() else { continue };
            if received + data.len() > limit {
                return Err(AppError::PayloadTooLarge { limit });
            }
            reservation.grow(data.len())?;
            received += data.len();
            chunks.push(data);
        }
        if received == 0 {
            return Err(AppError::EmptyBody);
        }
        let bytes = match chunks.len() {
            1 => chunks.pop().unwrap_or_default(),
            _ => Bytes::from(chunks.concat()),
        };
        Ok(Received { bytes, _reservation: reservation })
    }
}

/// A body in memory, counted against the upload budget until dropped (after its write committed).
#[derive(Debug)]
pub struct Received {
    /// The sealed bytes.
    pub bytes: Bytes,
    _reservation: Reservation,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octet_stream_is_recognised_with_parameters_and_any_case() {
        let mut headers = HeaderMap::new();
        assert!(!is_octet_stream(&headers));
        headers.insert(header::CONTENT_TYPE, "Application/Octet-Stream; x=1".parse().unwrap());
        assert!(is_octet_stream(&headers));
        headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        assert!(!is_octet_stream(&headers));
    }

    #[test]
    fn a_body_must_keep_up_its_average_rate_after_the_grace() {
        let start = Instant::now();
        let timeout = Duration::from_secs(30);
        assert_eq!(next_deadline(start, 0, 1000, timeout), (start + RATE_GRACE, true));
        // 5,000 bytes earn five more seconds at 1,000 bytes/s.
        assert_eq!(
            next_deadline(start, 5000, 1000, timeout),
            (start + RATE_GRACE + Duration::from_secs(5), true)
        );
        // The body timeout still caps it, and a zero rate means only the timeout applies.
        assert_eq!(next_deadline(start, 1 << 20, 1000, timeout), (start + timeout, false));
        assert_eq!(next_deadline(start, 0, 0, timeout), (start + timeout, false));
    }
}
