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
use std::pin::{Pin, pin};
use std::task::{Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, ReadBuf};
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
///
/// The future lives as long as the connection and is as large as its largest step, which every
/// waiting phone holds: big values are made and consumed in synchronous helpers ([`begin`],
/// [`response::write`]'s preparation), each step awaits in a function or block of its own, and the
/// arguments are taken into an `async` block rather than an `async fn` (which would keep a second
/// copy of each).
#[expect(clippy::manual_async_fn, reason = "an async fn keeps a second copy of its arguments")]
pub(crate) fn serve<A, F>(
    mut stream: TcpStream,
    mut answer: A,
    header_timeout: Duration,
    mut stop: Pin<&mut impl Future<Output = ()>>,
) -> impl Future<Output = Result<(), ConnectionError>>
where
    A: FnMut(Request<Body>) -> F,
    F: Future<Output = Response>,
{
    async move {
        let mut buf = BytesMut::new();
        let unreadable = loop {
            let head = match next_head(&stream, &mut buf, header_timeout, stop.as_mut()).await {
                Ok(Some(head)) => head,
                Ok(None) => return Ok(()),
                // Answered after the loop, where nothing of this step is held any more.
                Err(error) => break error,
            };
            let Begun { request, sender, mut framing, mut keep_alive, head_only, must_continue } =
                begin(head);
            // Nothing of the next request buffered: hold no buffer while this one waits.
            release_if_empty(&mut buf);
            let Some(response) = ({
                // Pinned here, in a block of its own: held once, and not while the answer is written.
                let answering = pin!(answer(request));
                let exchange = Exchange {
                    stream: &stream,
                    buf: &mut buf,
                    framing: &mut framing,
                    keep_alive: &mut keep_alive,
                };
                exchange.answer(answering, sender, must_continue, stop.as_mut()).await
            }) else {
                return Ok(());
            };
            // A body not read to its end leaves the connection somewhere in the middle of it.
            if framing != Framing::Done {
                keep_alive = false;
            }
            if !response::write(&mut stream, response, head_only, keep_alive).await? {
                linger(stream).await;
                return Ok(());
            }
            release_if_empty(&mut buf);
        };
        match unreadable {
            ReadError::Io(error) => Err(error.into()),
            ReadError::Head(refused) => refuse(stream, refused).await,
        }
    }
}

/// The next request head; `None` when the client closed first, sent no (whole) head within
/// `within`, or `stop` resolved. (A stop seen during a request closes the connection after it, so
/// `stop` is still pending whenever a head is awaited.)
async fn next_head(
    stream: &TcpStream,
    buf: &mut BytesMut,
    within: Duration,
    stop: Pin<&mut impl Future<Output = ()>>,
) -> Result<Option<Head>, ReadError> {
    tokio::select! {
        biased;
        () = stop => Ok(None),
        read = tokio::time::timeout(within, read_head(stream, buf)) => read.unwrap_or(Ok(None)),
    }
}

/// Answer a head that cannot be served (400, 414, 431, 501) in JSON, then close.
async fn refuse(stream: TcpStream, refused: HeadError) -> Result<(), ConnectionError> {
    let answer = error_response_bytes(refused.status(), ErrorCode::BadRequest, &refused.to_string());
    write_all(&stream, &answer).await?;
    linger(stream).await;
    Err(ConnectionError::Refused(refused))
}

/// A request ready for the handler, and what the connection keeps of its head.
struct Begun {
    request: Request<Body>,
    /// Where the connection hands over the body's pieces, if there is a body.
    sender: Option<BodySender>,
    framing: Framing,
    keep_alive: bool,
    head_only: bool,
    must_continue: bool,
}

/// Give the request its body, read on demand through the returned sender.
fn begin(head: Head) -> Begun {
    let Head { request, framing, keep_alive, expects_continue } = head;
    let head_only = request.method() == Method::HEAD;
    let (body, sender) = match framing {
        Framing::Done => (Body::empty(), None),
        _ => {
            let (body, sender) = body::channel(framing.exact_length());
            (Body::new(body), Some(sender))
        }
    };
    Begun {
        request: request.map(|()| body),
        sender,
        framing,
        keep_alive,
        head_only,
        must_continue: expects_continue,
    }
}

/// One request on its way to an answer: the connection's parts it needs meanwhile.
struct Exchange<'a> {
    stream: &'a TcpStream,
    buf: &'a mut BytesMut,
    framing: &'a mut Framing,
    /// Set to false when a stop arrives meanwhile: the connection closes after the answer.
    keep_alive: &'a mut bool,
}

impl Exchange<'_> {
    /// Wait for `answering`, feeding it the request body (through `sender`) as it asks and noticing
    /// a stop; once no body is left to read, notice the client hanging up (`None`: the request
    /// is dropped unanswered). In a function of its own, so that none of this is held while the
    /// answer is written, and with small futures, since a long-poll holds it while it waits.
    async fn answer(
        self,
        mut answering: Pin<&mut impl Future<Output = Response>>,
        mut sender: Option<BodySender>,
        mut must_continue: bool,
        mut stop: Pin<&mut impl Future<Output = ()>>,
    ) -> Option<Response> {
        let Exchange { stream, buf, framing, keep_alive } = self;
        while let Some(body) = &sender {
            tokio::select! {
                biased;
                response = &mut answering => return Some(response),
                // Once closing anyway, there is nothing more for a stop to change.
                () = &mut stop, if *keep_alive => *keep_alive = false,
                // Boxed: only uploads read a body, and inline it would make every waiting
                // request's future larger by its size.
                fed = Box::pin(feed(body, stream, buf, framing, &mut must_continue)) => {
                    if fed == Fed::Finished {
                        sender = None;
                    }
                }
            }
        }
        // While the request waits with nothing left to read, notice the client hanging up.
        let mut watch_hangup = buf.is_empty();
        loop {
            tokio::select! {
                biased;
                response = &mut answering => return Some(response),
                () = &mut stop, if *keep_alive => *keep_alive = false,
                peeked = hangup(stream), if watch_hangup => match peeked {
                    Ok(0) | Err(_) => return None,
                    // The next request is arriving (pipelined): it is read after this answer.
                    Ok(_) => watch_hangup = false,
                },
            }
        }
    }
}

/// Resolves when the client closed (0 or an error) or sent more (the count peeked). Polls the
/// socket's readiness directly, so the future holds no waiter of its own.
async fn hangup(stream: &TcpStream) -> io::Result<usize> {
    let mut probe = [0u8; 1];
    std::future::poll_fn(|cx| stream.poll_peek(cx, &mut ReadBuf::new(&mut probe))).await
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

/// Wait until the body asks for its next piece, then hand it over. The piece is handed
/// over in the same step it is taken from `buf`, so cancelling this loses nothing.
async fn feed(
    sender: &BodySender,
    stream: &TcpStream,
    buf: &mut BytesMut,
    framing: &mut Framing,
    must_continue: &mut bool,
) -> Fed {
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
/// 0 when the client closed. (Polling readiness directly keeps the future small.)
async fn read_more(stream: &TcpStream, buf: &mut BytesMut) -> io::Result<usize> {
    std::future::poll_fn(|cx| {
        loop {
            ready!(stream.poll_read_ready(cx))?;
            if buf.capacity() - buf.len() < MIN_READ {
                buf.reserve(READ_BYTES);
            }
            match stream.try_read_buf(buf) {
                // Readiness was cleared: the next poll waits for more.
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                result => return Poll::Ready(result),
            }
        }
    })
    .await
}

/// Write all of `bytes` through a shared reference (the body's reads hold the stream too).
async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> io::Result<()> {
    std::future::poll_fn(|cx| {
        while !bytes.is_empty() {
            ready!(stream.poll_write_ready(cx))?;
            match stream.try_write(bytes) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => bytes = &bytes[n..],
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
        Poll::Ready(Ok(()))
    })
    .await
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
