//! Step 4: admit fault and apologize sincerely, and receive an apology without pressure.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

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
};
