//! Step 2: talk openly and honestly, and listen first.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

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
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Say what you feel and need, and let your partner really hear it, at a pace that \
            feels safe.",
        prompts: &[
            (
                "communication.unheard",
                "When have you felt most unheard since trust broke? What would have helped you feel \
                 heard?",
            ),
            (
                "communication.hard-to-say",
                "What about the hurt is hardest to say out loud to your partner? What makes it \
                 hard?",
            ),
            (
                "communication.how-to-hear",
                "When you share something painful, how could your partner respond so you feel heard \
                 rather than argued with?",
            ),
            (
                "communication.looking-back",
                "Looking back, is there anything you wish you had said, or said differently, \
                 without taking on blame that isn't yours?",
            ),
            (
                "communication.one-change",
                "What is one change in how the two of you talk that would help you feel safer?",
            ),
        ],
        exercises: &[
            (
                "communication.weekly-talk",
                "Once a week, each of you answers two short prompts in Mend: what I felt this week, \
                 and what I need. Be as honest about the hurt as feels safe. Your partner replies \
                 beside your words, in their own time. Then sit down together for 20 to 30 \
                 minutes, phones on silent. Take turns: one speaks, the other listens and says \
                 back what they heard. You can pause whenever it gets too much.",
            ),
            (
                "communication.say-it-back",
                "Together, about 15 minutes. Talk for three minutes about something you felt this \
                 week. Your partner only listens, then says back what they heard, without \
                 defending or fixing, and asks “Did I get that right?”. Then swap, and listen the \
                 same way. Note what you learned in the weekly talk.",
            ),
        ],
        suggestion: "This week's talk is a place to say what you felt and what you need. Your \
            partner replies in their own time.",
    },
    broke_trust: PartWords {
        summary: "Listen first: let your partner's feelings land before you explain, and be honest \
            about the past.",
        prompts: &[
            (
                "communication.unheard",
                "When might your partner have felt unheard by you? What could you do differently \
                 when they speak?",
            ),
            (
                "communication.hard-to-say",
                "What is the hardest true thing for you to say to your partner about what happened?",
            ),
            (
                "communication.how-to-hear",
                "When your partner brings up the hurt, what helps you stay and listen rather than \
                 defend or explain?",
            ),
            (
                "communication.looking-back",
                "Looking back honestly, what do you wish you had said, or told the truth about, \
                 sooner?",
            ),
            (
                "communication.one-change",
                "What is one change you are willing to commit to in how you listen and speak to \
                 your partner?",
            ),
        ],
        exercises: &[
            (
                "communication.weekly-talk",
                "Once a week, each of you answers two short prompts in Mend: what I felt this week, \
                 and what I need. Read your partner's words slowly before you reply beside them, \
                 in your own time. Then sit down together for 20 to 30 minutes, phones on silent. \
                 When your partner speaks, listen and say back what you heard before you answer. \
                 Hold back explanations until they feel heard.",
            ),
            (
                "communication.say-it-back",
                "Together, about 15 minutes. Your partner talks for three minutes about something \
                 they felt this week. You only listen, then say back what you heard, without \
                 defending or fixing, and ask “Did I get that right?”. Then swap. Note what you \
                 learned in the weekly talk.",
            ),
        ],
        suggestion: "This week, try listening first: in your weekly talk, say back what you heard \
            before you explain anything.",
    },
    both: PartWords {
        summary: "Take turns speaking and listening: each of you has something to say and \
            something to hear.",
        prompts: &[
            (
                "communication.unheard",
                "When have you felt most unheard, and when might your partner have felt unheard by \
                 you?",
            ),
            (
                "communication.hard-to-say",
                "What is hard for you to say about your own part, and what is hard to say about \
                 your hurt?",
            ),
            (
                "communication.how-to-hear",
                "How could each of you bring up something difficult so the other can really hear \
                 it?",
            ),
            (
                "communication.looking-back",
                "Looking back honestly, what do you wish you had said, about what you did and about \
                 what hurt you?",
            ),
            (
                "communication.one-change",
                "What is one change you will each commit to in how you talk with each other?",
            ),
        ],
        exercises: &[
            (
                "communication.weekly-talk",
                "Once a week, each of you answers two short prompts in Mend: what I felt this week, \
                 and what I need. Each of you replies beside the other's words, in your own time. \
                 Then sit down together for 20 to 30 minutes, phones on silent. Take turns: one \
                 speaks about their own hurt and their own part, the other listens and says back \
                 what they heard.",
            ),
            (
                "communication.say-it-back",
                "Together, about 15 minutes. One of you talks for three minutes; the other only \
                 listens, then says back what they heard, without defending or fixing, and asks \
                 “Did I get that right?”. Then swap, so each of you is heard once and listens \
                 once. Note what you learned in the weekly talk.",
            ),
        ],
        suggestion: "In this week's talk, take turns: one speaks, the other says back what they \
            heard, then swap.",
    },
    rather_not_say_suggestion: "A weekly talk is a small, steady way to be heard: what I felt this \
        week, and what I need.",
};
