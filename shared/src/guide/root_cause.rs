//! Step 1: understand what really broke trust, and the part each of you played.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, Prompt, StepId};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::RootCause,
    number: 1,
    title: "Find the root of it",
    summary: "Look together at what really broke trust between you, and at the part each of you \
        played.",
    body: &[
        "Trust rarely breaks for just one reason. Usually several things are tangled together: \
         poor communication, inconsistent behavior, a betrayal, or a misunderstanding that was \
         never cleared up.",
        "This first step is about finding those roots and naming them clearly. Not to put anyone \
         on trial, but so you both know what you are repairing. It is hard to mend something you \
         can't see.",
        "You will probably see it differently from each other. That is normal. You lived the same \
         events from two different places, and each view holds part of the truth.",
        "Look at the roles you both played, and at what influenced you: stress, work, family, old \
         hurts. Seeing the wider picture is not the same as excusing anything. If one of you broke \
         a promise, that stays true. It simply shows what needs to change, for each of you.",
        "Go slowly. You can come back to this step whenever you need to.",
    ],
    prompts: &[
        Prompt {
            id: "root-cause.what-happened",
            text: "In your own words, what happened that broke trust between you?",
        },
        Prompt {
            id: "root-cause.first-noticed",
            text: "When did you first sense trust slipping? What was going on in your lives at \
                   that time?",
        },
        Prompt {
            id: "root-cause.around-us",
            text: "What else was weighing on your relationship back then — stress, health, \
                   family, work or money?",
        },
        Prompt {
            id: "root-cause.my-part",
            text: "Without taking on blame that isn't yours, what part do you think you played \
                   in how things went between you?",
        },
        Prompt {
            id: "root-cause.understood",
            text: "What do you most want your partner to understand about how this has been \
                   for you?",
        },
        Prompt {
            id: "root-cause.repaired",
            text: "If trust were repaired, what would be different in an ordinary week?",
        },
    ],
    exercises: &[Exercise {
        id: "root-cause.two-views",
        title: "Two views of what happened",
        instructions: "Alone, take about 20 minutes. Mark the factors you see — poor \
                       communication, inconsistent behavior, betrayal, misunderstanding, or \
                       something else — and write your view in a few sentences. Your partner's \
                       answer stays hidden until you have both answered; then Mend shows the two \
                       side by side. Read them together at a calm moment. Start with where you \
                       agree. Where you differ, ask questions before you explain.",
        feature: AppFeature::RootCauseExercise,
    }],
    features: &[AppFeature::RootCauseExercise],
    seed_section: "Identify the root cause of the problem",
    when_to_seek_help: &[],
    safety_note: None,
    resources: &[],
    reveal: AnswerReveal::OnceIHaveAnswered,
};
