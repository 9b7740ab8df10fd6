//! My part, chosen privately, and the one toggle that shares it with my partner; the guide
//! worded for my part, and the Today suggestion I may set aside.
//!
//! The choice is written to this phone's private document only. While sharing is on, the same
//! edit also writes a copy into the couple's shared document, and turning sharing off deletes
//! that copy — in one transaction, so the two can never disagree. Nothing else reads or keys on
//! the part: prompts and exercises keep their ids whichever part reads them, so choosing another
//! part deletes and hides nothing anyone wrote.

use super::{Session, SessionError};
use crate::doc::Record;
use crate::guide::{self, StepForPart, StepId, Suggestion};
use crate::model::{DismissedSuggestion, ModelError, Part, PartChoice, SharedPart};

impl Session {
    /// My part, once chosen.
    pub fn my_part(&self) -> Option<Part> {
        self.private_state.part_choice().map(|c| c.part)
    }

    /// Whether my partner may see my part.
    pub fn sharing_part(&self) -> bool {
        self.private_state.part_choice().is_some_and(|c| c.shared)
    }

    /// Choose (or change) my part. It stays on this phone unless sharing is on, in which case my
    /// partner's copy changes with it.
    pub fn choose_part(&mut self, part: Part) -> Result<PartChoice, SessionError> {
        let shared = self.sharing_part();
        self.write_part(part, shared)
    }

    /// Turn sharing my part with my partner on or off. Off removes it from the couple's shared
    /// document; a copy my partner's phone already received can't be called back.
    pub fn share_part(&mut self, shared: bool) -> Result<PartChoice, SessionError> {
        let part = self.my_part().ok_or(ModelError::NoPartChosen)?;
        self.write_part(part, shared)
    }

    fn write_part(&mut self, part: Part, shared: bool) -> Result<PartChoice, SessionError> {
        let me = self.require_me()?;
        let now = self.now();
        let choice = PartChoice { part, shared, at: now };
        let copy = SharedPart { partner: me.clone(), part, at: now };
        let had_copy = self.shared_state.shared_part_of(&me).is_some();
        self.edit_both(
            |doc| {
                doc.put(&choice)?;
                Ok(vec![choice.doc_key()])
            },
            |doc| match (shared, had_copy) {
                (true, _) => {
                    doc.put(&copy)?;
                    Ok(vec![copy.doc_key()])
                }
                (false, true) => {
                    doc.delete::<SharedPart>(&copy.natural_key())?;
                    Ok(vec![copy.doc_key()])
                }
                (false, false) => Ok(vec![]),
            },
        )?;
        Ok(choice)
    }

    /// A guide step worded for my part ("I'd rather not say" until I choose).
    pub fn guide_for(&self, step: StepId) -> StepForPart {
        guide::for_part(step, self.my_part())
    }

    /// Today's one suggestion: from my current step, worded for my part, unless I set it aside.
    /// `None` before onboarding, once every step is done, or after "Not now".
    pub fn today_suggestion(&self) -> Option<Suggestion> {
        let me = self.my_id()?;
        let step = self.shared_state.current_step(me)?;
        let suggestion = self.guide_for(step).suggestion;
        (!self.private_state.dismissed(&suggestion.id)).then_some(suggestion)
    }

    /// Set a Today suggestion aside ("Not now"), on this phone only. It doesn't come back; the
    /// next step, or another part, brings its own.
    pub fn dismiss_suggestion(&mut self, id: &str) -> Result<(), SessionError> {
        let suggestion = guide::suggestion(id)
            .ok_or_else(|| ModelError::UnknownRecord { what: "suggestion", id: id.to_string() })?;
        let record = DismissedSuggestion { suggestion: suggestion.id, at: self.now() };
        self.edit_private(|doc| {
            doc.put(&record)?;
            Ok(vec![record.doc_key()])
        })
    }
}
