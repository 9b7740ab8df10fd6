//! Step 2: talk openly and honestly, and listen first.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::Communication,
    number: 2,
    title: "Talk openly and honestly",
    summary: "Make time to hear each other's feelings and needs, with honesty and respect.",
    body: &[
        "Trust is rebuilt in conversation. Not in one big talk, but in many honest, respectful \
         ones.",
        "Listening comes first. When your partner speaks, try to hear their feelings and their \
         perspective before you answer. You don't have to agree in order to understand. Saying \
         back what you heard — “So you felt…” — shows you were really listening.",
        "Speak about yourself. “I felt alone when…” is easier to hear than “You always…”. Say \
         plainly what you feel, what you need and what you expect from each other.",
        "Be honest about the past, even when it is uncomfortable. Then turn to the future: what \
         each of you is willing to commit to, and what you want to improve together.",
        "If a talk gets too heated, it's fine to pause. Agree on a time to come back to it, and \
         keep that time.",
    ],
    prompts: &[
        Prompt {
            id: "communication.unheard",
            text: "When have you felt most unheard by your partner? What would have helped you \
                   feel heard?",
        },
        Prompt {
            id: "communication.hard-to-say",
            text: "What is something you find hard to say to your partner? What makes it hard?",
        },
        Prompt {
            id: "communication.how-to-hear",
            text: "How could your partner bring up something difficult in a way you could \
                   really hear?",
        },
        Prompt {
            id: "communication.looking-back",
            text: "Looking back honestly, what do you wish you had said, or said differently?",
        },
        Prompt {
            id: "communication.one-change",
            text: "What is one change you are willing to commit to in how you talk with each \
                   other?",
        },
    ],
    exercises: &[
        Exercise {
            id: "communication.weekly-talk",
            title: "A weekly talk",
            instructions: "Once a week, each of you answers two short prompts in Mend: what I \
                           felt this week, and what I need. Your partner replies beside your \
                           words, in their own time. Then sit down together for 20 to 30 \
                           minutes to talk it through, with phones on silent. Take turns: one \
                           speaks, the other listens and says back what they heard before \
                           answering.",
            feature: AppFeature::TalkPrompts,
        },
        Exercise {
            id: "communication.say-it-back",
            title: "Say it back",
            instructions: "Together, about 15 minutes. One of you talks for three minutes about \
                           something you felt this week. The other only listens, then says \
                           back what they heard, without defending or fixing, and asks “Did I \
                           get that right?”. Then swap. Note what you learned in the weekly \
                           talk.",
            feature: AppFeature::TalkPrompts,
        },
    ],
    features: &[AppFeature::TalkPrompts],
    seed_section: "Open and honest communication",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
};
