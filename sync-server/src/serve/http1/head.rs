//! A request head, read from the bytes a client sent: the request line and headers parsed with
//! `httparse`, limited in size and count, and how its body is framed (RFC 9112 §6), refusing the
//! ambiguous framings that request smuggling relies on.

use super::framing::Framing;
use axum::http::{self, HeaderMap, HeaderName, HeaderValue, Method, Uri, Version, header};

/// Most headers in one request (as many as hyper allowed).
pub(crate) const MAX_HEADERS: usize = 100;

/// Most bytes of one request head, request line included.
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Longest request target.
pub(crate) const MAX_URI_BYTES: usize = 8 * 1024;

/// A parsed head and what the connection needs to know about its request.
#[derive(Debug)]
pub(crate) struct Head {
    /// The request, without its body.
    pub(crate) request: http::Request<()>,
    /// How the body that follows is framed.
    pub(crate) framing: Framing,
    /// Whether the client keeps the connection open after this request.
    pub(crate) keep_alive: bool,
    /// Whether the client waits for `100 Continue` before sending the body.
    pub(crate) expects_continue: bool,
}

/// Why a head was refused; each is answered with its status and closes the connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum HeadError {
    #[error("the request could not be read: its request line or a header is malformed")]
    Malformed,
    #[error("the request's URI is too long")]
    UriTooLong,
    #[error("the request's headers are too many or too large")]
    HeadersTooLarge,
    #[error("the request's body length is ambiguous: {0}")]
    AmbiguousLength(&'static str),
    #[error("the request's transfer coding is not supported; send the body with a Content-Length or chunked")]
    UnsupportedCoding,
}

impl HeadError {
    /// The status it is answered with.
    pub(crate) fn status(&self) -> u16 {
        match self {
            HeadError::Malformed | HeadError::AmbiguousLength(_) => 400,
            HeadError::UriTooLong => 414,
            HeadError::HeadersTooLarge => 431,
            HeadError::UnsupportedCoding => 501,
        }
    }
}

/// The head at the start of `bytes` and its length, `None` while it is still incomplete.
pub(crate) fn parse(bytes: &[u8]) -> Result<Option<(Head, usize)>, HeadError> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut slots);
    let length = match parsed.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return incomplete(bytes),
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::HeadersTooLarge),
        Err(_) => return Err(HeadError::Malformed),
    };
    let (Some(method), Some(target), Some(minor)) = (parsed.method, parsed.path, parsed.version) else {
        return Err(HeadError::Malformed);
    };
    if target.len() > MAX_URI_BYTES {
        return Err(HeadError::UriTooLong);
    }
    if length > MAX_HEAD_BYTES {
        return Err(HeadError::HeadersTooLarge);
    }
    let method = Method::from_bytes(method.as_bytes()).map_err(|_| HeadError::Malformed)?;
    let uri = Uri::try_from(target).map_err(|_| HeadError::Malformed)?;
    let version = if minor == 0 { Version::HTTP_10 } else { Version::HTTP_11 };
    let mut headers = HeaderMap::with_capacity(parsed.headers.len());
    for h in parsed.headers.iter() {
        let name = HeaderName::from_bytes(h.name.as_bytes()).map_err(|_| HeadError::Malformed)?;
        let value = HeaderValue::from_bytes(h.value).map_err(|_| HeadError::Malformed)?;
        headers.append(name, value);
    }
    let framing = framing(&headers, version)?;
    let keep_alive = version == Version::HTTP_11 && !has_token(&headers, header::CONNECTION, "close");
    let expects_continue = version == Version::HTTP_11
        && !matches!(framing, Framing::Done)
        && headers.get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let mut request = http::Request::new(());
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.version_mut() = version;
    *request.headers_mut() = headers;
    Ok(Some((Head { request, framing, keep_alive, expects_continue }, length)))
}

/// An incomplete head is waited for, unless it is already longer than any head may be.
fn incomplete(bytes: &[u8]) -> Result<Option<(Head, usize)>, HeadError> {
    if bytes.len() <= MAX_HEAD_BYTES {
        return Ok(None);
    }
    // Still in the request line: it is the target that is too long.
    if !bytes.contains(&b'\n') { Err(HeadError::UriTooLong) } else { Err(HeadError::HeadersTooLarge) }
}

/// How the body is framed: chunked, a length, or none (a request without either has no body).
fn framing(headers: &HeaderMap, version: Version) -> Result<Framing, HeadError> {
    let codings = headers.get_all(header::TRANSFER_ENCODING);
    if codings.iter().next().is_some() {
        if version == Version::HTTP_10 {
            return Err(HeadError::AmbiguousLength("HTTP/1.0 has no transfer codings"));
        }
        if headers.contains_key(header::CONTENT_LENGTH) {
            return Err(HeadError::AmbiguousLength("both Transfer-Encoding and Content-Length"));
        }
        let mut names = Vec::new();
        for value in codings {
            let value = value.to_str().map_err(|_| HeadError::Malformed)?;
            names.extend(value.split(',').map(str::trim).filter(|c| !c.is_empty()));
        }
        // Chunked, once, and alone: any other coding is one the relay would have to undo.
        return match names.as_slice() {
            [only] if only.eq_ignore_ascii_case("chunked") => Ok(Framing::chunked()),
            _ => Err(HeadError::UnsupportedCoding),
        };
    }
    let mut length = None;
    for value in headers.get_all(header::CONTENT_LENGTH) {
        for part in value.to_str().map_err(|_| HeadError::Malformed)?.split(',') {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || part.len() > 19 {
                return Err(HeadError::AmbiguousLength("Content-Length is not a number"));
            }
            let n: u64 =
                part.parse().map_err(|_| HeadError::AmbiguousLength("Content-Length is not a number"))?;
            if length.is_some_and(|seen| seen != n) {
                return Err(HeadError::AmbiguousLength("two different Content-Length values"));
            }
            length = Some(n);
        }
    }
    Ok(match length {
        None | Some(0) => Framing::Done,
        Some(n) => Framing::Length { remaining: n },
    })
}

/// Whether a comma-separated header holds `token` (any case).
fn has_token(headers: &HeaderMap, name: HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> Result<Option<(Head, usize)>, HeadError> {
        parse(raw.as_bytes())
    }

    fn complete(raw: &str) -> Head {
        let (head, length) = head(raw).unwrap().expect("a complete head");
        assert_eq!(length, raw.find("\r\n\r\n").unwrap() + 4);
        head
    }

    #[test]
    fn a_complete_head_gives_the_request_its_framing_and_keep_alive() {
        let raw = "PUT /v1/rooms/ab?x=1 HTTP/1.1\r\nHost: relay\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello";
        let head = complete(raw);
        assert_eq!(head.request.method(), Method::PUT);
        assert_eq!(head.request.uri().path(), "/v1/rooms/ab");
        assert_eq!(head.request.uri().query(), Some("x=1"));
        assert_eq!(head.request.headers().get_all("x-a").iter().count(), 2);
        assert_eq!(head.framing, Framing::Length { remaining: 5 });
        assert!(head.keep_alive && !head.expects_continue);
    }

    #[test]
    fn a_head_is_waited_for_until_it_is_whole() {
        assert!(head("GET /healthz HTTP/1.1\r\nHost: x\r\n").unwrap().is_none());
        assert!(head("GET /hea").unwrap().is_none());
    }

    #[test]
    fn connection_close_and_http_1_0_end_the_connection_after_the_answer() {
        assert!(!complete("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keep_alive);
        assert!(!complete("GET / HTTP/1.0\r\n\r\n").keep_alive);
    }

    #[test]
    fn chunked_bodies_are_framed_and_expect_continue_is_noticed() {
        let head = complete("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-Continue\r\n\r\n");
        assert_eq!(head.framing, Framing::chunked());
        assert!(head.expects_continue);
        // Nothing to continue to without a body.
        assert!(!complete("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n").expects_continue);
    }

    #[test]
    fn framings_that_smuggle_a_request_are_refused() {
        let cases = [
            "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
            "PUT / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
            "PUT / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\n",
            "PUT / HTTP/1.1\r\nContent-Length: +3\r\n\r\n",
            "PUT / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "PUT / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
        ];
        for raw in cases {
            assert!(matches!(head(raw), Err(HeadError::AmbiguousLength(_))), "{raw:?}");
        }
        for raw in [
            "PUT / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "PUT / HTTP/1.1\r\nTransfer-Encoding: chunkedx\r\n\r\n",
        ] {
            assert_eq!(head(raw).unwrap_err(), HeadError::UnsupportedCoding, "{raw:?}");
        }
        // The same length twice is one length.
        assert_eq!(
            complete("PUT / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n").framing,
            Framing::Length { remaining: 3 }
        );
    }

    #[test]
    fn malformed_heads_get_their_status() {
        assert_eq!(head("BLAH\r\n\r\n").unwrap_err().status(), 400);
        assert_eq!(head("GET / HTTP/1.1\r\nNo colon here\r\n\r\n").unwrap_err().status(), 400);
        assert_eq!(head("GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n").unwrap_err().status(), 400);
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: v\r\n")).collect();
        assert_eq!(head(&format!("GET / HTTP/1.1\r\n{many}\r\n")).unwrap_err(), HeadError::HeadersTooLarge);
        let long = "a".repeat(MAX_URI_BYTES + 1);
        assert_eq!(head(&format!("GET /{long} HTTP/1.1\r\n\r\n")).unwrap_err(), HeadError::UriTooLong);
        let endless = format!("GET /{}", "a".repeat(MAX_HEAD_BYTES));
        assert_eq!(head(&endless).unwrap_err(), HeadError::UriTooLong);
        let endless = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEAD_BYTES));
        assert_eq!(head(&endless).unwrap_err(), HeadError::HeadersTooLarge);
    }
}
