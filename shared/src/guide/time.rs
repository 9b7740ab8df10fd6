//! Step 6: accept that healing takes time, and keep going steadily.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::Time,
    number: 6,
    title: "Give healing time",
    summary: "Be patient with each other: repair takes many months, and steady effort matters more \
        than speed.",
    body: &[
        "Even when you both do everything right, healing takes time. Pain doesn't follow a \
         schedule, and trust comes back slowly.",
        "Be honest with yourselves about how long this can take. Repairing trust usually takes \
         many months, and often a year or more. That doesn't mean something is wrong. It is how \
         deep repair works.",
        "Expect setbacks. An anniversary, a song or a hard day can bring the hurt back. A \
         setback doesn't erase what you have built; it is part of the road.",
        "Try not to rush each other. The partner who was hurt can't be hurried into feeling \
         safe, and the one repairing can't prove everything at once. Patience and understanding \
         from both of you, with steady, persistent effort, is what carries you through.",
        "Mend's timeline lets you look back over weeks and months, so you can see the slow \
         changes that are hard to notice from one day to the next.",
    ],
    prompts: &[
        Prompt {
            id: "time.wanting-to-hurry",
            text: "Where do you notice yourself wanting to hurry things along? What is behind \
                   that wish?",
        },
        Prompt {
            id: "time.what-has-changed",
            text: "Looking back over the past few weeks, what has changed, even a little?",
        },
        Prompt {
            id: "time.after-a-setback",
            text: "When a setback comes, what would help the two of you through it without \
                   losing hope?",
        },
        Prompt {
            id: "time.patience",
            text: "What helps you be patient with your partner, and with yourself?",
        },
        Prompt {
            id: "time.a-year-from-now",
            text: "How do you hope your relationship will feel a year from now?",
        },
    ],
    exercises: &[Exercise {
        id: "time.monthly-look-back",
        title: "A monthly look back",
        instructions: "Once a month, sit together for about 20 minutes with Mend's timeline. Look \
                       at the weeks behind you: the check-ins, the promises kept, the hard days. \
                       Each of you names one thing that is better than before and one thing that \
                       still hurts. Don't try to fix anything in this talk. Just notice, and \
                       thank each other for the effort.",
        feature: AppFeature::Timeline,
    }],
    features: &[AppFeature::Timeline],
    seed_section: "Accept the healing of time",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
};
