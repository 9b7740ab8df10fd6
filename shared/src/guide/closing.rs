//! The closing (the seed's epilogue): look back together, and decide how to keep going.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::Closing,
    number: 8,
    title: "Keep going, together",
    summary: "Look back at the road you have walked, and choose together how you will keep going.",
    body: &[
        "Rebuilding trust asks a lot of you both: patience, effort, sincerity, and cooperation \
         from each side. Neither of you can do it alone, and neither of you has to do it \
         perfectly.",
        "Every step in this guide matters. Open, honest communication. Honest reflection on what \
         happened. Actions that are consistent with your words. And time, given generously, for \
         healing.",
        "You can return to any step whenever you need it. Many couples come back to the same step \
         months later and find it reads differently.",
        "Take a moment to notice how far you have come, whatever that looks like. Being here, \
         still trying, says something about you both.",
    ],
    prompts: &[
        Prompt {
            id: "closing.what-changed",
            text: "What has changed between you since you started this guide?",
        },
        Prompt { id: "closing.proud-of", text: "What are you proud of, in yourself and in your partner?" },
        Prompt {
            id: "closing.still-tender",
            text: "What still feels tender, and how would you like your partner to care for it?",
        },
        Prompt { id: "closing.habits-to-keep", text: "Which habits from this guide do you want to keep?" },
        Prompt {
            id: "closing.next-season",
            text: "What do you hope for in the next season of your relationship?",
        },
    ],
    exercises: &[Exercise {
        id: "closing.reflection",
        title: "A closing reflection",
        instructions: "Alone, in your own time, each of you writes a short reflection: what you \
                       have learned, what you are grateful for, and what you want to keep doing. \
                       When you have both written, set aside half an hour to read them together. \
                       Then choose one habit to carry on — a weekly talk, a monthly look back — \
                       and agree when you will do it.",
        feature: AppFeature::ClosingReflection,
    }],
    features: &[AppFeature::ClosingReflection],
    seed_section: "epilogue",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
};
