//! Relay identifiers: room ids, bundle ids and bearer tokens, each 32 bytes written as 64 lowercase hex digits.

use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroize;

/// Why a text is not a 64-digit lowercase hex identifier.
///
/// The rejected text is never echoed back: for a token it could be a near-miss credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseHexIdError {
    /// The text is not exactly 64 bytes long.
    #[error("{kind} must be 64 lowercase hex digits, got {len} bytes")]
    WrongLength {
        /// Which identifier was expected.
        kind: &'static str,
        /// The length of the rejected text in bytes.
        len: usize,
    },
    /// The text holds a byte other than `0-9` or `a-f`.
    #[error("{kind} must be 64 lowercase hex digits, found another character at position {at}")]
    NotLowercaseHex {
        /// Which identifier was expected.
        kind: &'static str,
        /// Byte offset of the first bad character.
        at: usize,
    },
}

/// Decode exactly 64 lowercase hex digits; uppercase is refused so every id has one spelling.
fn parse_hex32(kind: &'static str, s: &str) -> Result<[u8; 32], ParseHexIdError> {
    if s.len() != 64 {
        return Err(ParseHexIdError::WrongLength { kind, len: s.len() });
    }
    if let Some(at) = s.bytes().position(|b| !matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(ParseHexIdError::NotLowercaseHex { kind, at });
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out).map_err(|_| ParseHexIdError::NotLowercaseHex { kind, at: 0 })?;
    Ok(out)
}

macro_rules! public_hex_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name([u8; 32]);

        impl $name {
            /// Wrap 32 raw bytes.
            pub const fn from_bytes(bytes: [u8; 32]) -> Self {
                Self(bytes)
            }

            /// The raw bytes.
            pub const fn as_bytes(&self) -> &[u8; 32] {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = ParseHexIdError;
            fn from_str(s: &str) -> Result<Self, ParseHexIdError> {
                parse_hex32($kind, s).map(Self)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseHexIdError;
            fn try_from(s: String) -> Result<Self, ParseHexIdError> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&hex::encode(self.0))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }
    };
}

public_hex_id!(
    /// A room on the relay: one per couple, derived from the pair secret with HKDF.
    RoomId,
    "room id"
);
public_hex_id!(
    /// A bundle's client-chosen id (a content hash), which makes re-uploads idempotent.
    BundleId,
    "bundle id"
);

impl BundleId {
    /// The SHA-256 of `content`: the natural id for a sealed bundle.
    pub fn for_content(content: &[u8]) -> Self {
        Self(Sha256::digest(content).into())
    }
}

/// The bearer credential for one room. The relay stores only [`RelayToken::hash`].
///
/// `Debug` is redacted and the bytes are wiped on drop, so a token does not end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct RelayToken([u8; 32]);

impl RelayToken {
    /// Wrap 32 raw bytes (normally the HKDF output for the relay token).
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// SHA-256 of the token: the only form the relay keeps.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.0).into()
    }

    /// The value for an `Authorization` header: `Bearer <64 hex digits>`.
    pub fn authorization(&self) -> String {
        format!("Bearer {self}")
    }
}

impl FromStr for RelayToken {
    type Err = ParseHexIdError;
    fn from_str(s: &str) -> Result<Self, ParseHexIdError> {
        parse_hex32("relay token", s).map(Self)
    }
}

impl fmt::Display for RelayToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for RelayToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RelayToken(<redacted>)")
    }
}

impl Drop for RelayToken {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    #[test]
    fn ids_round_trip_through_hex_and_serde() {
        let room: RoomId = HEX.parse().unwrap();
        assert_eq!(room.to_string(), HEX);
        assert_eq!(room.as_bytes()[1], 0x11);
        let json = serde_json::to_string(&room).unwrap();
        assert_eq!(json, format!("\"{HEX}\""));
        assert_eq!(serde_json::from_str::<RoomId>(&json).unwrap(), room);
        assert!(serde_json::from_str::<BundleId>("\"00\"").is_err());
    }

    #[test]
    fn uppercase_and_wrong_lengths_are_refused_with_a_specific_error() {
        let upper = HEX.to_uppercase();
        assert_eq!(
            upper.parse::<RoomId>(),
            Err(ParseHexIdError::NotLowercaseHex { kind: "room id", at: 20 })
        );
        assert_eq!(
            HEX[..63].parse::<BundleId>(),
            Err(ParseHexIdError::WrongLength { kind: "bundle id", len: 63 })
        );
        let with_slash = format!("{}/{}", &HEX[..31], &HEX[32..]);
        assert!(matches!(
            with_slash.parse::<RelayToken>(),
            Err(ParseHexIdError::NotLowercaseHex { at: 31, .. })
        ));
        // 'é' is two bytes, so this is 64 bytes long and fails on its first byte.
        let accented = format!("é{}", &HEX[2..]);
        assert_eq!(
            accented.parse::<RoomId>(),
            Err(ParseHexIdError::NotLowercaseHex { kind: "room id", at: 0 })
        );
    }

    #[test]
    fn token_debug_is_redacted_and_hash_is_sha256() {
        let token: RelayToken = HEX.parse().unwrap();
        assert_eq!(format!("{token:?}"), "RelayToken(<redacted>)");
        assert_eq!(token.authorization(), format!("Bearer {HEX}"));
        let expected: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        assert_eq!(token.hash(), expected);
    }

    #[test]
    fn bundle_id_for_content_is_its_sha256() {
        let id = BundleId::for_content(b"abc");
        assert_eq!(id.to_string(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
