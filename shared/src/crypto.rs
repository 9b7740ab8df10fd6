//! End-to-end encryption: the couple's pair secret, the keys derived from it, and sealing.
//!
//! A random 256-bit pair secret is shared once, at pairing. HKDF-SHA256 derives from it the
//! relay room id, the relay auth token and the content key, so the relay learns only the first
//! two. Every bundle and snapshot is compressed with zstd and sealed with XChaCha20-Poly1305
//! under a random nonce; the associated data binds the room, the bundle id (or snapshot
//! sequence) and the sending device, so the relay can neither read, alter nor move them.
//!
//! ```
//! use mend_shared::crypto::{PairSecret, Sealed, SealedKind};
//!
//! let keys = PairSecret::random().derive();
//! let device = [7u8; 16];
//! let (id, sealed) = keys.seal_bundle(&device, b"automerge changes").unwrap();
//! let opened = keys.open_bundle(&id, &sealed).unwrap();
//! assert_eq!(opened.plaintext, b"automerge changes");
//! assert_eq!(opened.sender, device);
//! assert_eq!(Sealed::parse(&sealed).unwrap().kind, SealedKind::Bundle);
//! ```

mod envelope;
mod error;
mod keys;
pub mod passphrase;

pub use envelope::{ENVELOPE_VERSION, Opened, Sealed, SealedKind, newer_version};
pub(crate) use envelope::{open as open_with, seal as seal_with};
pub use error::CryptoError;
pub use keys::{CoupleKeys, PairSecret};
