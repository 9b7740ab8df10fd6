//! Step 1: understand what really broke trust, and the part each of you played.

use super::{AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, StepId, StepParts};

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
    parts: PARTS,
};

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Name what broke trust for you and how it landed, and look at the wider picture \
            without taking on blame that isn't yours.",
        prompts: &[
            (
                "root-cause.what-happened",
                "In your own words, what happened that hurt you and broke your trust?",
            ),
            (
                "root-cause.first-noticed",
                "When did you first sense something was wrong? What was going on in your lives \
                 then?",
            ),
            (
                "root-cause.around-us",
                "What else was weighing on the two of you back then — stress, health, family, work \
                 or money?",
            ),
            (
                "root-cause.my-part",
                "Without taking on any blame for what was done to you, how were things between you \
                 before trust broke, and what would you like to understand better?",
            ),
            (
                "root-cause.understood",
                "What do you most want your partner to understand about how this has hurt you?",
            ),
            (
                "root-cause.repaired",
                "If trust were repaired, what would feel different for you in an ordinary week?",
            ),
        ],
        exercises: &[(
            "root-cause.two-views",
            "Alone, take about 20 minutes. Mark the factors you see — poor communication, \
                 inconsistent behavior, betrayal, misunderstanding, or something else — and write \
                 what happened as you lived it. Your partner's answer stays hidden until you have \
                 both answered; then Mend shows the two side by side. Read them together at a calm \
                 moment, when you feel steady enough. Start with where you agree. Where your \
                 partner sees it differently, ask questions before you answer, and stop whenever \
                 you need to.",
        )],
        suggestion: "Step 1 is a place to name what hurt, in your own words. When you feel ready, \
            take twenty quiet minutes for the root-cause exercise.",
    },
    broke_trust: PartWords {
        summary: "Look honestly at what you did and what led up to it, so you both know what you \
            are repairing.",
        prompts: &[
            (
                "root-cause.what-happened",
                "In your own words, what did you do, or leave undone, that broke trust between you?",
            ),
            (
                "root-cause.first-noticed",
                "When did you first know that something you were doing could break trust? What was \
                 going on in your life then?",
            ),
            (
                "root-cause.around-us",
                "Understanding is not excusing: what else was weighing on you back then — stress, \
                 health, family, work or money?",
            ),
            ("root-cause.my-part", "What was your part, named plainly and without softening it?"),
            (
                "root-cause.understood",
                "What do you most want to understand about how this has been for your partner?",
            ),
            (
                "root-cause.repaired",
                "If trust were repaired, what would your partner notice you doing differently in an \
                 ordinary week?",
            ),
        ],
        exercises: &[(
            "root-cause.two-views",
            "Alone, take about 20 minutes. Mark the factors you see — poor communication, \
                 inconsistent behavior, betrayal, misunderstanding, or something else — and write \
                 your view in a few sentences, your own part included, without excuses. Your \
                 partner's answer stays hidden until you have both answered; then Mend shows the \
                 two side by side. Read them together at a calm moment. Let your partner's view \
                 land before you explain yours: ask questions first.",
        )],
        suggestion: "Step 1 asks for honesty about your own part. When you have twenty calm \
            minutes, write your view in the root-cause exercise.",
    },
    both: PartWords {
        summary: "Look together at what broke trust, including what each of you did that hurt the \
            other.",
        prompts: &[
            (
                "root-cause.what-happened",
                "In your own words, what happened between you — what you did that hurt your \
                 partner, and what hurt you?",
            ),
            (
                "root-cause.first-noticed",
                "When did you first sense trust slipping, on either side? What was going on in your \
                 lives then?",
            ),
            (
                "root-cause.around-us",
                "What else was weighing on both of you back then — stress, health, family, work or \
                 money — and how did it pull you apart?",
            ),
            (
                "root-cause.my-part",
                "What was your own part in how trust broke, named plainly, without weighing it \
                 against your partner's?",
            ),
            (
                "root-cause.understood",
                "What do you most want your partner to understand about how their part felt for \
                 you, and what do you want to understand about yours?",
            ),
            (
                "root-cause.repaired",
                "If trust were repaired on both sides, what would be different in an ordinary week?",
            ),
        ],
        exercises: &[(
            "root-cause.two-views",
            "Alone, take about 20 minutes. Mark the factors you see and write your view in a \
                 few sentences: what you did, and what was done to you, without weighing one \
                 against the other. Your partner's answer stays hidden until you have both \
                 answered; then Mend shows the two side by side. Read them together at a calm \
                 moment. Start with where you agree, and take turns: each of you listens to the \
                 other's view before explaining your own.",
        )],
        suggestion: "Step 1 holds both sides: what you did, and what hurt you. Set aside twenty \
            minutes for the root-cause exercise.",
    },
    rather_not_say_suggestion: "Step 1 is about finding what really broke trust between you. When \
        you have twenty quiet minutes, try the root-cause exercise.",
};
