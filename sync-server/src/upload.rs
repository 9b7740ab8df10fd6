//! Sealed uploads (bundles, snapshots, pairing messages): the content type is checked when the
//! request arrives, but the body is only read after the handler has let the client in, within the
//! route's size limit, the relay-wide budget of upload bytes in memory, and the body timeout.

use crate::error::AppError;
use crate::state::AppState;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use mend_shared::protocol::SEALED_CONTENT_TYPE;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// An unread `application/octet-stream` body. Read it with [`Upload::read`] once the request is
/// allowed; a refused request never costs the relay its body.
#[derive(Debug)]
pub struct Upload(Body);

/// Whether the request says its body is `application/octet-stream` (parameters allowed).
fn is_octet_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(SEALED_CONTENT_TYPE))
}

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = AppError;

    async fn from_request(req: Request, _: &S) -> Result<Self, AppError> {
        if !is_octet_stream(req.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        Ok(Upload(req.into_body()))
    }
}

impl Upload {
    /// Read the whole body: at most `limit` bytes, within the request timeout, holding a share of
    /// the relay's upload budget for as long as the returned [`Received`] lives.
    pub async fn read(self, state: &AppState, limit: usize) -> Result<Received, AppError> {
        let body = self.0;
        let hint = body.size_hint();
        // A declared length over the limit is refused before a byte is read.
        if hint.lower() > limit as u64 {
            return Err(AppError::PayloadTooLarge { limit });
        }
        // A chunked body of unknown length may be as long as the limit, so it holds that much.
        let expected = hint.exact().map_or(limit, |n| n as usize);
        let reservation = state.uploads().reserve(expected)?;
        let timeout = state.config().request_timeout;
        let collected = tokio::time::timeout(timeout, Limited::new(body, limit).collect())
            .await
            .map_err(|_| AppError::RequestTimeout { secs: timeout.as_secs() })?;
        let bytes = match collected {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
                return Err(AppError::PayloadTooLarge { limit });
            }
            Err(error) => return Err(AppError::BadRequest(format!("the body could not be read: {error}"))),
        };
        if bytes.is_empty() {
            return Err(AppError::EmptyBody);
        }
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

/// The relay-wide budget of upload bytes held in memory.
#[derive(Debug)]
pub struct UploadBudget {
    limit: usize,
    used: AtomicUsize,
}

impl UploadBudget {
    /// A budget of `limit` bytes.
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(UploadBudget { limit, used: AtomicUsize::new(0) })
    }

    /// Hold `bytes` of the budget, or answer 503 `busy` when they do not fit right now.
    pub fn reserve(self: &Arc<Self>, bytes: usize) -> Result<Reservation, AppError> {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|&total| total <= self.limit)
            })
            .map_err(|_| AppError::Busy)?;
        Ok(Reservation { budget: Arc::clone(self), bytes })
    }

    /// Bytes held right now.
    pub fn in_use(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }
}

/// A share of the upload budget, given back when dropped.
#[derive(Debug)]
pub struct Reservation {
    budget: Arc<UploadBudget>,
    bytes: usize,
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.budget.used.fetch_sub(self.bytes, Ordering::AcqRel);
    }
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
    fn the_budget_refuses_what_does_not_fit_and_frees_on_drop() {
        let budget = UploadBudget::new(100);
        let a = budget.reserve(60).unwrap();
        assert!(matches!(budget.reserve(41), Err(AppError::Busy)));
        let b = budget.reserve(40).unwrap();
        assert_eq!(budget.in_use(), 100);
        drop(a);
        assert_eq!(budget.in_use(), 40);
        budget.reserve(60).unwrap();
        drop(b);
        assert_eq!(budget.in_use(), 0);
    }
}
