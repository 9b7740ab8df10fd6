//! A raw HTTP/1.1 client over a plain socket, for what a normal client would tidy away: dot
//! segments and double slashes sent as they are, chunked bodies, bodies that stall.

use mend_shared::protocol::ErrorBody;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// An answer read off the socket.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The JSON error body, checking the status, the content type and the code.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) -> ErrorBody {
        let text = String::from_utf8_lossy(&self.body);
        assert_eq!(self.status, status, "body: {text}");
        assert_eq!(self.header("content-type"), Some("application/json"), "an error must be JSON: {text}");
        let body: ErrorBody = serde_json::from_slice(&self.body).expect("error body is {error, message}");
        assert_eq!(body.error, code, "message: {}", body.message);
        assert!(!body.message.is_empty());
        body
    }
}

/// One connection to the relay.
pub struct RawConn {
    stream: TcpStream,
}

impl RawConn {
    pub fn open(addr: SocketAddr) -> RawConn {
        RawConn::wrap(TcpStream::connect(addr).unwrap())
    }

    /// A connection from another loopback address (127.0.0.0/8): another client to the relay.
    pub fn open_from(from: IpAddr, addr: SocketAddr) -> RawConn {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        socket.bind(&SocketAddr::new(from, 0).into()).unwrap();
        socket.connect(&addr.into()).unwrap();
        RawConn::wrap(socket.into())
    }

    fn wrap(stream: TcpStream) -> RawConn {
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        stream.set_nodelay(true).unwrap();
        RawConn { stream }
    }

    /// Send bytes; the relay may already have answered and closed, so a failure is returned, not raised.
    pub fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.stream.write_all(bytes)?;
        self.stream.flush()
    }

    /// Read one whole answer.
    pub fn reply(&mut self) -> RawReply {
        let mut buf = Vec::new();
        let head_end = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break i;
            }
            let n = self.read_some(&mut buf);
            assert!(
                n > 0,
                "the relay closed the connection before answering: {:?}",
                String::from_utf8_lossy(&buf)
            );
        };
        let head = String::from_utf8(buf[..head_end].to_vec()).unwrap();
        let mut rest = buf[head_end + 4..].to_vec();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.trim().to_ascii_lowercase(), v.trim().to_owned())
            })
            .collect();
        let length = headers.iter().find(|(n, _)| n == "content-length").map(|(_, v)| v.parse().unwrap());
        let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
        let body = if let Some(length) = length {
            while rest.len() < length {
                assert!(self.read_some(&mut rest) > 0, "the answer's body was cut short");
            }
            rest.truncate(length);
            rest
        } else if chunked {
            while find(&rest, b"0\r\n\r\n").is_none() {
                assert!(self.read_some(&mut rest) > 0, "the chunked answer was cut short");
            }
            dechunk(&rest)
        } else {
            while self.read_some(&mut rest) > 0 {}
            rest
        };
        RawReply { status, headers, body }
    }

    /// The answer, if one starts arriving within `within`.
    pub fn reply_within(&mut self, within: Duration) -> Option<RawReply> {
        self.stream.set_read_timeout(Some(within)).unwrap();
        let mut first = [0u8; 1];
        let arrived = match self.stream.peek(&mut first) {
            Ok(n) => n > 0,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                false
            }
            Err(e) => panic!("waiting for an answer failed: {e}"),
        };
        self.stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        arrived.then(|| self.reply())
    }

    /// Whether the relay closes the connection (or resets it) within `within`, answering nothing.
    pub fn closed_within(&mut self, within: Duration) -> bool {
        self.stream.set_read_timeout(Some(within)).unwrap();
        let started = Instant::now();
        let mut buf = [0u8; 1024];
        loop {
            match self.stream.read(&mut buf) {
                Ok(0) => return true,
                Ok(_) => continue,
                Err(e)
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    return false;
                }
                Err(_) => return started.elapsed() <= within,
            }
        }
    }

    fn read_some(&mut self, buf: &mut Vec<u8>) -> usize {
        let mut chunk = [0u8; 16 * 1024];
        match self.stream.read(&mut chunk) {
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                n
            }
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => 0,
            Err(e) => panic!("reading the answer failed: {e}"),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = find(raw, b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16).unwrap();
        raw = &raw[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

/// A request head with `Host` and `Connection: close`, plus the given headers.
pub fn head(method: &str, target: &str, headers: &[(&str, &str)]) -> String {
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: relay.test\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// One request with a body of known length on a fresh connection.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawReply {
    request_on(RawConn::open(addr), method, target, headers, body)
}

/// Like [`request`], from another loopback address.
pub fn request_from(
    from: IpAddr,
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawReply {
    request_on(RawConn::open_from(from, addr), method, target, headers, body)
}

fn request_on(
    mut conn: RawConn,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawReply {
    let length = body.len().to_string();
    let mut all: Vec<(&str, &str)> = headers.to_vec();
    if !body.is_empty() || matches!(method, "PUT" | "POST") {
        all.push(("Content-Length", &length));
    }
    let mut bytes = head(method, target, &all).into_bytes();
    bytes.extend_from_slice(body);
    // Send from another thread: the relay may answer before reading everything.
    let mut writer = conn.stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&bytes);
    });
    let reply = conn.reply();
    let _ = sender.join();
    reply
}

/// `bytes` in chunked transfer encoding, `chunk` bytes at a time, with the closing chunk.
pub fn chunked(bytes: &[u8], chunk: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for part in bytes.chunks(chunk) {
        out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}
