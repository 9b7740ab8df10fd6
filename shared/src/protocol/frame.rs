//! The binary bundle frame (`application/vnd.mend.bundles`): encoding on the relay, strict decoding on the client.
//!
//! Layout, all integers big-endian:
//! `b"MNDB"`, version `u8` = 1, `latest_seq` u64, `snapshot_seq` u64, `count` u32, then `count` times
//! `seq` u64, `id` 32 bytes, `len` u32, `len` bytes.

use super::hex_id::BundleId;
use super::{MAX_BUNDLE_BYTES, MAX_LIST_LIMIT};
use std::fmt;

/// First four bytes of every frame.
pub const FRAME_MAGIC: [u8; 4] = *b"MNDB";

/// The frame version this crate writes and reads.
pub const FRAME_VERSION: u8 = 1;

/// Bytes before the first entry: magic, version, latest seq, snapshot seq, count.
pub const FRAME_HEADER_LEN: usize = 4 + 1 + 8 + 8 + 4;

/// Bytes of an entry before its payload: seq, id, len.
const ENTRY_HEADER_LEN: usize = 8 + 32 + 4;

/// A frame that breaks the format: the client's first line of defence against a broken or hostile relay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// The frame does not start with `MNDB`.
    #[error("not a bundle frame (bad magic)")]
    BadMagic,
    /// A version this crate does not know.
    #[error("unsupported bundle frame version {0}")]
    UnsupportedVersion(u8),
    /// The frame ends inside a field.
    #[error("bundle frame truncated in {field} at byte {offset}")]
    Truncated {
        /// The field being read.
        field: &'static str,
        /// Where it started.
        offset: usize,
    },
    /// Bytes left over after the last entry.
    #[error("{count} unexpected bytes after the last bundle")]
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// More entries than a page may hold.
    #[error("a page holds at most {max} bundles, this one claims {count}", max = MAX_LIST_LIMIT)]
    TooManyBundles {
        /// The claimed count.
        count: u64,
    },
    /// An entry with no payload.
    #[error("bundle {seq} is empty")]
    EmptyBundle {
        /// Its sequence number.
        seq: u64,
    },
    /// An entry larger than the relay would ever accept.
    #[error("bundle {seq} is {len} bytes, over the {max} byte limit", max = MAX_BUNDLE_BYTES)]
    BundleTooLarge {
        /// Its sequence number.
        seq: u64,
        /// Its claimed length.
        len: u64,
    },
    /// Sequence numbers that do not strictly increase.
    #[error("bundle sequence {seq} does not follow {previous}")]
    SeqNotIncreasing {
        /// The entry before.
        previous: u64,
        /// The offending entry.
        seq: u64,
    },
    /// A sequence number outside (snapshot_seq, latest_seq].
    #[error("bundle sequence {seq} is outside the room's range ({snapshot_seq}, {latest_seq}]")]
    SeqOutOfRange {
        /// The offending entry.
        seq: u64,
        /// The frame's snapshot seq.
        snapshot_seq: u64,
        /// The frame's latest seq.
        latest_seq: u64,
    },
    /// A snapshot that claims to cover bundles the room does not have.
    #[error("snapshot sequence {snapshot_seq} is past the latest sequence {latest_seq}")]
    SnapshotAfterLatest {
        /// The frame's snapshot seq.
        snapshot_seq: u64,
        /// The frame's latest seq.
        latest_seq: u64,
    },
}

/// One sealed bundle as stored by the relay.
#[derive(Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Position in the room's log, assigned by the relay (1, 2, 3… with no gaps at append time).
    pub seq: u64,
    /// The client-chosen id.
    pub id: BundleId,
    /// The sealed bytes (ciphertext; the relay never sees more).
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Bundle {
    // Payloads stay out of logs and test output, even sealed ones.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bundle")
            .field("seq", &self.seq)
            .field("id", &self.id)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// One answer to a list request: bundles after the cursor and where the room stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundlePage {
    /// The highest sequence number the room has assigned (0 for an empty room).
    pub latest_seq: u64,
    /// The sequence number the room's snapshot covers (0 if there is none).
    pub snapshot_seq: u64,
    /// Bundles in strictly increasing `seq` order. A page may hold fewer than the limit asked for
    /// (the relay also caps a page's bytes); keep reading while the last seq is below `latest_seq`.
    pub bundles: Vec<Bundle>,
}

impl BundlePage {
    /// The cursor to ask with next: the last bundle's seq, or `after` if the page is empty.
    pub fn next_cursor(&self, after: u64) -> u64 {
        self.bundles.last().map_or(after, |b| b.seq)
    }

    /// Whether the page reaches the end of the room's log.
    pub fn is_complete(&self, after: u64) -> bool {
        self.next_cursor(after) >= self.latest_seq
    }

    /// Check the invariants a decoder enforces, so the relay never sends what a client would refuse.
    pub fn validate(&self) -> Result<(), ProtocolError> {
        check_header(self.latest_seq, self.snapshot_seq, self.bundles.len() as u64)?;
        let mut previous = None;
        for b in &self.bundles {
            check_entry(self, previous, b.seq, b.bytes.len() as u64)?;
            previous = Some(b.seq);
        }
        Ok(())
    }

    /// Write the frame, after [`BundlePage::validate`].
    pub fn encode(&self) -> Result<Vec<u8>, ProtocolError> {
        self.validate()?;
        let payload: usize = self.bundles.iter().map(|b| ENTRY_HEADER_LEN + b.bytes.len()).sum();
        let mut out = Vec::with_capacity(FRAME_HEADER_LEN + payload);
        out.extend_from_slice(&FRAME_MAGIC);
        out.push(FRAME_VERSION);
        out.extend_from_slice(&self.latest_seq.to_be_bytes());
        out.extend_from_slice(&self.snapshot_seq.to_be_bytes());
        // validate() bounded both counts, so these conversions are lossless.
        out.extend_from_slice(&(self.bundles.len() as u32).to_be_bytes());
        for b in &self.bundles {
            out.extend_from_slice(&b.seq.to_be_bytes());
            out.extend_from_slice(b.id.as_bytes());
            out.extend_from_slice(&(b.bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(&b.bytes);
        }
        Ok(out)
    }

    /// Read and fully validate a frame.
    pub fn decode(frame: &[u8]) -> Result<Self, ProtocolError> {
        let mut r = Reader { buf: frame, pos: 0 };
        if r.take("magic", 4)? != FRAME_MAGIC {
            return Err(ProtocolError::BadMagic);
        }
        let version = r.take("version", 1)?[0];
        if version != FRAME_VERSION {
            return Err(ProtocolError::UnsupportedVersion(version));
        }
        let latest_seq = r.u64("latest_seq")?;
        let snapshot_seq = r.u64("snapshot_seq")?;
        let count = r.u32("count")?;
        check_header(latest_seq, snapshot_seq, u64::from(count))?;
        let mut page = BundlePage { latest_seq, snapshot_seq, bundles: Vec::with_capacity(count as usize) };
        let mut previous = None;
        for _ in 0..count {
            let seq = r.u64("bundle seq")?;
            let id = BundleId::from_bytes(r.array("bundle id")?);
            let len = r.u32("bundle length")?;
            check_entry(&page, previous, seq, u64::from(len))?;
            let bytes = r.take("bundle bytes", len as usize)?.to_vec();
            page.bundles.push(Bundle { seq, id, bytes });
            previous = Some(seq);
        }
        match frame.len() - r.pos {
            0 => Ok(page),
            count => Err(ProtocolError::TrailingBytes { count }),
        }
    }
}

fn check_header(latest_seq: u64, snapshot_seq: u64, count: u64) -> Result<(), ProtocolError> {
    if snapshot_seq > latest_seq {
        return Err(ProtocolError::SnapshotAfterLatest { snapshot_seq, latest_seq });
    }
    if count > u64::from(MAX_LIST_LIMIT) {
        return Err(ProtocolError::TooManyBundles { count });
    }
    Ok(())
}

fn check_entry(page: &BundlePage, previous: Option<u64>, seq: u64, len: u64) -> Result<(), ProtocolError> {
    if let Some(previous) = previous.filter(|&p| seq <= p) {
        return Err(ProtocolError::SeqNotIncreasing { previous, seq });
    }
    if seq <= page.snapshot_seq || seq > page.latest_seq {
        return Err(ProtocolError::SeqOutOfRange {
            seq,
            snapshot_seq: page.snapshot_seq,
            latest_seq: page.latest_seq,
        });
    }
    if len == 0 {
        return Err(ProtocolError::EmptyBundle { seq });
    }
    if len > MAX_BUNDLE_BYTES as u64 {
        return Err(ProtocolError::BundleTooLarge { seq, len });
    }
    Ok(())
}

/// A cursor over the frame that reports which field ran short.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, field: &'static str, n: usize) -> Result<&'a [u8], ProtocolError> {
        let end = self.pos.checked_add(n).filter(|&end| end <= self.buf.len());
        let end = end.ok_or(ProtocolError::Truncated { field, offset: self.pos })?;
        let out = &self.buf[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], ProtocolError> {
        let offset = self.pos;
        self.take(field, N)?.try_into().map_err(|_| ProtocolError::Truncated { field, offset })
    }

    fn u64(&mut self, field: &'static str) -> Result<u64, ProtocolError> {
        self.array(field).map(u64::from_be_bytes)
    }

    fn u32(&mut self, field: &'static str) -> Result<u32, ProtocolError> {
        self.array(field).map(u32::from_be_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(seq: u64, bytes: &[u8]) -> Bundle {
        Bundle { seq, id: BundleId::for_content(bytes), bytes: bytes.to_vec() }
    }

    fn sample() -> BundlePage {
        BundlePage {
            latest_seq: 9,
            snapshot_seq: 2,
            bundles: vec![bundle(3, b"one"), bundle(5, b"two!"), bundle(9, &[7; 300])],
        }
    }

    /// A hand-built frame header, so tests can write what `encode` refuses to.
    fn header(latest: u64, snapshot: u64, count: u32) -> Vec<u8> {
        let mut f = b"MNDB\x01".to_vec();
        f.extend_from_slice(&latest.to_be_bytes());
        f.extend_from_slice(&snapshot.to_be_bytes());
        f.extend_from_slice(&count.to_be_bytes());
        f
    }

    fn entry(f: &mut Vec<u8>, seq: u64, len: u32, bytes: &[u8]) {
        f.extend_from_slice(&seq.to_be_bytes());
        f.extend_from_slice(&[0xab; 32]);
        f.extend_from_slice(&len.to_be_bytes());
        f.extend_from_slice(bytes);
    }

    #[test]
    fn pages_round_trip_byte_for_byte() {
        let page = sample();
        let frame = page.encode().unwrap();
        assert_eq!(&frame[..5], b"MNDB\x01");
        assert_eq!(frame.len(), FRAME_HEADER_LEN + 3 * ENTRY_HEADER_LEN + 3 + 4 + 300);
        assert_eq!(BundlePage::decode(&frame).unwrap(), page);
        let empty = BundlePage { latest_seq: 4, snapshot_seq: 4, bundles: vec![] };
        assert_eq!(BundlePage::decode(&empty.encode().unwrap()).unwrap(), empty);
    }

    #[test]
    fn the_layout_matches_the_documented_byte_order() {
        let page = BundlePage { latest_seq: 1, snapshot_seq: 0, bundles: vec![bundle(1, b"x")] };
        let mut expected = header(1, 0, 1);
        entry(&mut expected, 1, 1, b"x");
        expected[FRAME_HEADER_LEN + 8..FRAME_HEADER_LEN + 40]
            .copy_from_slice(BundleId::for_content(b"x").as_bytes());
        assert_eq!(page.encode().unwrap(), expected);
    }

    #[test]
    fn cursors_advance_to_the_last_bundle() {
        let page = sample();
        assert_eq!(page.next_cursor(2), 9);
        assert!(page.is_complete(2));
        let empty = BundlePage { latest_seq: 9, snapshot_seq: 0, bundles: vec![] };
        assert_eq!(empty.next_cursor(4), 4);
        assert!(!empty.is_complete(4));
    }

    #[test]
    fn wrong_magic_and_version_are_refused() {
        let mut frame = sample().encode().unwrap();
        frame[0] = b'X';
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::BadMagic));
        let mut frame = sample().encode().unwrap();
        frame[4] = 2;
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::UnsupportedVersion(2)));
    }

    #[test]
    fn every_truncation_point_is_reported_as_truncated() {
        let frame = sample().encode().unwrap();
        for cut in 0..frame.len() {
            match BundlePage::decode(&frame[..cut]) {
                Err(ProtocolError::Truncated { offset, .. }) => assert!(offset <= cut),
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut frame = sample().encode().unwrap();
        frame.extend_from_slice(b"zz");
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::TrailingBytes { count: 2 }));
    }

    #[test]
    fn a_count_over_the_page_limit_is_refused_before_reading_entries() {
        let frame = header(5000, 0, MAX_LIST_LIMIT + 1);
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::TooManyBundles { count: 1001 }));
        let frame = header(5000, 0, u32::MAX);
        assert!(matches!(BundlePage::decode(&frame), Err(ProtocolError::TooManyBundles { .. })));
    }

    #[test]
    fn empty_and_oversized_entries_are_refused() {
        let mut frame = header(1, 0, 1);
        entry(&mut frame, 1, 0, b"");
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::EmptyBundle { seq: 1 }));
        let mut frame = header(1, 0, 1);
        entry(&mut frame, 1, u32::MAX, b"");
        assert_eq!(
            BundlePage::decode(&frame),
            Err(ProtocolError::BundleTooLarge { seq: 1, len: u32::MAX as u64 })
        );
    }

    #[test]
    fn sequences_must_strictly_increase() {
        let mut frame = header(9, 0, 2);
        entry(&mut frame, 4, 1, b"a");
        entry(&mut frame, 4, 1, b"b");
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::SeqNotIncreasing { previous: 4, seq: 4 }));
        let mut frame = header(9, 0, 2);
        entry(&mut frame, 5, 1, b"a");
        entry(&mut frame, 3, 1, b"b");
        assert_eq!(BundlePage::decode(&frame), Err(ProtocolError::SeqNotIncreasing { previous: 5, seq: 3 }));
    }

    #[test]
    fn sequences_must_lie_between_snapshot_and_latest() {
        for seq in [0, 2, 10] {
            let mut frame = header(9, 2, 1);
            entry(&mut frame, seq, 1, b"a");
            assert_eq!(
                BundlePage::decode(&frame),
                Err(ProtocolError::SeqOutOfRange { seq, snapshot_seq: 2, latest_seq: 9 })
            );
        }
        let frame = header(3, 4, 0);
        assert_eq!(
            BundlePage::decode(&frame),
            Err(ProtocolError::SnapshotAfterLatest { snapshot_seq: 4, latest_seq: 3 })
        );
    }

    #[test]
    fn encode_refuses_what_decode_would_refuse() {
        let mut page = sample();
        page.bundles.swap(0, 1);
        assert!(matches!(page.encode(), Err(ProtocolError::SeqNotIncreasing { .. })));
        let page = BundlePage { latest_seq: 1, snapshot_seq: 0, bundles: vec![bundle(1, b"")] };
        assert_eq!(page.encode(), Err(ProtocolError::EmptyBundle { seq: 1 }));
    }

    #[test]
    fn debug_output_never_shows_payload_bytes() {
        let b = bundle(1, b"secret-ish");
        let shown = format!("{b:?}");
        assert!(shown.contains("len: 10") && !shown.contains("bytes"), "{shown}");
    }
}
