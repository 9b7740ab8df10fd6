//! The guide in the documents: my reflections on its prompts and my progress through its steps.

use super::{Session, SessionError};
use crate::doc::Record;
use crate::guide::StepId;
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
