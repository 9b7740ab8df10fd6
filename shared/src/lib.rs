//! Mend core: guide, model, CRDT documents, SQLite store, crypto, pairing and sync.
//!
//! Every rule of the app lives here; the Dioxus app only shows state and calls into this crate,
//! and the relay only ever stores the ciphertext this crate seals.
#![deny(missing_docs, unreachable_pub)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod backup;
pub mod crypto;
pub mod doc;
pub mod guide;
pub mod ids;
pub mod insights;
pub mod lock;
pub mod model;
pub mod pairing;
pub mod protocol;
pub mod relay;
pub mod schedule;
pub mod secrets;
pub mod session;
pub mod store;
pub mod summary;
pub mod sync;
pub mod time;
