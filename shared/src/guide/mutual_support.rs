//! Step 5: support each other, depend on each other again, and keep your promises.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::MutualSupport,
    number: 5,
    title: "Support each other and keep your promises",
    summary: "Lean on each other a little at a time, make promises you can keep, and keep them.",
    body: &[
        "Trust isn't rebuilt overnight. It takes time and effort, and it grows from many small \
         moments where one of you needs something and the other shows up.",
        "Support goes both ways. The partner who was hurt needs care, and so does the one who is \
         repairing. Asking for what you need is not weakness. It gives your partner a real \
         chance to be there for you.",
        "Learning to depend on each other again takes practice. Start with small, clear \
         requests, like “This week I need a walk together on Sunday.” Small requests are easier \
         to meet, and each one met builds something.",
        "Make promises you can keep, then keep them. If you can't, say so early and honestly. \
         Being reliable is not about being perfect. It is about being trustworthy: someone your \
         partner can count on to show up and to tell the truth.",
        "Notice the promises your partner keeps, and thank them. Appreciation helps the good \
         things keep happening.",
    ],
    prompts: &[
        Prompt {
            id: "mutual-support.felt-supported",
            text: "When did you last feel truly supported by your partner? What did they do?",
        },
        Prompt {
            id: "mutual-support.hard-to-ask",
            text: "What do you find hard to ask for? What would make asking easier?",
        },
        Prompt { id: "mutual-support.need-most", text: "What do you need most from your partner right now?" },
        Prompt {
            id: "mutual-support.rely-on-me",
            text: "How could you show your partner this week that they can rely on you?",
        },
        Prompt {
            id: "mutual-support.kept-promise",
            text: "Which kept promise, big or small, has meant the most to you lately? Have you \
                   told your partner?",
        },
    ],
    exercises: &[
        Exercise {
            id: "mutual-support.this-week-i-need",
            title: "This week I need…",
            instructions: "At the start of each week, each of you writes one request that begins \
                           “This week I need…”. Keep it small and specific. Your partner answers \
                           whether they can do it, or what they can offer instead. At the end of \
                           the week, take five minutes together to talk about how it went.",
            feature: AppFeature::SupportRequests,
        },
        Exercise {
            id: "mutual-support.keep-and-thank",
            title: "Keep a promise, notice a promise",
            instructions: "Each of you chooses one promise for the week in the promise tracker, \
                           and keeps it. When your partner keeps theirs, send a short thank-you \
                           — a sentence is enough. This is about noticing care, not keeping \
                           count.",
            feature: AppFeature::PromiseTracker,
        },
    ],
    features: &[AppFeature::SupportRequests, AppFeature::PromiseTracker],
    seed_section: "Establish mutual support and dependence",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Let yourself lean on your partner a little at a time, and notice when they show \
            up.",
        prompts: &[
            (
                "mutual-support.felt-supported",
                "When did you last feel truly supported by your partner since trust broke? What did \
                 they do?",
            ),
            (
                "mutual-support.hard-to-ask",
                "What do you find hard to ask your partner for right now? What would make asking \
                 easier?",
            ),
            (
                "mutual-support.need-most",
                "What do you need most from your partner right now to feel a little safer?",
            ),
            (
                "mutual-support.rely-on-me",
                "What small thing could you let your partner do for you this week, to practise \
                 relying on them again?",
            ),
            (
                "mutual-support.kept-promise",
                "Which promise your partner kept, big or small, has meant the most to you lately? \
                 Have you told them?",
            ),
        ],
        exercises: &[
            (
                "mutual-support.this-week-i-need",
                "At the start of each week, write one request that begins “This week I need…”. Keep \
                 it small and specific. Your partner answers whether they can do it, or what they \
                 can offer instead. Support goes both ways: when you have room, answer theirs too. \
                 At the end of the week, take five minutes together to talk about how it went.",
            ),
            (
                "mutual-support.keep-and-thank",
                "Notice the promises your partner keeps, and when it feels true, send a short \
                 thank-you — a sentence is enough. You can choose a small promise of your own too. \
                 This is about noticing care, not keeping count, and never about owing anything.",
            ),
        ],
        suggestion: "Try one small “This week I need…” request. Asking gives your partner a real \
            chance to show up for you.",
    },
    broke_trust: PartWords {
        summary: "Show up reliably in small ways, keep your promises, and let yourself be \
            supported too.",
        prompts: &[
            (
                "mutual-support.felt-supported",
                "When did you last show up for your partner in a way they noticed? What did you do?",
            ),
            (
                "mutual-support.hard-to-ask",
                "What do you find hard to ask for while you are repairing? What would make asking \
                 easier?",
            ),
            (
                "mutual-support.need-most",
                "What does your partner need most from you right now, as far as you can tell? How \
                 could you ask them?",
            ),
            (
                "mutual-support.rely-on-me",
                "How could you show your partner, in one small way this week, that they can rely on \
                 you?",
            ),
            (
                "mutual-support.kept-promise",
                "Which of your promises matters most to your partner right now? What will help you \
                 keep it on a hard day?",
            ),
        ],
        exercises: &[
            (
                "mutual-support.this-week-i-need",
                "At the start of each week, your partner may write a request that begins “This week \
                 I need…”. Answer honestly whether you can do it, or what you can offer instead: a \
                 clear “not this, but this” is better than a promise you can't keep. You can write \
                 a request of your own too; the one repairing needs care as well. At the end of \
                 the week, take five minutes together to talk about how it went.",
            ),
            (
                "mutual-support.keep-and-thank",
                "Choose one promise for the week in the promise tracker, and keep it. If you can't, \
                 say so early and honestly. When your partner keeps one of theirs, send a short \
                 thank-you — a sentence is enough. This is about being someone your partner can \
                 count on, not about keeping count.",
            ),
        ],
        suggestion: "Pick one promise you can keep this week, even on a hard day. If something \
            gets in the way, say so early.",
    },
    both: PartWords {
        summary: "Take turns leaning on each other and showing up, and keep the promises you each \
            make.",
        prompts: &[
            (
                "mutual-support.felt-supported",
                "When did you last feel supported by your partner, and when did they last feel \
                 supported by you?",
            ),
            (
                "mutual-support.hard-to-ask",
                "What do you find hard to ask for, and what do you find hard to give? What would \
                 make both easier?",
            ),
            (
                "mutual-support.need-most",
                "What do you need most from your partner right now, and what do you think they need \
                 from you?",
            ),
            (
                "mutual-support.rely-on-me",
                "How could each of you show the other this week that you can be relied on?",
            ),
            (
                "mutual-support.kept-promise",
                "Which kept promise, yours or your partner's, has meant the most lately? Have you \
                 said so?",
            ),
        ],
        exercises: &[
            (
                "mutual-support.this-week-i-need",
                "At the start of each week, each of you writes one request that begins “This week I \
                 need…”, small and specific, and answers the other's: yes, or what you can offer \
                 instead. Try to give as readily as you ask. At the end of the week, take five \
                 minutes together to talk about how it went.",
            ),
            (
                "mutual-support.keep-and-thank",
                "Each of you chooses one promise for the week in the promise tracker, and keeps it. \
                 When your partner keeps theirs, send a short thank-you — a sentence is enough. \
                 This is about noticing care on both sides, not keeping count.",
            ),
        ],
        suggestion: "Each of you could write one small “This week I need…” request, and answer the \
            other's.",
    },
    rather_not_say_suggestion: "Write one small “This week I need…” request, or thank your partner \
        for a promise they kept.",
};
