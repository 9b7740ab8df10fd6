//! The guide in the documents: my reflections on its prompts, when my partner's answers may be
//! read, and my progress through its steps.

use super::exercises::PartnerView;
use super::{Session, SessionError};
use crate::doc::{Record, SharedState};
use crate::guide::{AnswerReveal, StepId};
use crate::ids::PartnerId;
use crate::model::{ModelError, Reflection, StepProgress, TextField};

impl Session {
    /// Save (or revise) my answer to a guide prompt.
    pub fn reflect(&mut self, prompt_id: &str, text: &str) -> Result<Reflection, SessionError> {
        let me = self.require_me()?;
        let (step, prompt) = crate::guide::prompt(prompt_id)
            .ok_or_else(|| ModelError::UnknownPrompt(prompt_id.to_string()))?;
        let reflection = Reflection {
            step: step.id,
            prompt: prompt.id.to_string(),
            partner: me,
            text: TextField::Reflection.clean(text)?,
            at: self.now(),
        };
        self.edit_shared(|doc| {
            doc.put(&reflection)?;
            Ok(vec![reflection.doc_key()])
        })?;
        Ok(reflection)
    }

    /// Mark that I have opened a step (the first time only).
    pub fn start_step(&mut self, step: StepId) -> Result<StepProgress, SessionError> {
        let me = self.require_me()?;
        if let Some(p) = self.shared_state.progress.get(&format!("{step}/{me}")) {
            return Ok(p.clone());
        }
        let progress = StepProgress { step, partner: me, started_at: self.now(), completed_at: None };
        self.edit_shared(|doc| {
            doc.put(&progress)?;
            Ok(vec![progress.doc_key()])
        })?;
        Ok(progress)
    }

    /// Mark a step done for me, or reopen it (`done = false`).
    pub fn set_step_done(&mut self, step: StepId, done: bool) -> Result<StepProgress, SessionError> {
        let mut progress = self.start_step(step)?;
        progress.completed_at = if done { Some(self.now()) } else { None };
        self.edit_shared(|doc| {
            doc.put(&progress)?;
            Ok(vec![progress.doc_key()])
        })?;
        Ok(progress)
    }
}

impl SharedState {
    /// A partner's answer to the guide prompt `prompt_id`, if they have written one.
    pub fn reflection_of(&self, prompt_id: &str, partner: &PartnerId) -> Option<&Reflection> {
        self.reflections.get(&format!("{prompt_id}/{partner}"))
    }

    /// My partner's answer to the guide prompt `prompt_id`, as far as `me` may read it. On a step
    /// whose answers are revealed [`AnswerReveal::OnceIHaveAnswered`] (the root cause), it stays
    /// hidden until I have answered the same prompt, so neither answer is shaped by the other;
    /// elsewhere it shows as soon as it reaches this phone. Like the root-cause exercise, this is
    /// a kindness in the app, not secrecy: both answers are in the shared document.
    pub fn partner_reflection(&self, prompt_id: &str, me: &PartnerId) -> PartnerView<'_, Reflection> {
        let Some((step, _)) = crate::guide::prompt(prompt_id) else {
            return PartnerView::NotYet;
        };
        let Some(theirs) = self.partner_of(me).and_then(|p| self.reflection_of(prompt_id, &p.id)) else {
            return PartnerView::NotYet;
        };
        let answered = self.reflection_of(prompt_id, me).is_some();
        match step.reveal {
            AnswerReveal::OnceIHaveAnswered if !answered => PartnerView::HiddenUntilYouAnswer,
            _ => PartnerView::Revealed(theirs),
        }
    }
}
