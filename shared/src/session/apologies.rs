//! Apologies: the composer (optionally making a linked promise) and the partner's response.

use super::{Session, SessionError};
use crate::doc::{Record, SharedState};
use crate::ids::ApologyId;
use crate::model::{Apology, ApologyDraft, ApologyResponse, ModelError, Promise, PromiseDraft, ResponseKind};

impl Session {
    /// Write an apology; with `promise`, also make the linked promise, all as one change.
    pub fn apologize(
        &mut self,
        draft: ApologyDraft,
        promise: Option<PromiseDraft>,
    ) -> Result<(Apology, Option<Promise>), SessionError> {
        let me = self.require_me()?;
        let [what_happened, impact, my_part, will_do] = draft.validate()?;
        let now = self.now();
        let id = ApologyId::random();
        let promise = match promise {
            Some(d) => {
                let mut p = d.into_promise(&me, self.today(), now)?;
                p.apology = Some(id.clone());
                Some(p)
            }
            None => None,
        };
        let apology = Apology {
            id,
            author: me,
            what_happened,
            impact,
            my_part,
            will_do,
            promise: promise.as_ref().map(|p| p.id.clone()),
            created_at: now,
            updated_at: now,
        };
        self.edit_shared(|doc| {
            doc.put(&apology)?;
            let mut keys = vec![apology.doc_key()];
            if let Some(p) = &promise {
                doc.put(p)?;
                keys.push(p.doc_key());
            }
            Ok(keys)
        })?;
        Ok((apology, promise))
    }

    /// Revise my own apology's words.
    pub fn edit_apology(&mut self, id: &ApologyId, draft: ApologyDraft) -> Result<Apology, SessionError> {
        let me = self.require_me()?;
        let mut apology = self.apology(id)?;
        if apology.author != me {
            return Err(ModelError::NotYourWords {
                what: "apology",
                owner: self.shared_state.name_of(&apology.author),
            }
            .into());
        }
        let [what_happened, impact, my_part, will_do] = draft.validate()?;
        apology.what_happened = what_happened;
        apology.impact = impact;
        apology.my_part = my_part;
        apology.will_do = will_do;
        apology.updated_at = self.now();
        self.edit_shared(|doc| {
            doc.put(&apology)?;
            Ok(vec![apology.doc_key()])
        })?;
        Ok(apology)
    }

    /// Respond to my partner's apology, whenever I am ready; I may change my response later.
    pub fn respond_to_apology(
        &mut self,
        id: &ApologyId,
        kind: ResponseKind,
        text: &str,
    ) -> Result<ApologyResponse, SessionError> {
        let me = self.require_me()?;
        let apology = self.apology(id)?;
        if apology.author == me {
            return Err(ModelError::OwnRecord { action: "respond to", what: "apology" }.into());
        }
        let response = ApologyResponse {
            apology: id.clone(),
            by: me,
            kind,
            text: ApologyResponse::clean_text(kind, text)?,
            at: self.now(),
        };
        self.edit_shared(|doc| {
            doc.put(&response)?;
            Ok(vec![response.doc_key()])
        })?;
        Ok(response)
    }

    fn apology(&self, id: &ApologyId) -> Result<Apology, SessionError> {
        Ok(self
            .shared_state
            .apologies
            .get(id.as_str())
            .cloned()
            .ok_or_else(|| ModelError::UnknownRecord { what: "apology", id: id.to_string() })?)
    }
}

impl SharedState {
    /// Every apology, newest first (ties by id, so both phones list them alike).
    pub fn apologies_newest_first(&self) -> Vec<&Apology> {
        let mut list: Vec<&Apology> = self.apologies.iter().collect();
        list.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        list
    }
}
