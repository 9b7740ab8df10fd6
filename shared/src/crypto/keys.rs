//! The pair secret and the keys HKDF derives from it.

use crate::protocol::{RelayToken, RoomId};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The couple's 256-bit shared secret. Never logged: its `Debug` shows nothing.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct PairSecret([u8; 32]);

impl PairSecret {
    /// A fresh secret from the operating system's random source.
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// A secret from its bytes (as received at pairing or read from the key file).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storing in the key file or sending sealed at pairing.
    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// Derive the room id, relay token and content key.
    pub fn derive(&self) -> CoupleKeys {
        let hk = Hkdf::<Sha256>::new(Some(b"mend/pair-secret/v1"), &self.0);
        let expand = |info: &[u8]| {
            let mut out = [0u8; 32];
            // 32 bytes is far below HKDF-SHA256's 8,160-byte output limit, so this cannot fail.
            let _ = hk.expand(info, &mut out);
            out
        };
        CoupleKeys {
            room: RoomId::from_bytes(expand(b"room-id")),
            token: RelayToken::from_bytes(expand(b"relay-token")),
            content: ContentKey(expand(b"content-key")),
            id_key: ContentKey(expand(b"bundle-id")),
        }
    }
}

impl fmt::Debug for PairSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PairSecret(…)")
    }
}

/// A 256-bit symmetric key, wiped on drop.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub(crate) struct ContentKey(pub(crate) [u8; 32]);

/// Everything derived from the pair secret.
#[derive(Clone)]
pub struct CoupleKeys {
    /// The relay room (public to the relay).
    pub room: RoomId,
    /// The bearer token for the room (the relay stores only its hash).
    pub token: RelayToken,
    pub(crate) content: ContentKey,
    /// Keys the bundle-id MAC, so ids reveal nothing about content to the relay.
    pub(crate) id_key: ContentKey,
}

impl CoupleKeys {
    /// The id of a bundle with this plaintext: a keyed hash, so re-pushing the same changes after
    /// a crash reuses the id (the relay stores it once) while revealing nothing to the relay.
    pub fn bundle_id(&self, plaintext: &[u8]) -> crate::protocol::BundleId {
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.id_key.0) else {
            unreachable!("HMAC accepts keys of any length")
        };
        mac.update(plaintext);
        crate::protocol::BundleId::from_bytes(mac.finalize().into_bytes().into())
    }
}

impl fmt::Debug for CoupleKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoupleKeys").field("room", &self.room).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_secret_always_derives_the_same_keys_and_different_secrets_do_not() {
        let s = PairSecret::random();
        let (a, b) = (s.derive(), s.clone().derive());
        assert_eq!(a.room, b.room);
        assert_eq!(a.token, b.token);
        let other = PairSecret::random().derive();
        assert_ne!(a.room, other.room);
        assert_ne!(a.room.as_bytes(), a.token.as_bytes(), "room and token are independent");
    }

    /// Every way a 32-byte key could be spelled in text: hex (both cases), base64, and Rust's
    /// own `Debug` of the byte array.
    fn spellings(bytes: &[u8; 32]) -> Vec<String> {
        use base64::Engine;
        let hex = hex::encode(bytes);
        vec![
            hex.clone(),
            hex.to_uppercase(),
            hex[..16].to_string(),
            base64::engine::general_purpose::STANDARD.encode(bytes),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
            format!("{bytes:?}"),
            format!("{:?}", &bytes[..8]).trim_end_matches(']').to_string(),
        ]
    }

    #[test]
    fn secrets_and_keys_never_show_in_debug_output() {
        let s = PairSecret::random();
        let keys = s.derive();
        let shown = format!("{s:?} {keys:?} {keys:#?}");
        assert_eq!(format!("{s:?}"), "PairSecret(…)");
        let secret_material =
            [("pair secret", *s.expose()), ("content key", keys.content.0), ("bundle-id key", keys.id_key.0)];
        for (name, bytes) in secret_material {
            for spelled in spellings(&bytes) {
                assert!(!shown.contains(&spelled), "the {name} shows in Debug as {spelled}: {shown}");
            }
        }
        assert!(!shown.contains(&keys.token.to_string()), "the relay token shows in Debug: {shown}");
        // The check can fail: the room id is public and does show, in the very spelling searched for.
        assert!(spellings(keys.room.as_bytes()).iter().any(|r| shown.contains(r)), "{shown}");
    }

    #[test]
    fn bundle_ids_are_deterministic_and_keyed() {
        let k = PairSecret::random().derive();
        assert_eq!(k.bundle_id(b"x"), k.bundle_id(b"x"));
        assert_ne!(k.bundle_id(b"x"), PairSecret::random().derive().bundle_id(b"x"));
    }
}
