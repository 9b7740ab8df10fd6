//! Writing an answer: the status line and headers, then the body with a `content-length` when
//! its size is known (in one write with the head when it is small) or chunked when it is not,
//! and no body where HTTP has none (`HEAD`, 1xx, 204, 304).

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use http_body::Body as _;
use http_body_util::BodyExt;
use std::io::{self, Write as _};
use std::time::SystemTime;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Bodies up to this size go out in one write with their head.
const COALESCE_BYTES: usize = 16 * 1024;

/// How the answer's body is framed on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyFraming {
    /// No body at all.
    None,
    /// Exactly this many bytes.
    Length(u64),
    /// Chunked, for a body of unknown size.
    Chunked,
}

/// Write `response` to `out`. `head_only` is true for a `HEAD` request; `keep_alive` is whether
/// the connection stays open after it. Returns whether it still may (a body that did not match its
/// declared length closes it).
///
/// The head is made before the future exists, so the future (part of every connection's, see
/// [`super::serve`]) holds only what the writes need, not the answer's headers.
pub(crate) fn write<W: AsyncWrite + Unpin>(
    out: &mut W,
    response: Response,
    head_only: bool,
    keep_alive: bool,
) -> impl Future<Output = io::Result<bool>> {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    let framing = if status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
    {
        BodyFraming::None
    } else if let Some(declared) = declared_length(&parts.headers) {
        BodyFraming::Length(declared)
    } else if let Some(exact) = body.size_hint().exact() {
        BodyFraming::Length(exact)
    } else {
        BodyFraming::Chunked
    };
    let wire = head(status, &parts.headers, framing, keep_alive);
    let framing = if head_only { BodyFraming::None } else { framing };
    async move {
        if framing != BodyFraming::None {
            send_body(out, wire, body, framing).await?;
        } else {
            out.write_all(&wire).await?;
            out.flush().await?;
        }
        Ok(keep_alive)
    }
}

/// Write `wire` (the head) and the body framed as `framing`; an error if the body does not match
/// its declared length.
async fn send_body<W: AsyncWrite + Unpin>(
    out: &mut W,
    mut wire: Vec<u8>,
    mut body: Body,
    framing: BodyFraming,
) -> io::Result<()> {
    let mut sent = 0u64;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(io::Error::other)?;
        let Ok(data) = frame.into_data() else { continue };
        if data.is_empty() {
            continue;
        }
        sent += data.len() as u64;
        if let BodyFraming::Length(length) = framing
            && sent > length
        {
            return Err(io::Error::other("the answer's body is longer than its content-length"));
        }
        if framing == BodyFraming::Chunked {
            write!(wire, "{:x}\r\n", data.len())?;
        }
        if wire.len() + data.len() <= COALESCE_BYTES {
            wire.extend_from_slice(&data);
        } else {
            if !wire.is_empty() {
                out.write_all(&wire).await?;
                wire.clear();
            }
            out.write_all(&data).await?;
        }
        if framing == BodyFraming::Chunked {
            wire.extend_from_slice(b"\r\n");
        }
    }
    if framing == BodyFraming::Chunked {
        wire.extend_from_slice(b"0\r\n\r\n");
    }
    out.write_all(&wire).await?;
    out.flush().await?;
    match framing {
        BodyFraming::Length(length) if sent != length => {
            Err(io::Error::other("the answer's body is shorter than its content-length"))
        }
        _ => Ok(()),
    }
}

/// The status line and headers, with our framing headers in place of any the answer carried.
fn head(status: StatusCode, headers: &HeaderMap, framing: BodyFraming, keep_alive: bool) -> Vec<u8> {
    let mut wire = Vec::with_capacity(256);
    let reason = status.canonical_reason().unwrap_or("");
    let _ = write!(wire, "HTTP/1.1 {} {reason}\r\n", status.as_u16());
    for (name, value) in headers {
        if name == header::CONTENT_LENGTH || name == header::TRANSFER_ENCODING || name == header::CONNECTION {
            continue;
        }
        line(&mut wire, name.as_str(), value.as_bytes());
    }
    if !headers.contains_key(header::DATE) {
        let date = httpdate::fmt_http_date(SystemTime::now());
        line(&mut wire, "date", date.as_bytes());
    }
    match framing {
        BodyFraming::None => {}
        BodyFraming::Length(length) => {
            let _ = write!(wire, "content-length: {length}\r\n");
        }
        BodyFraming::Chunked => line(&mut wire, "transfer-encoding", b"chunked"),
    }
    if !keep_alive {
        line(&mut wire, "connection", b"close");
    }
    wire.extend_from_slice(b"\r\n");
    wire
}

fn line(wire: &mut Vec<u8>, name: &str, value: &[u8]) {
    wire.extend_from_slice(name.as_bytes());
    wire.extend_from_slice(b": ");
    wire.extend_from_slice(value);
    wire.extend_from_slice(b"\r\n");
}

/// The answer's own `content-length` (axum sets it, also on `HEAD` answers whose body it dropped).
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH).and_then(|v: &HeaderValue| v.to_str().ok()?.parse().ok())
}

/// `100 Continue`, for a client that waits for it before sending its body.
pub(crate) const CONTINUE: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, Bytes};
    use std::collections::VecDeque;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// A body of these pieces whose size nobody knows in advance.
    struct Pieces(VecDeque<&'static str>);

    impl http_body::Body for Pieces {
        type Data = Bytes;
        type Error = io::Error;

        fn poll_frame(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
            Poll::Ready(self.get_mut().0.pop_front().map(|p| Ok(http_body::Frame::data(Bytes::from(p)))))
        }
    }

    async fn written(response: Response, head_only: bool, keep_alive: bool) -> (String, io::Result<bool>) {
        let mut out = Vec::new();
        let result = write(&mut out, response, head_only, keep_alive).await;
        (String::from_utf8(out).unwrap(), result)
    }

    fn without_date(wire: &str) -> String {
        wire.lines().filter(|l| !l.starts_with("date: ")).collect::<Vec<_>>().join("\n")
    }

    #[tokio::test]
    async fn a_known_size_goes_out_with_its_length_and_a_date() {
        let response = Response::builder().header("x-a", "1").body(Body::from("hello")).unwrap();
        let (wire, kept) = written(response, false, true).await;
        assert!(kept.unwrap());
        assert!(wire.contains("\r\ndate: "), "{wire}");
        assert_eq!(without_date(&wire), "HTTP/1.1 200 OK\nx-a: 1\ncontent-length: 5\n\nhello");
    }

    #[tokio::test]
    async fn an_unknown_size_is_chunked_and_a_closing_answer_says_so() {
        let response = Response::new(Body::new(Pieces(VecDeque::from(["ab", "cde"]))));
        let (wire, kept) = written(response, false, false).await;
        assert!(!kept.unwrap());
        assert_eq!(
            without_date(&wire),
            "HTTP/1.1 200 OK\ntransfer-encoding: chunked\nconnection: close\n\n2\nab\n3\ncde\n0\n"
        );
    }

    #[tokio::test]
    async fn head_answers_and_no_content_carry_no_body() {
        let response = Response::builder().header("content-length", "5").body(Body::empty()).unwrap();
        let (wire, _) = written(response, true, true).await;
        assert_eq!(without_date(&wire), "HTTP/1.1 200 OK\ncontent-length: 5\n");
        let response = Response::builder().status(204).body(Body::from("x")).unwrap();
        let (wire, _) = written(response, false, true).await;
        assert_eq!(without_date(&wire), "HTTP/1.1 204 No Content\n");
    }

    #[tokio::test]
    async fn a_body_longer_than_its_length_is_cut_not_sent() {
        let response = Response::builder().header("content-length", "2").body(Body::from("hello")).unwrap();
        let (wire, result) = written(response, false, true).await;
        assert!(result.is_err());
        assert!(!wire.contains("hello"));
    }
}
