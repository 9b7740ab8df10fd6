//! The guide as each partner reads it: for every step, the summary, prompts, exercise
//! instructions and Today suggestion that fit their part.
//!
//! Prompt and exercise ids are the same for every part; only the words change. So an answer
//! stays where it is when its writer chooses another part, and nothing stored in the shared
//! document says which words its writer saw: the part stays private unless its owner shares it.

use super::{Exercise, GuideStep, Prompt, StepId, step};
use crate::model::{ApologyLead, Part};

/// One step's words for one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartWords {
    /// The step's one-line summary.
    pub summary: &'static str,
    /// `(prompt id, question)` for every prompt of the step, in the step's order.
    pub prompts: &'static [(&'static str, &'static str)],
    /// `(exercise id, instructions)` for every exercise of the step, in the step's order.
    pub exercises: &'static [(&'static str, &'static str)],
    /// One gentle suggestion for Today while this is my current step.
    pub suggestion: &'static str,
}

/// A step's words for the three parts that change them; "I'd rather not say" reads the step's
/// own shared text, with its own suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepParts {
    /// For "I was hurt".
    pub hurt: PartWords,
    /// For "I broke trust".
    pub broke_trust: PartWords,
    /// For "We both did, in different ways".
    pub both: PartWords,
    /// The Today suggestion for "I'd rather not say" (and before a part is chosen).
    pub rather_not_say_suggestion: &'static str,
}

/// The reflection prompt step 4 opens with for the partner who was hurt.
pub const NEED_TO_HEAR_PROMPT: &str = "apology.what-i-need-to-hear";

/// A step as one part reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepForPart {
    /// The step (title, body, features and the rest are the same for every part).
    pub step: &'static GuideStep,
    /// The part it is worded for.
    pub part: Part,
    /// The one-line summary.
    pub summary: &'static str,
    /// The reflection prompts, with the step's ids, worded for the part.
    pub prompts: Vec<Prompt>,
    /// The exercises, with the step's ids and titles, instructions worded for the part.
    pub exercises: Vec<Exercise>,
    /// The Today suggestion.
    pub suggestion: Suggestion,
}

impl StepForPart {
    /// The prompt shown first, in its own card, before the exercise: "what I'd need to hear",
    /// when step 4 leads with receiving an apology.
    pub fn featured_prompt(&self) -> Option<Prompt> {
        let receiving = self.step.id == StepId::Apology && self.part.apology_lead() == ApologyLead::Receiving;
        receiving.then(|| self.prompts.iter().copied().find(|p| p.id == NEED_TO_HEAR_PROMPT)).flatten()
    }

    /// The prompts for the step's Reflect list: every prompt but the featured one.
    pub fn reflect_prompts(&self) -> Vec<Prompt> {
        let featured = self.featured_prompt().map(|p| p.id);
        self.prompts.iter().copied().filter(|p| Some(p.id) != featured).collect()
    }
}

/// A gentle nudge from my current step, shown once on Today until I set it aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Stable id, `"{step}.{part}"`, e.g. `"transparency.hurt"`; stored when set aside.
    pub id: String,
    /// The step it comes from.
    pub step: StepId,
    /// The words.
    pub text: &'static str,
}

/// The words of `step` for `part`; `None` (not chosen yet) reads as "I'd rather not say".
pub fn for_part(id: StepId, part: Option<Part>) -> StepForPart {
    let step = step(id);
    let part = part.unwrap_or(Part::RatherNotSay);
    let words = match part {
        Part::Hurt => Some(&step.parts.hurt),
        Part::BrokeTrust => Some(&step.parts.broke_trust),
        Part::Both => Some(&step.parts.both),
        Part::RatherNotSay => None,
    };
    let suggestion_text = words.map_or(step.parts.rather_not_say_suggestion, |w| w.suggestion);
    let prompts = step
        .prompts
        .iter()
        .map(|p| Prompt { id: p.id, text: words.and_then(|w| lookup(w.prompts, p.id)).unwrap_or(p.text) })
        .collect();
    let exercises = step
        .exercises
        .iter()
        .map(|e| Exercise {
            instructions: words.and_then(|w| lookup(w.exercises, e.id)).unwrap_or(e.instructions),
            ..*e
        })
        .collect();
    StepForPart {
        step,
        part,
        summary: words.map_or(step.summary, |w| w.summary),
        prompts,
        exercises,
        suggestion: Suggestion { id: format!("{id}.{part}"), step: id, text: suggestion_text },
    }
}

/// The prompt with this id worded for `part`, and its step; `None` if no prompt has that id.
pub fn prompt_for(id: &str, part: Option<Part>) -> Option<(&'static GuideStep, Prompt)> {
    let (step, _) = super::prompt(id)?;
    let prompt = for_part(step.id, part).prompts.into_iter().find(|p| p.id == id)?;
    Some((step, prompt))
}

/// The suggestion with this id (`"{step}.{part}"`), if there is one.
pub fn suggestion(id: &str) -> Option<Suggestion> {
    let (step, part) = id.split_once('.')?;
    let (step, part) = (step.parse::<StepId>().ok()?, part.parse::<Part>().ok()?);
    Some(for_part(step, Some(part)).suggestion)
}

fn lookup(pairs: &[(&'static str, &'static str)], id: &str) -> Option<&'static str> {
    pairs.iter().find(|(k, _)| *k == id).map(|(_, text)| *text)
}
