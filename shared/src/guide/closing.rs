//! The closing (the seed's epilogue): look back together, and decide how to keep going.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

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
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Look back at how far you've come in healing, and choose how you will keep caring \
            for it.",
        prompts: &[
            ("closing.what-changed", "What has changed for you since you started this guide?"),
            (
                "closing.proud-of",
                "What are you proud of in yourself, and what have you noticed in your partner?",
            ),
            (
                "closing.still-tender",
                "What still feels tender for you, and how would you like your partner to care for \
                 it?",
            ),
            ("closing.habits-to-keep", "Which habits from this guide help you feel safe, and should stay?"),
            (
                "closing.next-season",
                "What do you hope for yourself, and for the two of you, in the next season?",
            ),
        ],
        exercises: &[(
            "closing.reflection",
            "Alone, in your own time, write a short reflection: what you have learned, what has \
                 begun to heal, and what you still need. When you have both written, set aside \
                 half an hour to read them together. Then choose one habit to carry on — a weekly \
                 talk, a monthly look back — and agree when you will do it.",
        )],
        suggestion: "When you're ready, write a closing reflection: what has begun to heal, and \
            what you still need.",
    },
    broke_trust: PartWords {
        summary: "Look back at what you have repaired, and commit to the habits that keep trust \
            growing.",
        prompts: &[
            (
                "closing.what-changed",
                "What has changed in you, and between you, since you started this guide?",
            ),
            (
                "closing.proud-of",
                "What are you proud of in how you have repaired, and what do you admire in your \
                 partner?",
            ),
            (
                "closing.still-tender",
                "What do you think still feels tender for your partner, and how will you keep \
                 caring for it?",
            ),
            (
                "closing.habits-to-keep",
                "Which habits from this guide will you keep, so your partner can keep counting on \
                 you?",
            ),
            (
                "closing.next-season",
                "What do you hope to keep building in the next season of your relationship?",
            ),
        ],
        exercises: &[(
            "closing.reflection",
            "Alone, in your own time, write a short reflection: what you have learned about \
                 yourself, what you are grateful for, and what you will keep doing. When you have \
                 both written, set aside half an hour to read them together. Then choose one habit \
                 to carry on — a weekly talk, a monthly look back — and agree when you will do it.",
        )],
        suggestion: "Write a closing reflection: what you've learned, and which habits you'll keep \
            so trust keeps growing.",
    },
    both: PartWords {
        summary: "Look back together at what each of you has repaired and healed, and choose how \
            to keep going.",
        prompts: &[
            (
                "closing.what-changed",
                "What has changed in each of you, and between you, since you started this guide?",
            ),
            (
                "closing.proud-of",
                "What are you proud of in yourself and in your partner, on both sides of the \
                 repair?",
            ),
            (
                "closing.still-tender",
                "What still feels tender for each of you, and how will you care for it?",
            ),
            ("closing.habits-to-keep", "Which habits from this guide do you both want to keep?"),
            ("closing.next-season", "What do you hope for together in the next season of your relationship?"),
        ],
        exercises: &[(
            "closing.reflection",
            "Alone, in your own time, each of you writes a short reflection: what you have \
                 learned, what you have repaired, what has healed, and what you are grateful for. \
                 When you have both written, set aside half an hour to read them together. Then \
                 choose one habit to carry on — a weekly talk, a monthly look back — and agree \
                 when you will do it.",
        )],
        suggestion: "Each of you could write a closing reflection, then read them together.",
    },
    rather_not_say_suggestion: "When you're ready, write a closing reflection and read it together \
        with your partner.",
};
