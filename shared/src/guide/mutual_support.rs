//! Step 5: support each other, depend on each other again, and keep your promises.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

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
};
