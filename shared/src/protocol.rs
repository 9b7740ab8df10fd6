//! Wire types shared by the relay and the sync client: ids, limits, JSON bodies and the bundle frame.
//!
//! The relay (`mend-sync-server`) and the sync client both build on this module, so the two sides
//! cannot drift apart. Everything the client decodes from the network passes through
//! [`BundlePage::decode`], which validates every length, count and sequence number.
//!
//! ```
//! use mend_shared::protocol::{Bundle, BundleId, BundlePage};
//!
//! let sealed = b"ciphertext".to_vec();
//! let page = BundlePage {
//!     latest_seq: 7,
//!     snapshot_seq: 0,
//!     bundles: vec![Bundle { seq: 7, id: BundleId::for_content(&sealed), bytes: sealed }],
//! };
//! let frame = page.encode().unwrap();
//! assert_eq!(BundlePage::decode(&frame).unwrap(), page);
//! ```

mod bodies;
mod frame;
mod hex_id;
mod pairing;

pub use bodies::{AppendResponse, ErrorBody, ErrorCode, HealthResponse, NameplateResponse, SnapshotResponse};
pub use frame::{Bundle, BundlePage, FRAME_HEADER_LEN, FRAME_MAGIC, FRAME_VERSION, ProtocolError};
pub use hex_id::{BundleId, ParseHexIdError, RelayToken, RoomId};
pub use pairing::{Nameplate, PairingSlot, ParseNameplateError, ParseSlotError};

/// Content type of a bundle page (the binary frame of [`BundlePage`]).
pub const BUNDLES_CONTENT_TYPE: &str = "application/vnd.mend.bundles";

/// Content type of every sealed upload: bundles, snapshots and pairing messages.
pub const SEALED_CONTENT_TYPE: &str = "application/octet-stream";

/// Header carrying a snapshot's sequence number, on upload and on download.
pub const SNAPSHOT_SEQ_HEADER: &str = "mend-snapshot-seq";

/// Largest sealed bundle the relay accepts, in bytes.
pub const MAX_BUNDLE_BYTES: usize = 1 << 20;

/// Most bundles one page may hold (the `limit` query parameter's upper bound).
pub const MAX_LIST_LIMIT: u32 = 1000;

/// Page size used when a list request names no `limit`.
pub const DEFAULT_LIST_LIMIT: u32 = 100;

/// Longest long-poll a client may ask for, in seconds.
pub const MAX_WAIT_SECS: u64 = 30;

/// Largest message one pairing slot holds, in bytes.
pub const MAX_PAIRING_MESSAGE_BYTES: usize = 4096;

/// How long a pairing nameplate lives after allocation, in seconds.
pub const NAMEPLATE_TTL_SECS: u64 = 600;

/// The relay's default limit on a sealed snapshot, in bytes (operators may change it).
pub const DEFAULT_MAX_SNAPSHOT_BYTES: usize = 16 << 20;
