//! Step 4: admit fault and apologize sincerely, and receive an apology without pressure.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::Apology,
    number: 4,
    title: "Own your part and apologize",
    summary: "If you broke trust, name what you did, apologize sincerely, and show what will \
        change.",
    body: &[
        "If you broke trust — or if you both did, in different ways — this step asks for \
         courage. Admitting a mistake plainly, without excuses, is one of the strongest things \
         you can do for your relationship.",
        "A sincere apology names what happened. It shows you understand how it affected your \
         partner. It takes responsibility for your part, with no “but”. And it says what you will \
         do differently.",
        "Go easy on explanations. Context can help your partner understand, later on. Inside the \
         apology, it tends to sound like an excuse.",
        "If you are receiving an apology, you don't owe forgiveness on anyone's schedule. You can \
         answer “I hear you”, “I'm not ready yet”, or in your own words, whenever you are ready. \
         There is no pressure and no deadline.",
        "Words open the door to rebuilding. Keeping the promises that follow shows your partner \
         you are determined to walk through it.",
    ],
    prompts: &[
        Prompt {
            id: "apology.what-i-did",
            text: "If you broke trust, what exactly did you do, or leave undone? Can you name \
                   it plainly, without softening it?",
        },
        Prompt {
            id: "apology.how-it-hurt",
            text: "How do you think it has affected your partner — their feelings, their sense \
                   of safety, their everyday life?",
        },
        Prompt {
            id: "apology.what-makes-it-hard",
            text: "What makes it hard for you to apologize, or to hear an apology?",
        },
        Prompt {
            id: "apology.what-i-need-to-hear",
            text: "If you were hurt, what would you need to hear for an apology to feel \
                   sincere?",
        },
        Prompt { id: "apology.what-changes", text: "What will you do differently, starting this week?" },
    ],
    exercises: &[Exercise {
        id: "apology.write-it",
        title: "Write your apology",
        instructions: "Alone, in one sitting or several — there is no rush. In the apology \
                       composer, write four parts: what happened, its impact on your partner, \
                       your part, and what you will do differently. You can turn the last part \
                       into a promise linked to the apology, so your partner can see it kept. \
                       Read it aloud to yourself once before you send it. Your partner may \
                       answer “I hear you”, “I'm not ready yet”, or in their own words, in their \
                       own time.",
        feature: AppFeature::ApologyComposer,
    }],
    features: &[AppFeature::ApologyComposer, AppFeature::PromiseTracker],
    seed_section: "Admit fault and apologize",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::Immediately,
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Receive an apology in your own time, and say what you would need to hear for it \
            to feel sincere.",
        prompts: &[
            ("apology.what-i-did", "What do you most need your partner to name plainly about what happened?"),
            (
                "apology.how-it-hurt",
                "How has what happened affected you — your feelings, your sense of safety, your \
                 everyday life?",
            ),
            (
                "apology.what-makes-it-hard",
                "What makes it hard for you to hear an apology, or to believe one?",
            ),
            ("apology.what-i-need-to-hear", "What would you need to hear for an apology to feel sincere?"),
            (
                "apology.what-changes",
                "What would you need to see change, in the weeks after an apology, to start \
                 believing it?",
            ),
        ],
        exercises: &[(
            "apology.write-it",
            "When your partner's apology arrives, read it when you have time and some calm \
                 around you. You don't owe forgiveness on anyone's schedule: answer “I hear you”, \
                 “I'm not ready yet”, or in your own words, whenever you are ready. Before it \
                 comes, you can write what you would need to hear; your partner sees your words. \
                 If there is something you want to apologize for yourself, the composer is here \
                 for you too.",
        )],
        suggestion: "You can write what you would need to hear for an apology to feel sincere. \
            There is no hurry: answer any apology whenever you are ready.",
    },
    broke_trust: PartWords {
        summary: "Name what you did, apologize sincerely and without excuses, and show what will \
            change.",
        prompts: &[
            (
                "apology.what-i-did",
                "What exactly did you do, or leave undone? Can you name it plainly, without \
                 softening it?",
            ),
            (
                "apology.how-it-hurt",
                "How do you think what you did has affected your partner — their feelings, their \
                 sense of safety, their everyday life?",
            ),
            (
                "apology.what-makes-it-hard",
                "What makes it hard for you to apologize without explaining or defending yourself?",
            ),
            (
                "apology.what-i-need-to-hear",
                "If your partner has written what they would need to hear, read it first. What do \
                 you think they need to hear from you for an apology to feel sincere?",
            ),
            ("apology.what-changes", "What will you do differently from now on, starting this week?"),
        ],
        exercises: &[(
            "apology.write-it",
            "Alone, in one sitting or several — there is no rush. In the apology composer, \
                 write four parts: what happened, its impact on your partner, your part, and what \
                 you will do differently. If your partner wrote what they would need to hear, read \
                 it first. You can turn the last part into a promise linked to the apology, so \
                 your partner can see it kept. Read it aloud to yourself once before you send it. \
                 Your partner may answer “I hear you”, “I'm not ready yet”, or in their own words, \
                 in their own time; waiting is part of it.",
        )],
        suggestion: "When you are ready, start your apology in the composer: what happened, its \
            impact on your partner, your part, and what you'll do differently.",
    },
    both: PartWords {
        summary: "Each of you names your own part and apologizes for it, and receives the other's \
            apology in your own time.",
        prompts: &[
            (
                "apology.what-i-did",
                "What exactly did you do, or leave undone, that hurt your partner? Can you name it \
                 plainly, without pointing to what they did?",
            ),
            (
                "apology.how-it-hurt",
                "How do you think your part has affected your partner, and how has theirs affected \
                 you?",
            ),
            (
                "apology.what-makes-it-hard",
                "What makes it hard for you to apologize first, or to hear an apology?",
            ),
            (
                "apology.what-i-need-to-hear",
                "What would you need to hear for your partner's apology to feel sincere, and what \
                 do you think they need to hear from you?",
            ),
            ("apology.what-changes", "What will you do differently about your own part, starting this week?"),
        ],
        exercises: &[(
            "apology.write-it",
            "Alone, in your own time, each of you writes an apology for your own part, not for \
                 the other's. In the apology composer, write four parts: what happened, its impact \
                 on your partner, your part, and what you will do differently; you can turn the \
                 last part into a linked promise. Don't make your apology wait for theirs. When \
                 your partner's arrives, answer “I hear you”, “I'm not ready yet”, or in your own \
                 words, whenever you are ready.",
        )],
        suggestion: "You can write your apology for your own part without waiting for your \
            partner's, and answer theirs whenever you are ready.",
    },
    rather_not_say_suggestion: "Step 4 is about apologies: writing one when you are ready, and \
        answering one in your own time.",
};
