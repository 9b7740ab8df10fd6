//! The couple's CRDT documents: typed records in automerge, keyed so replicas never collide.
//!
//! Every record lives directly under the document root at `"{prefix}/{natural key}"` — for
//! example `checkin/2026-05-04/{partner}` or `outcome/{promise}/2026-05-04`. There are no shared
//! container objects, so two phones that start apart can never create competing containers, and
//! new record kinds need no migration. Natural keys give the uniqueness the app relies on (one
//! check-in per partner per day, one outcome per promise per day); random UUIDs keep concurrent
//! creation collision-free. Each record is a map, so concurrent edits merge field by field, and
//! long texts are plain strings (automerge `Text` loads ~8× slower and records have one author).
//!
//! ```
//! use mend_shared::doc::{CrdtDoc, DocState, SharedState};
//! use mend_shared::model::Partner;
//! use mend_shared::{ids::PartnerId, time::{Clock, ManualClock, Day}};
//!
//! let clock = ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 0);
//! let mut a = CrdtDoc::new();
//! let ana = Partner { id: PartnerId::random(), name: "Ana".into(), joined_at: clock.stamp() };
//! a.put(&ana).unwrap();
//! a.commit(&clock);
//!
//! // The partner's phone starts from nothing, receives A's changes, and adds its own.
//! let mut b = CrdtDoc::new();
//! b.apply(&a.changes_since(&[])).unwrap();
//! let ben = Partner { id: PartnerId::random(), name: "Ben".into(), joined_at: clock.stamp() };
//! b.put(&ben).unwrap();
//! b.commit(&clock);
//! a.apply(&b.changes_since(&[])).unwrap();
//!
//! let (sa, sb) = (SharedState::hydrate(&a).unwrap(), SharedState::hydrate(&b).unwrap());
//! assert_eq!(sa, sb);
//! assert_eq!(sa.partners.len(), 2);
//! ```

mod crdt;
mod error;
mod private_state;
mod reader;
mod recent_first;
mod record;
mod shared_state;
mod state;
mod step_serde;
mod table;
mod touched;

pub use crdt::{ChangeSet, CrdtDoc, Incoming};
pub use error::DocError;
pub use private_state::{PrivateState, Setting};
pub use record::Record;
pub use shared_state::SharedState;
pub use state::DocState;
pub(crate) use state::most_of;
pub(crate) use step_serde::{step_id, step_id_opt};
pub use table::Table;

/// The schema version written into every document; readers refuse newer majors.
pub const SCHEMA_VERSION: u64 = 1;
/// The root key holding [`SCHEMA_VERSION`].
pub(crate) const SCHEMA_KEY: &str = "schema";
