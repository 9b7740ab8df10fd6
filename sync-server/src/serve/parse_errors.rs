//! Our JSON `{error, message}` for the errors hyper answers itself. A request hyper cannot parse
//! (a malformed request line or header, too many or too large headers, an over-long URI) never
//! reaches the router: hyper writes a bare `400`, `414` or `431` with an empty body and closes.
//! This wrapper around the socket recognises exactly that answer as it is written and sends ours
//! instead, keeping the status.
//!
//! The relay itself never answers a 4xx with an empty body (every error is JSON), so an empty 400,
//! 414 or 431 head written as one whole write can only be hyper's. (Body bytes of a response that
//! happened to start a write and to look exactly like such a head could only come from the
//! client's own sealed data, on the client's own connection.)

use crate::error::error_response_bytes;
use mend_shared::protocol::ErrorCode;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A socket whose bare parse-error answers are replaced with JSON ones.
#[derive(Debug)]
pub(crate) struct JsonParseErrors<T> {
    inner: T,
    /// Our answer, and how much of it is written.
    replacement: Option<(Vec<u8>, usize)>,
}

impl<T> JsonParseErrors<T> {
    pub(crate) fn new(inner: T) -> Self {
        JsonParseErrors { inner, replacement: None }
    }
}

/// Our answer for hyper's `head`, if `head` is one of hyper's bare parse-error answers.
fn replacement_for(head: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(head).ok()?;
    let rest = text.strip_prefix("HTTP/1.1 ")?;
    let (status, message) = match rest.get(..4)? {
        "400 " => (400, "the request could not be read: its request line or a header is malformed"),
        "414 " => (414, "the request's URI is too long"),
        "431 " => (431, "the request's headers are too many or too large"),
        _ => return None,
    };
    let mut lines = text.strip_suffix("\r\n\r\n")?.split("\r\n").skip(1);
    let mut length_zero = false;
    for line in lines.by_ref() {
        let (name, value) = line.split_once(": ")?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" if value == "0" => length_zero = true,
            "date" | "connection" => {}
            _ => return None,
        }
    }
    length_zero.then(|| error_response_bytes(status, ErrorCode::BadRequest, message))
}

impl<T: AsyncWrite + Unpin> JsonParseErrors<T> {
    /// Write out what is left of our answer.
    fn poll_replacement(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = self.replacement.as_mut() {
            if *written == bytes.len() {
                self.replacement = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonParseErrors<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonParseErrors<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        ready!(self.poll_replacement(cx))?;
        if let Some(ours) = replacement_for(buf) {
            self.replacement = Some((ours, 0));
            // hyper's bytes count as written; ours go out now and on flush.
            let _ = self.poll_replacement(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.poll_replacement(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.poll_replacement(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hypers_bare_error_heads_are_replaced() {
        let hyper_400 =
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: Sun, 01 Nov 2026 04:00:00 GMT\r\n\r\n";
        let ours = String::from_utf8(replacement_for(hyper_400).unwrap()).unwrap();
        assert!(ours.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{ours}");
        assert!(ours.contains("content-type: application/json\r\n"), "{ours}");
        assert!(ours.ends_with(r#""error":"bad_request","message":"the request could not be read: its request line or a header is malformed"}"#), "{ours}");
        let hyper_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n";
        assert!(
            String::from_utf8(replacement_for(hyper_431).unwrap()).unwrap().contains("too many or too large")
        );

        // Our own answers, and anything with a body or another status, pass untouched.
        for other in [
            &b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 20\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\nbody",
            b"\x00\x01binary",
        ] {
            assert_eq!(replacement_for(other), None, "{}", String::from_utf8_lossy(other));
        }
    }
}
