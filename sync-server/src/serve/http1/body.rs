//! A request body handed to the router, filled by the connection only when the handler asks for
//! the next piece: nothing is read from the client before it is wanted (a refused upload costs
//! the relay none of its body), and a handler that drops the body tells the connection so.

use super::framing::FramingError;
use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};

/// Why a body could not be read to its end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum BodyError {
    #[error("the client closed the connection before the whole body arrived")]
    Incomplete,
    #[error("the chunked body is malformed: {0}")]
    Framing(#[from] FramingError),
    #[error("reading the body failed: {0}")]
    Io(String),
}

/// What the connection and the body share.
#[derive(Debug, Default)]
struct Shared {
    /// The piece handed over and not taken yet.
    piece: Option<Result<Bytes, BodyError>>,
    /// The body asked for a piece it does not have.
    wanted: bool,
    /// No more pieces will come.
    ended: bool,
    /// The body was dropped.
    dropped: bool,
    /// The body's task, waiting for a piece.
    reader: Option<Waker>,
    /// The connection's task, waiting to be asked.
    writer: Option<Waker>,
}

/// The router's side: an `http_body::Body` of the pieces the connection hands over.
#[derive(Debug)]
pub(crate) struct RequestBody {
    shared: Arc<Mutex<Shared>>,
    /// Bytes still to come, when the head declared a length.
    remaining: Option<u64>,
}

/// The connection's side.
#[derive(Debug)]
pub(crate) struct BodySender {
    shared: Arc<Mutex<Shared>>,
}

/// What the body asks of the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Demand {
    /// The next piece.
    Piece,
    /// Nothing more: the handler dropped the body.
    Dropped,
}

/// A body of `length` bytes (`None`: chunked) and its sender.
pub(crate) fn channel(length: Option<u64>) -> (RequestBody, BodySender) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (RequestBody { shared: Arc::clone(&shared), remaining: length }, BodySender { shared })
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

impl BodySender {
    /// Ready when the body wants a piece (and has none waiting) or was dropped.
    pub(crate) fn poll_demand(&self, cx: &mut Context<'_>) -> Poll<Demand> {
        let mut shared = lock(&self.shared);
        if shared.dropped {
            return Poll::Ready(Demand::Dropped);
        }
        if shared.wanted && shared.piece.is_none() {
            return Poll::Ready(Demand::Piece);
        }
        shared.writer = Some(cx.waker().clone());
        Poll::Pending
    }

    /// Wait until the body wants a piece or was dropped.
    pub(crate) async fn demand(&self) -> Demand {
        std::future::poll_fn(|cx| self.poll_demand(cx)).await
    }

    /// Hand over a piece, or the error that ends the body.
    pub(crate) fn send(&self, piece: Result<Bytes, BodyError>) {
        let mut shared = lock(&self.shared);
        shared.wanted = false;
        shared.ended = piece.is_err();
        shared.piece = Some(piece);
        if let Some(reader) = shared.reader.take() {
            reader.wake();
        }
    }

    /// The body is over.
    pub(crate) fn end(&self) {
        let mut shared = lock(&self.shared);
        shared.ended = true;
        if let Some(reader) = shared.reader.take() {
            reader.wake();
        }
    }
}

impl Drop for BodySender {
    /// A connection that stops feeding the body without ending it (the client went away) leaves
    /// the handler an error, not a body that looks whole.
    fn drop(&mut self) {
        let mut shared = lock(&self.shared);
        if !shared.ended && shared.piece.is_none() {
            shared.piece = Some(Err(BodyError::Incomplete));
            shared.ended = true;
        }
        if let Some(reader) = shared.reader.take() {
            reader.wake();
        }
    }
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = BodyError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyError>>> {
        let this = self.get_mut();
        let mut shared = lock(&this.shared);
        if let Some(piece) = shared.piece.take() {
            if let (Ok(bytes), Some(remaining)) = (&piece, this.remaining.as_mut()) {
                *remaining = remaining.saturating_sub(bytes.len() as u64);
            }
            return Poll::Ready(Some(piece.map(Frame::data)));
        }
        if shared.ended {
            return Poll::Ready(None);
        }
        shared.wanted = true;
        shared.reader = Some(cx.waker().clone());
        if let Some(writer) = shared.writer.take() {
            writer.wake();
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == Some(0)
    }

    fn size_hint(&self) -> SizeHint {
        self.remaining.map_or_else(SizeHint::default, SizeHint::with_exact)
    }
}

impl Drop for RequestBody {
    fn drop(&mut self) {
        let mut shared = lock(&self.shared);
        shared.dropped = true;
        if let Some(writer) = shared.writer.take() {
            writer.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn pieces_are_read_only_when_the_body_asks_for_them() {
        let (mut body, sender) = channel(Some(5));
        assert_eq!(body.size_hint().exact(), Some(5));
        let waker = std::task::Waker::noop();
        assert!(sender.poll_demand(&mut Context::from_waker(waker)).is_pending(), "nobody asked yet");
        let reader = tokio::spawn(async move {
            let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
            let second = body.frame().await.unwrap().unwrap().into_data().unwrap();
            assert!(body.is_end_stream());
            assert!(body.frame().await.is_none());
            [first, second].concat()
        });
        assert_eq!(sender.demand().await, Demand::Piece);
        sender.send(Ok(Bytes::from_static(b"he")));
        assert_eq!(sender.demand().await, Demand::Piece);
        sender.send(Ok(Bytes::from_static(b"llo")));
        sender.end();
        assert_eq!(reader.await.unwrap(), b"hello");
    }

    #[tokio::test]
    async fn a_dropped_body_and_a_vanished_client_are_told_apart() {
        let (body, sender) = channel(None);
        drop(body);
        assert_eq!(sender.demand().await, Demand::Dropped);

        let (mut body, sender) = channel(Some(10));
        drop(sender);
        assert_eq!(body.frame().await.unwrap().unwrap_err(), BodyError::Incomplete);
    }
}
