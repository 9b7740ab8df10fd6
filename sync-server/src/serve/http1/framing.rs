//! A request body's framing, decoded from the connection's bytes: a known length, or chunked
//! (RFC 9112 §7.1) with bounded chunk-size lines and trailers. Decoding is a step over the bytes
//! already read, so reading more can be cancelled at any point without losing any.

use axum::body::Bytes;
use bytes::{Buf, BytesMut};

/// Longest chunk-size line (with any chunk extensions) or trailer line.
const MAX_LINE_BYTES: usize = 4096;

/// Most bytes of trailers after the last chunk.
const MAX_TRAILER_BYTES: usize = 16 * 1024;

/// How much of the body is still to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// This many bytes.
    Length { remaining: u64 },
    /// Chunked, at this point of a chunk.
    Chunked(Chunk),
    /// The body is over (or there was none).
    Done,
}

/// Where a chunked body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chunk {
    /// Before a chunk-size line.
    Size,
    /// In a chunk's data.
    Data { remaining: u64 },
    /// After a chunk's data, before its CRLF.
    DataEnd,
    /// After the last chunk: trailer lines (ignored) until an empty one; `seen` bytes so far.
    Trailers { seen: usize },
}

/// A body that does not follow its framing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum FramingError {
    #[error("a chunk size is malformed")]
    ChunkSize,
    #[error("a chunk does not end with CRLF")]
    ChunkEnd,
    #[error("the trailers are malformed or too large")]
    Trailers,
}

/// What one step over the bytes read gave.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// A piece of the body.
    Piece(Bytes),
    /// The body is over.
    End,
    /// More bytes must be read first.
    NeedMore,
}

impl Framing {
    /// A chunked body, before its first chunk.
    pub(crate) fn chunked() -> Framing {
        Framing::Chunked(Chunk::Size)
    }

    /// The body's exact length, when the head declared one.
    pub(crate) fn exact_length(&self) -> Option<u64> {
        match self {
            Framing::Length { remaining } => Some(*remaining),
            Framing::Done => Some(0),
            Framing::Chunked(_) => None,
        }
    }

    /// Take the next piece of the body from `buf`, consuming what it used (at most `max` bytes
    /// of data at once).
    pub(crate) fn step(&mut self, buf: &mut BytesMut, max: usize) -> Result<Step, FramingError> {
        loop {
            match self {
                Framing::Done => return Ok(Step::End),
                Framing::Length { remaining } => {
                    return Ok(match take(buf, remaining, max) {
                        Some(piece) => {
                            if *remaining == 0 {
                                *self = Framing::Done;
                            }
                            Step::Piece(piece)
                        }
                        None if *remaining == 0 => {
                            *self = Framing::Done;
                            Step::End
                        }
                        None => Step::NeedMore,
                    });
                }
                Framing::Chunked(Chunk::Size) => {
                    let Some(line) = line(buf, MAX_LINE_BYTES).map_err(|()| FramingError::ChunkSize)? else {
                        return Ok(Step::NeedMore);
                    };
                    let size = chunk_size(&line)?;
                    *self = Framing::Chunked(match size {
                        0 => Chunk::Trailers { seen: 0 },
                        n => Chunk::Data { remaining: n },
                    });
                }
                Framing::Chunked(Chunk::Data { remaining }) => {
                    let piece = take(buf, remaining, max);
                    if *remaining == 0 {
                        *self = Framing::Chunked(Chunk::DataEnd);
                    }
                    return Ok(piece.map_or(Step::NeedMore, Step::Piece));
                }
                Framing::Chunked(Chunk::DataEnd) => {
                    if buf.len() < 2 {
                        return Ok(Step::NeedMore);
                    }
                    if &buf[..2] != b"\r\n" {
                        return Err(FramingError::ChunkEnd);
                    }
                    buf.advance(2);
                    *self = Framing::Chunked(Chunk::Size);
                }
                Framing::Chunked(Chunk::Trailers { seen }) => {
                    let Some(line) = line(buf, MAX_LINE_BYTES).map_err(|()| FramingError::Trailers)? else {
                        return Ok(Step::NeedMore);
                    };
                    if line.is_empty() {
                        *self = Framing::Done;
                        return Ok(Step::End);
                    }
                    *seen += line.len() + 2;
                    if *seen > MAX_TRAILER_BYTES || !line.contains(&b':') {
                        return Err(FramingError::Trailers);
                    }
                }
            }
        }
    }
}

/// Up to `max` bytes of the `remaining` ones from `buf`, copied out so the connection's buffer is
/// never held by a body.
fn take(buf: &mut BytesMut, remaining: &mut u64, max: usize) -> Option<Bytes> {
    let n = usize::try_from(*remaining).unwrap_or(usize::MAX).min(buf.len()).min(max);
    if n == 0 {
        return None;
    }
    let piece = Bytes::copy_from_slice(&buf[..n]);
    buf.advance(n);
    *remaining -= n as u64;
    Some(piece)
}

/// The next CRLF-terminated line in `buf`, taken out without its CRLF; `Err` if no line ends
/// within `limit` bytes.
fn line(buf: &mut BytesMut, limit: usize) -> Result<Option<BytesMut>, ()> {
    match buf.iter().take(limit).position(|&b| b == b'\n') {
        Some(end) if end > 0 && buf[end - 1] == b'\r' => {
            let mut line = buf.split_to(end + 1);
            line.truncate(end - 1);
            Ok(Some(line))
        }
        Some(_) => Err(()),
        None if buf.len() >= limit => Err(()),
        None => Ok(None),
    }
}

/// A chunk-size line's size: hex digits, then optional whitespace and `;extensions` (ignored).
fn chunk_size(line: &[u8]) -> Result<u64, FramingError> {
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    let rest = &line[digits..];
    let rest = rest.trim_ascii_start();
    if digits == 0 || digits > 15 || !(rest.is_empty() || rest[0] == b';') {
        return Err(FramingError::ChunkSize);
    }
    let text = std::str::from_utf8(&line[..digits]).map_err(|_| FramingError::ChunkSize)?;
    u64::from_str_radix(text, 16).map_err(|_| FramingError::ChunkSize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece of the body in `wire`, fed `split` bytes at a time, and what is left after it.
    fn decode(mut framing: Framing, wire: &[u8], split: usize) -> Result<(Vec<u8>, Vec<u8>), FramingError> {
        let mut buf = BytesMut::new();
        let mut fed = 0;
        let mut body = Vec::new();
        loop {
            match framing.step(&mut buf, 3)? {
                Step::Piece(piece) => body.extend_from_slice(&piece),
                Step::End => return Ok((body, buf.to_vec())),
                Step::NeedMore => {
                    assert!(fed < wire.len(), "the body ran out of bytes");
                    let next = (fed + split).min(wire.len());
                    buf.extend_from_slice(&wire[fed..next]);
                    fed = next;
                }
            }
        }
    }

    #[test]
    fn a_length_framed_body_stops_at_its_length_and_leaves_the_next_request() {
        for split in [1, 2, 7, 100] {
            let (body, rest) = decode(Framing::Length { remaining: 5 }, b"helloGET /", split).unwrap();
            assert_eq!(body, b"hello");
            assert!(b"GET /".starts_with(&rest), "split {split}: {rest:?}");
        }
    }

    #[test]
    fn a_chunked_body_is_decoded_whatever_the_reads_look_like() {
        let wire = b"5\r\nhello\r\n6;name=v\r\n world\r\nA \r\n0123456789\r\n0\r\nX-T: 1\r\n\r\nNEXT";
        for split in [1, 2, 3, 5, 64] {
            let (body, rest) = decode(Framing::chunked(), wire, split).unwrap();
            assert_eq!(body, b"hello world0123456789", "split {split}");
            assert!(b"NEXT".starts_with(&rest), "split {split}");
        }
    }

    #[test]
    fn malformed_chunking_is_an_error_not_a_guess() {
        let cases: [(&[u8], FramingError); 6] = [
            (b"x\r\n", FramingError::ChunkSize),
            (b"-1\r\n", FramingError::ChunkSize),
            (b"1000000000000000\r\n", FramingError::ChunkSize),
            (b"3\nabc", FramingError::ChunkSize),
            (b"3\r\nabcX\r\n", FramingError::ChunkEnd),
            (b"0\r\nnot a trailer\r\n\r\n", FramingError::Trailers),
        ];
        for (wire, error) in cases {
            assert_eq!(decode(Framing::chunked(), wire, 64).unwrap_err(), error, "{wire:?}");
        }
        let endless = vec![b'1'; MAX_LINE_BYTES + 1];
        assert_eq!(decode(Framing::chunked(), &endless, 64).unwrap_err(), FramingError::ChunkSize);
    }
}
