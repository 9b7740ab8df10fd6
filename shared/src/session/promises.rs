//! Promises: create, edit, retire; outcomes recorded by the owner; acknowledgements by the partner.

use super::{Session, SessionError};
use crate::doc::Record;
use crate::ids::{PartnerId, PromiseId};
use crate::model::{
    AckKind, AckTarget, Acknowledgement, Cadence, ModelError, Outcome, OutcomeKind, Promise, PromiseDraft,
    PromiseStatus, TextField,
};
use crate::time::Day;

impl Session {
    /// Make a new promise of my own.
    pub fn create_promise(&mut self, draft: PromiseDraft) -> Result<Promise, SessionError> {
        let me = self.require_me()?;
        let promise = draft.into_promise(&me, self.today(), self.now())?;
        self.edit_shared(|doc| {
            doc.put(&promise)?;
            Ok(vec![promise.doc_key()])
        })?;
        Ok(promise)
    }

    /// Change the words or cadence of my own active promise.
    pub fn edit_promise(&mut self, id: &PromiseId, draft: PromiseDraft) -> Result<Promise, SessionError> {
        let mut promise = self.own_promise(id)?;
        promise.ensure_open()?;
        let (title, why, cadence) = draft.validate(self.today())?;
        promise.title = title;
        promise.why = why;
        promise.cadence = cadence;
        promise.updated_at = self.now();
        self.edit_shared(|doc| {
            doc.put(&promise)?;
            Ok(vec![promise.doc_key()])
        })?;
        Ok(promise)
    }

    /// Set one of my promises aside; its history stays visible.
    pub fn retire_promise(&mut self, id: &PromiseId) -> Result<Promise, SessionError> {
        let mut promise = self.own_promise(id)?;
        if promise.status == PromiseStatus::Retired {
            return Ok(promise);
        }
        promise.status = PromiseStatus::Retired;
        promise.updated_at = self.now();
        self.edit_shared(|doc| {
            doc.put(&promise)?;
            Ok(vec![promise.doc_key()])
        })?;
        Ok(promise)
    }

    /// Record how my promise went on `date`; recording again replaces that day's outcome.
    /// A one-off promise marked kept becomes kept.
    pub fn record_outcome(
        &mut self,
        id: &PromiseId,
        date: Day,
        kind: OutcomeKind,
        note: &str,
    ) -> Result<Outcome, SessionError> {
        let me = self.require_me()?;
        let mut promise = self.own_promise(id)?;
        let reopening_one_off =
            promise.status == PromiseStatus::Kept && matches!(promise.cadence, Cadence::OneOff { .. });
        if !reopening_one_off {
            promise.ensure_open()?;
        }
        let today = self.today();
        if date > today {
            return Err(ModelError::DateInFuture { date, today }.into());
        }
        if date < promise.starts_on {
            return Err(ModelError::BeforePromiseStarted { date, starts: promise.starts_on }.into());
        }
        let outcome = Outcome {
            promise: id.clone(),
            date,
            kind,
            note: TextField::Note.clean(note)?,
            by: me,
            at: self.now(),
        };
        let new_status = match (promise.cadence, kind) {
            (Cadence::OneOff { .. }, OutcomeKind::Kept) => Some(PromiseStatus::Kept),
            (Cadence::OneOff { .. }, _) if reopening_one_off => Some(PromiseStatus::Active),
            _ => None,
        };
        if let Some(status) = new_status {
            promise.status = status;
            promise.updated_at = self.now();
        }
        self.edit_shared(|doc| {
            doc.put(&outcome)?;
            let mut keys = vec![outcome.doc_key()];
            if new_status.is_some() {
                doc.put(&promise)?;
                keys.push(promise.doc_key());
            }
            Ok(keys)
        })?;
        Ok(outcome)
    }

    /// Acknowledge my partner's record; acknowledging again replaces my earlier acknowledgement.
    pub fn acknowledge(
        &mut self,
        target: AckTarget,
        kind: AckKind,
        note: &str,
    ) -> Result<Acknowledgement, SessionError> {
        let me = self.require_me()?;
        self.settle_history()?;
        let (author, what) = self.author_of(&target)?;
        if author == me {
            return Err(ModelError::OwnRecord { action: "acknowledge", what }.into());
        }
        let ack =
            Acknowledgement { target, by: me, kind, note: TextField::Note.clean(note)?, at: self.now() };
        self.edit_shared(|doc| {
            doc.put(&ack)?;
            Ok(vec![ack.doc_key()])
        })?;
        Ok(ack)
    }

    /// A promise that exists and is mine, or the specific reason it can't be changed.
    fn own_promise(&self, id: &PromiseId) -> Result<Promise, SessionError> {
        let me = self.require_me()?;
        let promise = self
            .shared_state
            .promise(id)
            .cloned()
            .ok_or_else(|| ModelError::UnknownPromise(id.to_string()))?;
        if promise.owner != me {
            return Err(ModelError::NotYourWords {
                what: "promise",
                owner: self.shared_state.name_of(&promise.owner),
            }
            .into());
        }
        Ok(promise)
    }

    /// Who wrote the record an acknowledgement points at.
    fn author_of(&self, target: &AckTarget) -> Result<(PartnerId, &'static str), SessionError> {
        let s = &self.shared_state;
        let missing = |what: &'static str| ModelError::UnknownRecord { what, id: target.to_string() };
        Ok(match target {
            AckTarget::CheckIn { partner, date } => {
                (s.checkin(*date, partner).ok_or_else(|| missing("check-in"))?.partner.clone(), "check-in")
            }
            AckTarget::Outcome { promise, date } => {
                if s.promise(promise).is_none() {
                    return Err(ModelError::UnknownPromise(promise.to_string()).into());
                }
                (s.outcome(promise, *date).ok_or_else(|| missing("outcome"))?.by.clone(), "outcome")
            }
            AckTarget::Promise { promise } => (
                s.promise(promise)
                    .ok_or_else(|| ModelError::UnknownPromise(promise.to_string()))?
                    .owner
                    .clone(),
                "promise",
            ),
            AckTarget::Journal { entry } => (
                s.journal.get(entry.as_str()).ok_or_else(|| missing("journal entry"))?.author.clone(),
                "journal entry",
            ),
            AckTarget::Note { entry } => {
                (s.notes.get(entry.as_str()).ok_or_else(|| missing("note"))?.author.clone(), "note")
            }
        })
    }
}
