//! Step 3: let actions match words, and share openly — by choice, never by demand.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::Transparency,
    number: 3,
    title: "Be open and consistent",
    summary: "Let your actions match your words, and share what matters by choice, never on \
        demand.",
    body: &[
        "Trust grows when what you say and what you do line up, again and again. Small, \
         consistent actions count for more than big words.",
        "Try to leave less room for confusion. If plans change, say so. If a decision affects \
         you both, talk it through before you make it. Sharing your reasons helps your partner \
         feel respected and included.",
        "Transparency in Mend means what each of you chooses to share. When there is something \
         you want your partner to hear from you, write an “I want you to know” note. These notes \
         are offered freely. They are never collected or demanded.",
        "Mend never tracks location and never looks into anyone's phone. There is no tracking \
         and no checking each other's phone, ever. Trust that is watched over doesn't grow; \
         trust that is offered does.",
        "If you feel the urge to check up on your partner, that feeling matters. Bring it to \
         your weekly talk, gently, instead of acting on it alone.",
    ],
    prompts: &[
        Prompt { id: "transparency.what-helps", text: "What helps you believe what your partner tells you?" },
        Prompt {
            id: "transparency.uncertain",
            text: "Which surprises or silences leave you feeling unsure? What would you like \
                   instead?",
        },
        Prompt {
            id: "transparency.want-to-share",
            text: "What would you like your partner to know about your days that you don't \
                   usually mention?",
        },
        Prompt {
            id: "transparency.words-and-actions",
            text: "Where do your own words and actions not quite line up yet? What small step \
                   would bring them closer?",
        },
        Prompt {
            id: "transparency.decide-together",
            text: "Which decisions would you like to make together from now on?",
        },
    ],
    exercises: &[
        Exercise {
            id: "transparency.small-promise",
            title: "One small, visible promise",
            instructions: "Alone, choose one small promise you can keep every day or every week \
                           for the next month — for example, “I'll let you know when I'm running \
                           late.” Add it to the promise tracker with a line on why it matters. \
                           Keep it small enough to keep on a hard day. Once a week, look at it \
                           together for five minutes.",
            feature: AppFeature::PromiseTracker,
        },
        Exercise {
            id: "transparency.i-want-you-to-know",
            title: "An “I want you to know” note",
            instructions: "Whenever there is something you'd rather your partner heard from you \
                           first — a change of plan, a worry, a message you received — write it \
                           as an “I want you to know” note. It takes a few minutes, alone. You \
                           decide what to share and when. Your partner can acknowledge it; \
                           nobody is ever asked to report on themselves.",
            feature: AppFeature::Disclosures,
        },
    ],
    features: &[AppFeature::PromiseTracker, AppFeature::Disclosures],
    seed_section: "Establish transparency and consistency",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
};
