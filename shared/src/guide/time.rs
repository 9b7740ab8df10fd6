//! Step 6: accept that healing takes time, and keep going steadily.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

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
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Healing follows no schedule: take the time you need, and notice what slowly \
            changes.",
        prompts: &[
            (
                "time.wanting-to-hurry",
                "Do you feel pushed, by anyone or by yourself, to be further along than you are? \
                 What would you like to say about that?",
            ),
            (
                "time.what-has-changed",
                "Looking back over the past few weeks, what has felt a little safer, even slightly?",
            ),
            (
                "time.after-a-setback",
                "When the hurt comes back — an anniversary, a song, a hard day — what helps you, \
                 and what could your partner do?",
            ),
            ("time.patience", "What helps you be patient with yourself while you heal?"),
            ("time.a-year-from-now", "How do you hope you will feel in your relationship a year from now?"),
        ],
        exercises: &[(
            "time.monthly-look-back",
            "Once a month, sit together for about 20 minutes with Mend's timeline. Look at the \
                 weeks behind you: the check-ins, the promises kept, the hard days. Name one thing \
                 that feels better than before and one thing that still hurts; both are welcome. \
                 Don't try to fix anything in this talk, and take a break if you need one.",
        )],
        suggestion: "There's no schedule for healing. When you're ready, a monthly look back can \
            show slow changes that are hard to see day by day.",
    },
    broke_trust: PartWords {
        summary: "Be patient: trust comes back slowly, and steady effort over many months matters \
            more than speed.",
        prompts: &[
            (
                "time.wanting-to-hurry",
                "Where do you notice yourself wanting your partner to be over it? What is behind \
                 that wish?",
            ),
            (
                "time.what-has-changed",
                "Looking back over the past few weeks, what have you done consistently, even in \
                 small ways?",
            ),
            (
                "time.after-a-setback",
                "When the hurt comes back for your partner, how can you stay steady and kind \
                 instead of discouraged?",
            ),
            ("time.patience", "What helps you be patient with your partner's pace, and with yourself?"),
            (
                "time.a-year-from-now",
                "What do you hope your partner will be able to say about you a year from now?",
            ),
        ],
        exercises: &[(
            "time.monthly-look-back",
            "Once a month, sit together for about 20 minutes with Mend's timeline. Look at the \
                 weeks behind you: the check-ins, the promises kept, the hard days. Name one thing \
                 that is better than before, and listen without defending when your partner names \
                 what still hurts. Don't try to fix anything in this talk; just notice, and thank \
                 each other for the effort.",
        )],
        suggestion: "Trust comes back slowly. Keep going steadily, and when a hard day comes for \
            your partner, stay kind rather than discouraged.",
    },
    both: PartWords {
        summary: "Give each other time: you are both healing and both repairing, at different \
            paces.",
        prompts: &[
            (
                "time.wanting-to-hurry",
                "Where do you notice yourself wanting to hurry your own healing, or your partner's? \
                 What is behind that?",
            ),
            (
                "time.what-has-changed",
                "Looking back over the past few weeks, what has changed on each side, even a \
                 little?",
            ),
            (
                "time.after-a-setback",
                "When a setback comes for either of you, what would help the two of you through it \
                 without losing hope?",
            ),
            ("time.patience", "What helps you be patient with your partner's pace, and with your own?"),
            ("time.a-year-from-now", "How do you both hope your relationship will feel a year from now?"),
        ],
        exercises: &[(
            "time.monthly-look-back",
            "Once a month, sit together for about 20 minutes with Mend's timeline. Look at the \
                 weeks behind you: the check-ins, the promises kept, the hard days. Each of you \
                 names one thing that is better than before and one thing that still hurts, and \
                 listens to the other in turn. Don't try to fix anything in this talk; just \
                 notice, and thank each other for the effort.",
        )],
        suggestion: "Healing takes many months for both of you. A monthly look back together can \
            show how far you've come.",
    },
    rather_not_say_suggestion: "Repair takes many months. A monthly look back at your timeline can \
        show the slow changes.",
};
