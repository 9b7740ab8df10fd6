//! Step 3: let actions match words, and share openly — by choice, never by demand.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

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
        Exercise {
            id: "transparency.questions",
            title: "Questions I need answered",
            instructions: "Either of you can write down a question you need answered about what \
                           happened, one at a time, in your own words. The other answers in their \
                           own time, honestly; there is no deadline and no reminder. A question \
                           stays open until it is answered, and whoever asked it can withdraw it.",
            feature: AppFeature::Questions,
        },
    ],
    features: &[AppFeature::PromiseTracker, AppFeature::Disclosures, AppFeature::Questions],
    seed_section: "Establish transparency and consistency",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "See words and actions line up again, and ask what you need to know, by choice \
            and never by demand.",
        prompts: &[
            ("transparency.what-helps", "What helps you believe what your partner tells you now?"),
            (
                "transparency.uncertain",
                "Which surprises or silences still leave you feeling unsure? What would you like \
                 instead?",
            ),
            (
                "transparency.want-to-share",
                "What would you like your partner to know about how your days are going while you \
                 heal?",
            ),
            (
                "transparency.words-and-actions",
                "Where have you noticed your partner's words and actions lining up lately, even in \
                 small ways?",
            ),
            (
                "transparency.decide-together",
                "Which decisions would you like to make together from now on, so you feel included?",
            ),
        ],
        exercises: &[
            (
                "transparency.small-promise",
                "Alone, choose one small promise you can keep every day or every week for the next \
                 month — something that helps you both, like “I'll say when I need a quiet \
                 evening.” Add it to the promise tracker with a line on why it matters. Your \
                 partner chooses one too. Once a week, look at them together for five minutes.",
            ),
            (
                "transparency.i-want-you-to-know",
                "Whenever there is something you want your partner to hear from you — a hard day, a \
                 reminder of the hurt, a worry — write it as an “I want you to know” note. It \
                 takes a few minutes, alone. You decide what to share and when; you never owe \
                 anyone a report on yourself.",
            ),
            (
                "transparency.questions",
                "When a question about what happened keeps coming back to you, write it here, one \
                 at a time, in your own words. Your partner answers in their own time; there is no \
                 deadline and no reminder. A question stays open until it is answered, and you can \
                 withdraw it whenever you like. Reading an answer can be hard: choose a moment \
                 when you have time and some support.",
            ),
        ],
        suggestion: "If a question about what happened keeps coming back, you can write it in \
            “Questions I need answered”. Your partner answers in their own time.",
    },
    broke_trust: PartWords {
        summary: "Let your actions match your words, share openly before you are asked, and answer \
            your partner's questions honestly.",
        prompts: &[
            (
                "transparency.what-helps",
                "What helps your partner believe what you tell them? What gets in the way?",
            ),
            (
                "transparency.uncertain",
                "Which of your surprises or silences might leave your partner feeling unsure? What \
                 could you do instead?",
            ),
            (
                "transparency.want-to-share",
                "What could you share about your days, before being asked, that would help your \
                 partner feel included?",
            ),
            (
                "transparency.words-and-actions",
                "Where do your words and actions not quite line up yet? What small step would bring \
                 them closer?",
            ),
            (
                "transparency.decide-together",
                "Which decisions will you bring to your partner before you make them, from now on?",
            ),
        ],
        exercises: &[
            (
                "transparency.small-promise",
                "Alone, choose one small promise you can keep every day or every week for the next \
                 month — for example, “I'll let you know when I'm running late.” Add it to the \
                 promise tracker with a line on why it matters. Keep it small enough to keep on a \
                 hard day. Once a week, look at it together for five minutes, and say honestly how it \
                 went.",
            ),
            (
                "transparency.i-want-you-to-know",
                "Whenever there is something you'd rather your partner heard from you first — a \
                 change of plan, a message you received, a worry — write it as an “I want you to \
                 know” note. It takes a few minutes, alone. You decide what to share and when; \
                 sharing before you are asked is one of the surest ways to rebuild trust.",
            ),
            (
                "transparency.questions",
                "Your partner may write questions they need answered about what happened. Answer \
                 each one in your own time, honestly and plainly, without defending yourself; if \
                 you need a day to find the words, that is fine. A question stays open until you \
                 answer it, and there is no deadline. If a question is too big for writing, say so \
                 in your answer and offer to talk it through together.",
            ),
        ],
        suggestion: "If your partner has written a question, answer it when you can give it your \
            full attention: honestly, plainly, in your own time.",
    },
    both: PartWords {
        summary: "Let actions match words on both sides, share by choice, and ask each other what \
            you need to know.",
        prompts: &[
            (
                "transparency.what-helps",
                "What helps you believe what your partner tells you, and what helps them believe \
                 you?",
            ),
            (
                "transparency.uncertain",
                "Which surprises or silences, on either side, leave one of you unsure? What would \
                 you both like instead?",
            ),
            (
                "transparency.want-to-share",
                "What would you like your partner to know about your days, and what would you like \
                 to know about theirs?",
            ),
            (
                "transparency.words-and-actions",
                "Where do your own words and actions not quite line up yet, and where have you seen \
                 your partner's start to? What small step would help?",
            ),
            (
                "transparency.decide-together",
                "Which decisions will the two of you make together from now on?",
            ),
        ],
        exercises: &[
            (
                "transparency.small-promise",
                "Each of you, alone, chooses one small promise you can keep every day or every week \
                 for the next month — for example, “I'll let you know when I'm running late.” Add \
                 it to the promise tracker with a line on why it matters. Keep it small enough to \
                 keep on a hard day. Once a week, look at both promises together for five minutes.",
            ),
            (
                "transparency.i-want-you-to-know",
                "Whenever there is something you'd rather your partner heard from you first — a \
                 change of plan, a worry, a message you received — write it as an “I want you to \
                 know” note. It takes a few minutes, alone. Each of you decides what to share and \
                 when; nobody is ever asked to report on themselves.",
            ),
            (
                "transparency.questions",
                "Each of you can write down questions you need answered about what happened, one at \
                 a time, in your own words, and answer the other's in your own time. There is no \
                 deadline and no reminder. A question stays open until it is answered, and whoever \
                 asked it can withdraw it. Try to answer honestly, without turning an answer into \
                 a question back.",
            ),
        ],
        suggestion: "You can each write a question you need answered, and answer your partner's in \
            your own time.",
    },
    rather_not_say_suggestion: "Choose one small promise you can keep this month, or write an “I \
        want you to know” note when there's something your partner should hear from you first.",
};
