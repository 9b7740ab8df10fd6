//! Keeping the couple's shared document in step between two phones through the relay.
//!
//! The relay only ever sees sealed bytes: see [`crate::crypto`]. Private documents are never
//! sent. Everything works offline; sync catches up whenever the relay is reachable.
//!
//! ```no_run
//! # async fn demo() -> Result<(), mend_shared::sync::SyncError> {
//! use mend_shared::relay::RelayClient;
//! use mend_shared::session::Session;
//! use mend_shared::sync::{self, SharedSession, Syncer};
//! use std::sync::{Arc, Mutex};
//!
//! let relay = RelayClient::new("http://127.0.0.1:8787")?;
//! let ana: SharedSession = Arc::new(Mutex::new(Session::open("ana/mend.sqlite".as_ref())?));
//! let ben: SharedSession = Arc::new(Mutex::new(Session::open("ben/mend.sqlite".as_ref())?));
//!
//! // Phone A shows a code; phone B types it.
//! let invite = sync::invite(&ana, &relay).await?;
//! let code = invite.code();
//! let (a, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben, &relay, &code));
//! a?;
//! b?;
//!
//! // From then on, each phone syncs when it can.
//! let syncer = Syncer::for_session(ana.clone(), relay.clone())?.expect("paired");
//! syncer.sync_once().await?;
//! println!("{}", syncer.status().describe());
//! # Ok(())
//! # }
//! ```

mod bookkeeping;
mod couple;
mod coverage;
mod engine;
mod error;
mod keys;
mod live;
mod pull;
mod push;
mod replace;
mod resend;
mod status;

pub use couple::{
    Paired, PendingInvite, Unpaired, invite, is_paired, join_with_code, retry_pending_room_deletion, unpair,
};
pub use engine::{SNAPSHOT_AFTER_BUNDLES, SharedSession, SyncReport, Syncer, lock};
pub use error::SyncError;
pub use keys::KeyStore;
pub use live::{FIRST_BACKOFF, LIVE_WAIT, MAX_BACKOFF, REFUSED_BACKOFF, backoff, jittered, retry_delay};
pub use pull::PullReport;
pub use replace::{awaiting_history, replace_partner_phone};
pub use status::{SyncState, SyncStatus};
