//! A large merge's first read: what a first screen shows (the last weeks of dated records and
//! every undated one but the journal), so a new phone shows Today before its whole history.

use super::crdt::prefix_end;
use super::{CrdtDoc, DocError, SharedState};
use crate::time::Day;

impl SharedState {
    /// The records dated on or after `since` (check-ins, outcomes and their acknowledgements)
    /// and every undated record except shared journal entries and their acknowledgements.
    /// [`super::DocState::hydrate`] reads the rest; a record either read holds is read whole.
    pub(crate) fn hydrate_recent(doc: &CrdtDoc, since: Day) -> Result<Self, DocError> {
        let mut state = SharedState::default();
        // Every table not listed here is read whole, a table added later included.
        state.hydrate_records(doc, &["checkins", "outcomes", "acks", "journal"])?;
        // Keys put the date first for check-ins, after the promise for outcomes, and after the
        // target's kind for acknowledgements: each window is one range per kind or promise.
        let since = since.to_string();
        doc.read_into(&mut state.checkins, &since, None)?;
        let to_end = |prefix: &str| Some(prefix_end(prefix));
        doc.read_into(&mut state.acks, &format!("checkin:{since}"), to_end("checkin:").as_deref())?;
        for kind in ["promise:", "note:"] {
            doc.read_into(&mut state.acks, kind, to_end(kind).as_deref())?;
        }
        for promise in state.promises.iter() {
            let outcomes = format!("{}/", promise.id);
            doc.read_into(&mut state.outcomes, &format!("{outcomes}{since}"), to_end(&outcomes).as_deref())?;
            let acks = format!("outcome:{outcomes}");
            doc.read_into(&mut state.acks, &format!("{acks}{since}"), to_end(&acks).as_deref())?;
        }
        Ok(state)
    }
}
