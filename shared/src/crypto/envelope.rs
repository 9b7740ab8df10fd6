//! The sealed envelope: `version | kind | sender | nonce | XChaCha20-Poly1305(zstd(plaintext))`.
//!
//! The version byte comes first so a phone can tell "written by a newer Mend" (a small version
//! number above its own) from bytes that are not an envelope at all.

use super::{CoupleKeys, CryptoError};
use crate::protocol::BundleId;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// The envelope version this build writes and reads.
pub const ENVELOPE_VERSION: u8 = 1;
const VERSION: u8 = ENVELOPE_VERSION;
/// Version bytes from here on are not taken for a future envelope: random or foreign bytes.
const FIRST_IMPLAUSIBLE_VERSION: u8 = 0x20;
const SENDER_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const HEADER_LEN: usize = 1 + 1 + SENDER_LEN + NONCE_LEN;
/// Refuse to decompress past this: a sealed blob can't become a memory bomb even if forged by a
/// partner's buggy phone.
const MAX_PLAINTEXT: usize = 256 << 20;

/// What a sealed envelope holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedKind {
    /// Changes pushed by one device.
    Bundle,
    /// A whole document covering the room up to a sequence number.
    Snapshot,
    /// A pairing message under the SPAKE2 key.
    Pairing,
    /// A request to the partner's phone to send changes again (see the sync engine).
    Request,
    /// A backup file sealed under a key from the owner's passphrase (see [`crate::backup`]).
    Backup,
}

impl SealedKind {
    fn byte(self) -> u8 {
        match self {
            SealedKind::Bundle => 1,
            SealedKind::Snapshot => 2,
            SealedKind::Pairing => 3,
            SealedKind::Request => 4,
            SealedKind::Backup => 5,
        }
    }

    fn from_byte(b: u8) -> Option<Self> {
        match b {
            1 => Some(SealedKind::Bundle),
            2 => Some(SealedKind::Snapshot),
            3 => Some(SealedKind::Pairing),
            4 => Some(SealedKind::Request),
            5 => Some(SealedKind::Backup),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            SealedKind::Bundle => "bundle",
            SealedKind::Snapshot => "snapshot",
            SealedKind::Pairing => "pairing message",
            SealedKind::Request => "resend request",
            SealedKind::Backup => "backup",
        }
    }
}

/// A parsed (not yet opened) envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sealed<'a> {
    /// What it holds.
    pub kind: SealedKind,
    /// The device that sealed it (authenticated once opened).
    pub sender: [u8; SENDER_LEN],
    nonce: &'a [u8],
    ciphertext: &'a [u8],
}

/// An opened envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The device that sealed it.
    pub sender: [u8; SENDER_LEN],
    /// The decompressed plaintext.
    pub plaintext: Vec<u8>,
}

impl<'a> Sealed<'a> {
    /// Parse the envelope's clear header without opening it.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, CryptoError> {
        if let Some(version) = newer_version(bytes) {
            return Err(CryptoError::UnknownVersion(version));
        }
        if bytes.len() < HEADER_LEN + 16 || bytes[0] != VERSION {
            return Err(CryptoError::NotAnEnvelope);
        }
        let kind = SealedKind::from_byte(bytes[1]).ok_or(CryptoError::NotAnEnvelope)?;
        let mut sender = [0u8; SENDER_LEN];
        sender.copy_from_slice(&bytes[2..2 + SENDER_LEN]);
        Ok(Self { kind, sender, nonce: &bytes[2 + SENDER_LEN..HEADER_LEN], ciphertext: &bytes[HEADER_LEN..] })
    }
}

/// The version of an envelope written by a newer Mend than this one, if `bytes` look like one.
/// Such data is not damaged: this phone just can't read it yet.
pub fn newer_version(bytes: &[u8]) -> Option<u8> {
    match bytes.first() {
        Some(&v) if v > VERSION && v < FIRST_IMPLAUSIBLE_VERSION => Some(v),
        _ => None,
    }
}

/// The associated data: binds the envelope to its place (room, id or sequence) and sender.
fn associated_data(kind: SealedKind, context: &[u8], sender: &[u8; SENDER_LEN]) -> Vec<u8> {
    let mut ad = Vec::with_capacity(16 + context.len() + SENDER_LEN);
    ad.extend_from_slice(b"mend/sealed/v1");
    ad.push(kind.byte());
    ad.extend_from_slice(context);
    ad.extend_from_slice(sender);
    ad
}

/// Compress and seal `plaintext` under `key` with a random nonce.
pub(crate) fn seal(
    key: &[u8; 32],
    kind: SealedKind,
    context: &[u8],
    sender: &[u8; SENDER_LEN],
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let compressed = zstd::bulk::compress(plaintext, 3).map_err(|_| CryptoError::Compression)?;
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(key.into());
    let ad = associated_data(kind, context, sender);
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &compressed, aad: &ad })
        .map_err(|_| CryptoError::Compression)?;
    let mut out = Vec::with_capacity(HEADER_LEN + ciphertext.len());
    out.push(VERSION);
    out.push(kind.byte());
    out.extend_from_slice(sender);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

/// Open an envelope of `kind` sealed under `key` for `context`.
pub(crate) fn open(
    key: &[u8; 32],
    kind: SealedKind,
    context: &[u8],
    bytes: &[u8],
) -> Result<Opened, CryptoError> {
    let sealed = Sealed::parse(bytes)?;
    if sealed.kind != kind {
        return Err(CryptoError::WrongKind { expected: kind.name(), found: sealed.kind.name() });
    }
    let cipher = XChaCha20Poly1305::new(key.into());
    let ad = associated_data(kind, context, &sealed.sender);
    let compressed = cipher
        .decrypt(XNonce::from_slice(sealed.nonce), Payload { msg: sealed.ciphertext, aad: &ad })
        .map_err(|_| CryptoError::Tampered)?;
    let plaintext = decompress(&compressed)?;
    Ok(Opened { sender: sealed.sender, plaintext })
}

fn decompress(compressed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    // The frame records its content size; refuse oversized claims before allocating.
    match zstd::zstd_safe::get_frame_content_size(compressed) {
        Ok(Some(n)) if n > MAX_PLAINTEXT as u64 => Err(CryptoError::TooLarge(MAX_PLAINTEXT)),
        Ok(Some(n)) => zstd::bulk::decompress(compressed, n as usize).map_err(|_| CryptoError::Compression),
        _ => Err(CryptoError::Compression),
    }
}

impl CoupleKeys {
    /// Seal a bundle of changes from `sender`; returns its id and the sealed bytes.
    pub fn seal_bundle(
        &self,
        sender: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<(BundleId, Vec<u8>), CryptoError> {
        self.seal_in_log(SealedKind::Bundle, sender, plaintext)
    }

    /// Open a bundle stored under `id`, checking that its content matches the id.
    pub fn open_bundle(&self, id: &BundleId, bytes: &[u8]) -> Result<Opened, CryptoError> {
        self.open_from_log(SealedKind::Bundle, id, bytes)
    }

    /// Seal a resend request from `sender`; returns its id and the sealed bytes. It travels in the
    /// room's log like a bundle, under its own kind so it can never be taken for changes.
    pub fn seal_request(
        &self,
        sender: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<(BundleId, Vec<u8>), CryptoError> {
        self.seal_in_log(SealedKind::Request, sender, plaintext)
    }

    /// Open a resend request stored under `id`.
    pub fn open_request(&self, id: &BundleId, bytes: &[u8]) -> Result<Opened, CryptoError> {
        self.open_from_log(SealedKind::Request, id, bytes)
    }

    /// Seal something that goes into the room's log: its id is a keyed hash of the plaintext,
    /// and the room and id are bound in as associated data.
    fn seal_in_log(
        &self,
        kind: SealedKind,
        sender: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<(BundleId, Vec<u8>), CryptoError> {
        let id = self.bundle_id(plaintext);
        let context = [self.room.as_bytes().as_slice(), id.as_bytes().as_slice()].concat();
        Ok((id, seal(&self.content.0, kind, &context, sender, plaintext)?))
    }

    /// Open something from the room's log stored under `id`, checking its content matches the id.
    fn open_from_log(&self, kind: SealedKind, id: &BundleId, bytes: &[u8]) -> Result<Opened, CryptoError> {
        let context = [self.room.as_bytes().as_slice(), id.as_bytes().as_slice()].concat();
        let opened = open(&self.content.0, kind, &context, bytes)?;
        if &self.bundle_id(&opened.plaintext) != id {
            return Err(CryptoError::IdMismatch);
        }
        Ok(opened)
    }

    /// Seal a whole-document snapshot that covers the room up to `seq`.
    pub fn seal_snapshot(
        &self,
        sender: &[u8; 16],
        seq: u64,
        document: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let context = [self.room.as_bytes().as_slice(), &seq.to_be_bytes()].concat();
        seal(&self.content.0, SealedKind::Snapshot, &context, sender, document)
    }

    /// Open a snapshot the relay says covers the room up to `seq`.
    pub fn open_snapshot(&self, seq: u64, bytes: &[u8]) -> Result<Opened, CryptoError> {
        let context = [self.room.as_bytes().as_slice(), &seq.to_be_bytes()].concat();
        open(&self.content.0, SealedKind::Snapshot, &context, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::PairSecret;

    const DEVICE: [u8; 16] = [1; 16];

    #[test]
    fn a_sealed_bundle_opens_only_with_the_same_couples_key() {
        let keys = PairSecret::random().derive();
        let (id, sealed) = keys.seal_bundle(&DEVICE, b"changes").unwrap();
        assert_eq!(keys.open_bundle(&id, &sealed).unwrap().plaintext, b"changes");
        let stranger = PairSecret::random().derive();
        assert_eq!(stranger.open_bundle(&id, &sealed), Err(CryptoError::Tampered));
    }

    #[test]
    fn any_flipped_byte_is_detected() {
        let keys = PairSecret::random().derive();
        let (id, sealed) = keys.seal_bundle(&DEVICE, b"a longer plaintext for the test").unwrap();
        for i in 0..sealed.len() {
            let mut t = sealed.clone();
            t[i] ^= 0x01;
            assert!(keys.open_bundle(&id, &t).is_err(), "flip at {i} went unnoticed");
        }
    }

    #[test]
    fn a_bundle_moved_to_another_id_or_claimed_by_another_sender_is_refused() {
        let keys = PairSecret::random().derive();
        let (_, sealed) = keys.seal_bundle(&DEVICE, b"one").unwrap();
        let (other_id, _) = keys.seal_bundle(&DEVICE, b"two").unwrap();
        assert_eq!(keys.open_bundle(&other_id, &sealed), Err(CryptoError::Tampered));
        let (id, mut sealed) = keys.seal_bundle(&DEVICE, b"one").unwrap();
        sealed[2] = 9; // rewrite the clear sender id
        assert_eq!(keys.open_bundle(&id, &sealed), Err(CryptoError::Tampered));
    }

    #[test]
    fn a_snapshot_is_bound_to_its_sequence_number() {
        let keys = PairSecret::random().derive();
        let sealed = keys.seal_snapshot(&DEVICE, 40, b"doc").unwrap();
        assert_eq!(keys.open_snapshot(40, &sealed).unwrap().plaintext, b"doc");
        assert_eq!(keys.open_snapshot(41, &sealed), Err(CryptoError::Tampered));
        assert!(matches!(
            keys.open_bundle(&keys.bundle_id(b"doc"), &sealed),
            Err(CryptoError::WrongKind { .. })
        ));
    }

    #[test]
    fn garbage_is_not_an_envelope() {
        let keys = PairSecret::random().derive();
        let id = keys.bundle_id(b"");
        assert_eq!(keys.open_bundle(&id, b"hello"), Err(CryptoError::NotAnEnvelope));
        let mut junk = vec![0u8; 80];
        junk[0] = 1;
        junk[1] = 1;
        assert_eq!(keys.open_bundle(&id, &junk), Err(CryptoError::Tampered));
        junk[0] = 9;
        assert_eq!(keys.open_bundle(&id, &junk), Err(CryptoError::UnknownVersion(9)));
        assert_eq!(keys.open_bundle(&id, b"\x02"), Err(CryptoError::UnknownVersion(2)), "short but newer");
        junk[0] = b'g';
        assert_eq!(keys.open_bundle(&id, &junk), Err(CryptoError::NotAnEnvelope), "text is not a version");
        junk[0] = 0;
        assert_eq!(keys.open_bundle(&id, &junk), Err(CryptoError::NotAnEnvelope));
    }

    #[test]
    fn a_resend_request_is_never_taken_for_a_bundle() {
        let keys = PairSecret::random().derive();
        let (id, sealed) = keys.seal_request(&DEVICE, b"please send").unwrap();
        assert_eq!(keys.open_request(&id, &sealed).unwrap().plaintext, b"please send");
        assert_eq!(
            keys.open_bundle(&id, &sealed),
            Err(CryptoError::WrongKind { expected: "bundle", found: "resend request" })
        );
        let (bid, bundle) = keys.seal_bundle(&DEVICE, b"changes").unwrap();
        assert!(matches!(keys.open_request(&bid, &bundle), Err(CryptoError::WrongKind { .. })));
    }

    #[test]
    fn repetitive_plaintext_is_compressed_before_sealing() {
        let keys = PairSecret::random().derive();
        let plain = b"the same words again and again ".repeat(200);
        let (_, sealed) = keys.seal_bundle(&DEVICE, &plain).unwrap();
        assert!(sealed.len() < plain.len() / 10, "{} vs {}", sealed.len(), plain.len());
    }
}
