//! Daily check-ins: write or edit my check-in for today (or an earlier day I missed).

use super::{Session, SessionError};
use crate::doc::Record;
use crate::model::{CheckIn, CheckInDraft};
use crate::time::Day;

impl Session {
    /// Write or update my check-in for today.
    pub fn save_checkin(&mut self, draft: CheckInDraft) -> Result<CheckIn, SessionError> {
        let today = self.today();
        self.save_checkin_for(today, draft)
    }

    /// Write or update my check-in for `date` (today or earlier, never later).
    pub fn save_checkin_for(&mut self, date: Day, draft: CheckInDraft) -> Result<CheckIn, SessionError> {
        let me = self.require_me()?;
        self.settle_history()?;
        let now = self.now();
        let mut checkin = draft.validate(&me, date, self.today(), now)?;
        if let Some(existing) = self.shared_state.checkin(date, &me) {
            checkin.written_at = existing.written_at;
        }
        self.edit_shared(|doc| {
            doc.put(&checkin)?;
            Ok(vec![checkin.doc_key()])
        })?;
        Ok(checkin)
    }
}
