//! The relay's HTTP/1.1 connections, served by our own small loop instead of hyper's, so that a
//! connection holds no buffer while it is idle or while its request waits: a waiting phone costs
//! the relay its socket, its task and its request's state, and nothing more (hyper keeps two
//! 8 KiB buffers for the life of every connection). Heads are parsed by `httparse` (as in hyper);
//! bodies are read only when the handler asks for them; a client that hangs up while its request
//! waits ends the request.

mod body;
mod framing;
mod head;
mod response;
#[cfg(test)]
mod tests;

use crate::error::error_response_bytes;
use axum::body::{Body, Bytes};
use axum::http::{Method, Request};
use axum::response::Response;
use body::{BodyError, BodySender, Demand};
use bytes::{Buf, BytesMut};
use framing::{Framing, Step};
use head::{Head, HeadError};
use mend_shared::protocol::ErrorCode;
use std::future::Future;
use std::io;
use std::pin::pin;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How much a read asks for at least (a buffer with less room left grows by [`READ_BYTES`]).
const MIN_READ: usize = 1024;

/// How much a buffer grows by when it needs room.
const READ_BYTES: usize = 8 * 1024;

/// Largest piece of a body handed to the handler at once.
const MAX_PIECE: usize = 64 * 1024;

/// How long a closing connection keeps taking what the client still sends, so that closing does
/// not reset the connection under the answer just written; and how much of it at most.
const LINGER: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1 << 20;

/// How a connection ended, when it did not end the ordinary way.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConnectionError {
    #[error("reading or writing the socket failed: {0}")]
    Io(#[from] io::Error),
    #[error("refused a request: {0}")]
    Refused(HeadError),
}

/// Serve requests on `stream` with `answer` until the client closes, a request asks to close, a
/// head does not arrive within `header_timeout` (idle connections close after it too), or `stop`
/// resolves: at once if no request is in flight, else after its answer.
pub(crate) async fn serve<A, F>(
    mut stream: TcpStream,
    mut answer: A,
    header_timeout: Duration,
    stop: impl Future<Output = ()>,
) -> Result<(), ConnectionError>
where
    A: FnMut(Request<Body>) -> F,
    F: Future<Output = Response>,
{
    let mut stop = pin!(stop);
    let mut buf = BytesMut::new();
    loop {
        // (A stop seen during a request closes the connection after it, so `stop` is still pending.)
        let read = tokio::select! {
            biased;
            () = &mut stop => return Ok(()),
            read = tokio::time::timeout(header_timeout, read_head(&stream, &mut buf)) => read,
        };
        let head = match read {
            // A client that sends no (whole) head in time, or closes between requests, is let go.
            Err(_) | Ok(Ok(None)) => return Ok(()),
            Ok(Ok(Some(head))) => head,
            Ok(Err(ReadError::Io(error))) => return Err(error.into()),
            Ok(Err(ReadError::Head(refused))) => {
                let answer =
                    error_response_bytes(refused.status(), ErrorCode::BadRequest, &refused.to_string());
                stream.write_all(&answer).await?;
                linger(stream).await;
                return Err(ConnectionError::Refused(refused));
            }
        };
        let Head { request, mut framing, mut keep_alive, expects_continue } = head;
        let head_only = request.method() == Method::HEAD;
        let (body, mut sender) = match framing {
            Framing::Done => (Body::empty(), None),
            _ => {
                let (body, sender) = body::channel(framing.exact_length());
                (Body::new(body), Some(sender))
            }
        };
        // Nothing of the next request buffered: hold no buffer while this one waits.
        release_if_empty(&mut buf);
        let mut answering = pin!(answer(request.map(|()| body)));
        let mut must_continue = expects_continue;
        let mut more_arrived = false;
        let mut probe = [0u8; 1];
        let response = loop {
            // While the request waits with nothing left to read, notice the client hanging up.
            let watch_hangup = sender.is_none() && buf.is_empty() && !more_arrived;
            tokio::select! {
                biased;
                response = &mut answering => break response,
                // Once closing anyway, there is nothing more for a stop to change.
                () = &mut stop, if keep_alive => keep_alive = false,
                fed = feed(sender.as_ref(), &stream, &mut buf, &mut framing, &mut must_continue), if sender.is_some() => {
                    if fed == Fed::Finished {
                        sender = None;
                    }
                }
                peeked = stream.peek(&mut probe), if watch_hangup => match peeked {
                    Ok(0) | Err(_) => return Ok(()),
                    Ok(_) => more_arrived = true,
                },
            }
        };
        drop(sender);
        // A body not read to its end leaves the connection somewhere in the middle of it.
        if framing != Framing::Done {
            keep_alive = false;
        }
        if !response::write(&mut stream, response, head_only, keep_alive).await? {
            linger(stream).await;
            return Ok(());
        }
        release_if_empty(&mut buf);
    }
}

/// Free the read buffer when it holds nothing, so a waiting or idle connection holds none.
fn release_if_empty(buf: &mut BytesMut) {
    if buf.is_empty() {
        *buf = BytesMut::new();
    }
}

/// Why no head was read.
#[derive(Debug)]
enum ReadError {
    Io(io::Error),
    Head(HeadError),
}

/// The next request head; `None` if the client closed first. The bytes after it stay in `buf`.
async fn read_head(stream: &TcpStream, buf: &mut BytesMut) -> Result<Option<Head>, ReadError> {
    // A head can only end at a line end: the bytes already looked at without finding one are not
    // parsed again (a head sent a byte at a time costs no more than one sent at once).
    let mut parsed_up_to = 0;
    loop {
        // Past the longest head, the parser says what is too long.
        if (buf.len() > head::MAX_HEAD_BYTES || buf[parsed_up_to..].contains(&b'\n'))
            && let Some((head, length)) = head::parse(buf).map_err(ReadError::Head)?
        {
            buf.advance(length);
            return Ok(Some(head));
        }
        parsed_up_to = buf.len();
        if read_more(stream, buf).await.map_err(ReadError::Io)? == 0 {
            return Ok(None);
        }
    }
}

/// The next piece of the body (`None` at its end), reading from `stream` when `buf` holds none.
/// Sends `100 Continue` first if the client is still waiting for it. Cancel-safe: what was read
/// stays in `buf` and `framing` only moves over bytes it consumed.
async fn next_piece(
    stream: &TcpStream,
    buf: &mut BytesMut,
    framing: &mut Framing,
    must_continue: &mut bool,
) -> Result<Option<Bytes>, BodyError> {
    loop {
        match framing.step(buf, MAX_PIECE)? {
            Step::Piece(bytes) => return Ok(Some(bytes)),
            Step::End => return Ok(None),
            Step::NeedMore => {}
        }
        if *must_continue {
            write_all(stream, response::CONTINUE).await.map_err(|e| BodyError::Io(e.to_string()))?;
            *must_continue = false;
        }
        match read_more(stream, buf).await {
            Ok(0) => return Err(BodyError::Incomplete),
            Ok(_) => {}
            Err(error) => return Err(BodyError::Io(error.to_string())),
        }
    }
}

/// What feeding the body did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fed {
    /// Handed it a piece; it may ask for more.
    Piece,
    /// It is finished: read to its end, broken (the connection then closes, as its framing is not
    /// done), or dropped by the handler, in which case what is left of it is never read.
    Finished,
}

/// Wait until the body (if any) asks for its next piece, then hand it over. The piece is handed
/// over in the same step it is taken from `buf`, so cancelling this loses nothing.
async fn feed(
    sender: Option<&BodySender>,
    stream: &TcpStream,
    buf: &mut BytesMut,
    framing: &mut Framing,
    must_continue: &mut bool,
) -> Fed {
    let Some(sender) = sender else { return std::future::pending().await };
    if sender.demand().await == Demand::Dropped {
        return Fed::Finished;
    }
    match next_piece(stream, buf, framing, must_continue).await {
        Ok(Some(bytes)) => {
            sender.send(Ok(bytes));
            Fed::Piece
        }
        Ok(None) => {
            sender.end();
            Fed::Finished
        }
        Err(error) => {
            sender.send(Err(error));
            Fed::Finished
        }
    }
}

/// Read what has arrived into `buf`, waiting for it first so an idle connection holds no buffer;
/// 0 when the client closed.
async fn read_more(stream: &TcpStream, buf: &mut BytesMut) -> io::Result<usize> {
    loop {
        stream.readable().await?;
        if buf.capacity() - buf.len() < MIN_READ {
            buf.reserve(READ_BYTES);
        }
        match stream.try_read_buf(buf) {
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
            result => return result,
        }
    }
}

/// Write all of `bytes` through a shared reference (the body's reads hold the stream too).
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Close after a final answer: say we are done writing, then take (and drop) what the client
/// still sends for a moment, so our answer is not lost to a reset.
pub(crate) async fn linger(mut stream: TcpStream) {
    let _ = tokio::time::timeout(LINGER, async {
        stream.shutdown().await?;
        let mut sink = vec![0u8; 4096];
        let mut taken = 0;
        while taken < LINGER_BYTES {
            match stream.read(&mut sink).await? {
                0 => break,
                n => taken += n,
            }
        }
        io::Result::Ok(())
    })
    .await;
}
