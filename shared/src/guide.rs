//! The seven-step guide and its closing, in Mend's own words.
//!
//! The guide is static, typed content: eight [`GuideStep`]s in program order (seven steps and a
//! closing), each with a short body, reflection [`Prompt`]s, concrete [`Exercise`]s and the
//! [`AppFeature`]s it leads to. It follows the seed text the app was designed around, section by
//! section ([`GuideStep::seed_section`] names the seed heading each step covers), but the words
//! are our own: plain, warm and never shaming.
//!
//! Ids are stable. A [`StepId`] is stored in documents as its kebab-case string
//! ([`StepId::as_str`]) and a prompt as its [`Prompt::id`], so neither may ever be renamed or
//! reused for something else.
//!
//! ```
//! use mend_shared::guide::{self, AppFeature, StepId};
//!
//! let first = &guide::steps()[0];
//! assert_eq!(first.id, StepId::RootCause);
//! assert_eq!(first.features[0], AppFeature::RootCauseExercise);
//! assert_eq!(guide::next_step(StepId::RootCause), Some(StepId::Communication));
//!
//! let (step, prompt) = guide::prompt("root-cause.what-happened").unwrap();
//! assert_eq!(step.id, StepId::RootCause);
//! assert!(prompt.text.ends_with('?'));
//! ```

mod apology;
mod closing;
mod communication;
mod mutual_support;
mod parts;
mod professional_help;
mod root_cause;
mod time;
mod transparency;

pub use parts::{
    NEED_TO_HEAR_PROMPT, PartWords, StepForPart, StepParts, Suggestion, for_part, prompt_for, suggestion,
};

use std::fmt;
use std::str::FromStr;

/// Stable identity of a step; never renumber (stored in documents as the kebab-case string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepId {
    /// Step 1: find what really broke trust, and each partner's part in it.
    RootCause,
    /// Step 2: open, honest and respectful communication.
    Communication,
    /// Step 3: actions that match words, and sharing by choice.
    Transparency,
    /// Step 4: admit fault and apologize.
    Apology,
    /// Step 5: support each other and keep promises.
    MutualSupport,
    /// Step 6: accept that healing takes time.
    Time,
    /// Step 7: seek professional help.
    ProfessionalHelp,
    /// The closing reflection (the seed's epilogue).
    Closing,
}

impl StepId {
    /// Every step, in program order.
    pub const ALL: [StepId; 8] = [
        StepId::RootCause,
        StepId::Communication,
        StepId::Transparency,
        StepId::Apology,
        StepId::MutualSupport,
        StepId::Time,
        StepId::ProfessionalHelp,
        StepId::Closing,
    ];

    /// The stable kebab-case name stored in documents, e.g. `"root-cause"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            StepId::RootCause => "root-cause",
            StepId::Communication => "communication",
            StepId::Transparency => "transparency",
            StepId::Apology => "apology",
            StepId::MutualSupport => "mutual-support",
            StepId::Time => "time",
            StepId::ProfessionalHelp => "professional-help",
            StepId::Closing => "closing",
        }
    }

    /// Position in program order, from 0; also the step's index in [`steps()`].
    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for StepId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no guide step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown guide step: {0}")]
pub struct UnknownStep(
    /// The text that was not a step's name.
    pub String,
);

impl FromStr for StepId {
    type Err = UnknownStep;

    /// Parse the kebab-case name from [`StepId::as_str`]; exact match only.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StepId::ALL.into_iter().find(|id| id.as_str() == s).ok_or_else(|| UnknownStep(s.to_owned()))
    }
}

/// What in the app a step leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppFeature {
    /// Each partner names the factors they see and writes their view; shown side by side once
    /// both have answered.
    RootCauseExercise,
    /// The weekly talk: "what I felt", "what I need", and the partner's reply beside it.
    TalkPrompts,
    /// Promises, their outcomes, and appreciation of the ones kept.
    PromiseTracker,
    /// Voluntary "I want you to know" notes, chosen by the writer and never demanded.
    Disclosures,
    /// "Questions I need answered": asked by one partner, answered by the other in their own time.
    Questions,
    /// What happened, its impact, my part, what I will do differently.
    ApologyComposer,
    /// "This week I need…" requests.
    SupportRequests,
    /// The timeline of the couple's weeks and months, and what it shows.
    Timeline,
    /// A summary the couple may choose to export for a counselor.
    CounselorSummary,
    /// The reflection both partners write at the end of the guide.
    ClosingReflection,
}

impl AppFeature {
    /// Every feature, in the order the guide first leads to them.
    pub const ALL: [AppFeature; 10] = [
        AppFeature::RootCauseExercise,
        AppFeature::TalkPrompts,
        AppFeature::PromiseTracker,
        AppFeature::Disclosures,
        AppFeature::Questions,
        AppFeature::ApologyComposer,
        AppFeature::SupportRequests,
        AppFeature::Timeline,
        AppFeature::CounselorSummary,
        AppFeature::ClosingReflection,
    ];

    /// A short human name for buttons and links.
    pub const fn label(self) -> &'static str {
        match self {
            AppFeature::RootCauseExercise => "Root-cause exercise",
            AppFeature::TalkPrompts => "Weekly talk",
            AppFeature::PromiseTracker => "Promise tracker",
            AppFeature::Disclosures => "“I want you to know” notes",
            AppFeature::Questions => "Questions I need answered",
            AppFeature::ApologyComposer => "Apology composer",
            AppFeature::SupportRequests => "Support requests",
            AppFeature::Timeline => "Timeline and insights",
            AppFeature::CounselorSummary => "Counselor summary",
            AppFeature::ClosingReflection => "Closing reflection",
        }
    }
}

/// A reflection question a partner can answer in their own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prompt {
    /// Stable id, unique across the guide and prefixed by the step, e.g.
    /// `"root-cause.what-happened"`; stored with every answer, so never renamed.
    pub id: &'static str,
    /// The question.
    pub text: &'static str,
}

/// Something concrete to do, alone or together, in one of the app's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exercise {
    /// Stable id, unique across the guide and prefixed by the step.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// What to do, how long it takes, and whether alone or together.
    pub instructions: &'static str,
    /// Where in the app the exercise is done.
    pub feature: AppFeature,
}

/// One step of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideStep {
    /// Stable identity.
    pub id: StepId,
    /// 1..=8 in program order (the closing is 8).
    pub number: u8,
    /// The step's title.
    pub title: &'static str,
    /// One line saying what the step is about.
    pub summary: &'static str,
    /// The step's text, as short paragraphs.
    pub body: &'static [&'static str],
    /// Reflection questions (at least three).
    pub prompts: &'static [Prompt],
    /// Concrete exercises (at least one), each done in an app feature.
    pub exercises: &'static [Exercise],
    /// The app features the step leads to, main one first.
    pub features: &'static [AppFeature],
    /// The exact heading of the seed section this step covers (`"epilogue"` for the closing).
    pub seed_section: &'static str,
    /// Concrete signs it is time to get help; non-empty only for professional help.
    pub when_to_seek_help: &'static [&'static str],
    /// [`SAFETY_NOTE`] on the professional-help step; `None` elsewhere.
    pub safety_note: Option<&'static str>,
    /// Where and how to find a counselor; non-empty only for professional help.
    pub resources: &'static [&'static str],
    /// When a partner's answers to this step's prompts may be read.
    pub reveal: AnswerReveal,
    /// The words that change with each partner's part ([`for_part`] puts them together).
    pub parts: StepParts,
}

/// When my partner's answer to a step's reflection prompt is shown to me.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerReveal {
    /// As soon as it reaches my phone.
    Immediately,
    /// Only once I have answered the same prompt myself, so my answer stays my own (the
    /// root-cause step: two views of what happened, neither shaped by the other).
    OnceIHaveAnswered,
}

/// The honest horizon, said the same way wherever the app shows it (the timeline, insights).
pub const HEALING_HORIZON: &str = "Repairing trust usually takes many months, and often a year or more.";

/// What to do if a partner feels unsafe: Mend is not the tool for that.
pub const SAFETY_NOTE: &str = "If you ever feel unsafe with your partner — threatened, controlled \
or afraid — Mend is not the right tool for this. Please contact your local emergency services or \
an abuse helpline now. Mend never tracks location or phones, and nothing in it should be used to \
watch or control anyone.";

/// The steps in program order, checked at compile time below.
const STEPS_IN_ORDER: [GuideStep; 8] = [
    root_cause::STEP,
    communication::STEP,
    transparency::STEP,
    apology::STEP,
    mutual_support::STEP,
    time::STEP,
    professional_help::STEP,
    closing::STEP,
];

// Step `i` must have id `StepId::ALL[i]` and number `i + 1`: this is what lets `step()` index
// directly and keeps `number` honest.
const _: () = {
    let mut i = 0;
    while i < STEPS_IN_ORDER.len() {
        assert!(STEPS_IN_ORDER[i].id.index() == i);
        assert!(StepId::ALL[i].index() == i);
        assert!(STEPS_IN_ORDER[i].number as usize == i + 1);
        i += 1;
    }
};

static STEPS: [GuideStep; 8] = STEPS_IN_ORDER;

/// All eight steps, in program order.
pub fn steps() -> &'static [GuideStep] {
    &STEPS
}

/// The step with this id.
pub fn step(id: StepId) -> &'static GuideStep {
    &STEPS[id.index()]
}

/// The prompt with this id, and the step it belongs to; `None` if no prompt has that id.
pub fn prompt(id: &str) -> Option<(&'static GuideStep, &'static Prompt)> {
    STEPS
        .iter()
        .find_map(|step| step.prompts.iter().find(|prompt| prompt.id == id).map(|prompt| (step, prompt)))
}

/// The step after this one in program order; `None` after the closing.
pub fn next_step(id: StepId) -> Option<StepId> {
    StepId::ALL.get(id.index() + 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_returns_the_step_with_that_id() {
        for id in StepId::ALL {
            assert_eq!(step(id).id, id);
        }
        assert_eq!(step(StepId::Closing).number, 8);
    }

    #[test]
    fn steps_are_the_same_values_step_returns() {
        for (i, s) in steps().iter().enumerate() {
            assert!(std::ptr::eq(s, step(StepId::ALL[i])));
        }
    }

    #[test]
    fn prompt_finds_every_prompt_with_its_step() {
        for s in steps() {
            for p in s.prompts {
                let (found_step, found) = prompt(p.id).unwrap();
                assert_eq!(found_step.id, s.id);
                assert_eq!(found, p);
            }
        }
        let (s, p) = prompt("root-cause.what-happened").unwrap();
        assert_eq!(s.id, StepId::RootCause);
        assert_eq!(p.id, "root-cause.what-happened");
    }

    #[test]
    fn prompt_returns_none_for_an_unknown_id() {
        assert_eq!(prompt(""), None);
        assert_eq!(prompt("root-cause"), None);
        assert_eq!(prompt("root-cause.no-such-prompt"), None);
        assert_eq!(prompt("ROOT-CAUSE.WHAT-HAPPENED"), None);
        // Exercise ids are not prompts.
        assert_eq!(prompt(step(StepId::RootCause).exercises[0].id), None);
    }

    #[test]
    fn next_step_follows_program_order_and_ends_after_closing() {
        assert_eq!(next_step(StepId::RootCause), Some(StepId::Communication));
        assert_eq!(next_step(StepId::ProfessionalHelp), Some(StepId::Closing));
        assert_eq!(next_step(StepId::Closing), None);

        let mut walked = vec![StepId::RootCause];
        while let Some(next) = next_step(walked[walked.len() - 1]) {
            walked.push(next);
        }
        assert_eq!(walked, StepId::ALL);
    }

    #[test]
    fn from_str_accepts_every_name_and_rejects_others() {
        for id in StepId::ALL {
            assert_eq!(id.as_str().parse::<StepId>(), Ok(id));
            assert_eq!(id.to_string(), id.as_str());
        }
        for bad in ["", "Root-Cause", "root_cause", " time", "step-1", "epilogue"] {
            assert_eq!(bad.parse::<StepId>(), Err(UnknownStep(bad.to_owned())));
        }
        assert_eq!("nope".parse::<StepId>().unwrap_err().to_string(), "unknown guide step: nope");
    }
}
