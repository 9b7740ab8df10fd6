//! Step 7: know when to seek professional help, and how a counselor helps.

use super::{
    AnswerReveal, AppFeature, Exercise, GuideStep, PartWords, Prompt, SAFETY_NOTE, StepId, StepParts,
};

pub(super) const STEP: GuideStep = GuideStep {
    id: StepId::ProfessionalHelp,
    number: 7,
    title: "Seek professional help",
    summary: "Some hurts are too tangled to work through alone; a counselor can help you both see \
        clearly.",
    body: &[
        "Sometimes what happened is too complex or too painful to work through on your own. \
         Asking for professional help is not giving up. It is one more way of taking your \
         relationship seriously.",
        "A couples counselor or psychologist is trained for exactly this. They stay objective \
         and don't take sides. They bring tested methods, help you both understand what really \
         lies underneath the problem, and help you find a way forward that fits you both.",
        "You don't have to wait until things feel desperate. A few sessions early on can save \
         months of going round in circles. Look for someone who works with couples and with \
         rebuilding trust.",
        "When you are ready, Mend can put together a counselor summary for you to bring along. \
         You choose what goes in it, and it leaves your phone only if you decide to share it.",
        "If you ever feel unsafe with your partner, your safety comes first. Read the safety \
         note that comes with this step before anything else.",
    ],
    prompts: &[
        Prompt {
            id: "professional-help.holding-back",
            text: "What, if anything, holds you back from seeing a counselor? What would make it \
                   easier?",
        },
        Prompt {
            id: "professional-help.most-stuck",
            text: "Where do you feel most stuck — the place you keep coming back to?",
        },
        Prompt {
            id: "professional-help.hopes",
            text: "What would you hope a counselor could help the two of you with?",
        },
        Prompt {
            id: "professional-help.want-them-to-know",
            text: "What would you want a counselor to know about you, your partner and what \
                   happened?",
        },
    ],
    exercises: &[Exercise {
        id: "professional-help.first-session",
        title: "Get ready for a first session",
        instructions: "Together if you can, take 20 minutes to read through the signs listed \
                       with this step and talk about whether it is time. If it is, each of you \
                       suggests one or two counselors who work with couples, and you contact one \
                       this week. Before \
                       the first session, open the counselor summary, choose what to include, \
                       and read it through. Bring it, or just your own notes; it is yours to \
                       share or keep.",
        feature: AppFeature::CounselorSummary,
    }],
    features: &[AppFeature::CounselorSummary],
    seed_section: "Seek professional assistance",
    when_to_seek_help: &[
        "You keep having the same fight, and it ends the same way every time.",
        "Your trust check-ins have been going down for several weeks.",
        "One of you can't move past what happened, however hard you both try.",
        "The betrayal was severe, or it went on for a long time.",
        "Anxiety, depression or sleeplessness has taken hold of one of you.",
        "Talking about it makes things worse, not better, or you have stopped talking about it \
         at all.",
        "Drinking, drugs, gambling or debt are tangled up with what happened.",
        "Either of you has thoughts of hurting yourself. Please talk to a doctor or a crisis \
         line today.",
    ],
    safety_note: Some(SAFETY_NOTE),
    resources: RESOURCES,
    reveal: AnswerReveal::Immediately,
    parts: PARTS,
};

/// Where and how to find someone, shown with the step's signs.
const RESOURCES: &[&str] = &[
    "Look for a licensed couples therapist, marriage and family therapist or psychologist who \
     works with couples and with rebuilding trust. Your doctor, a local family counselling \
     service or your health insurer can suggest names, and many counselors offer video sessions.",
    "It's fine to have a short first call with two or three before choosing. What matters most \
     is that you both feel safe and heard with them.",
    "If either of you has thoughts of hurting yourself, please talk to a doctor or a crisis line \
     today.",
];

/// What changes in this step with each partner's part.
const PARTS: StepParts = StepParts {
    hurt: PartWords {
        summary: "Some hurts are too heavy to carry alone; a counselor can help you heal and be \
            heard.",
        prompts: &[
            (
                "professional-help.holding-back",
                "What, if anything, holds you back from seeing a counselor, together or on your \
                 own? What would make it easier?",
            ),
            (
                "professional-help.most-stuck",
                "Where does the hurt feel most stuck — the place you keep coming back to?",
            ),
            (
                "professional-help.hopes",
                "What would you hope a counselor could help you with, and the two of you?",
            ),
            (
                "professional-help.want-them-to-know",
                "What would you want a counselor to know about how this has been for you?",
            ),
        ],
        exercises: &[(
            "professional-help.first-session",
            "Together if you can, take 20 minutes to read through the signs listed with this \
                 step and talk about whether it is time. A counselor of your own is a good choice \
                 too. If it is time, each of you suggests one or two counselors who work with \
                 couples, and you contact one this week. Before the first session, open the \
                 counselor summary, choose what to include, and read it through. It is yours to \
                 share or keep.",
        )],
        suggestion: "If the hurt feels too heavy to carry, a counselor can help, together or just \
            for you. The signs are listed in step 7.",
    },
    broke_trust: PartWords {
        summary: "A counselor can help you understand what led here and how to repair it well.",
        prompts: &[
            (
                "professional-help.holding-back",
                "What, if anything, holds you back from seeing a counselor — worry about being \
                 judged, cost, time? What would make it easier?",
            ),
            (
                "professional-help.most-stuck",
                "Where do you feel most stuck in repairing — the place you keep coming back to?",
            ),
            (
                "professional-help.hopes",
                "What would you hope a counselor could help you understand about yourself and what \
                 happened?",
            ),
            (
                "professional-help.want-them-to-know",
                "What would you want a counselor to know about what you did and what you are doing \
                 to repair it?",
            ),
        ],
        exercises: &[(
            "professional-help.first-session",
            "Together if you can, take 20 minutes to read through the signs listed with this \
                 step and talk about whether it is time. If it is, offer to do the searching: \
                 suggest one or two counselors who work with couples and with rebuilding trust, \
                 and let your partner choose. Before the first session, open the counselor \
                 summary, choose what to include, and read it through. It is yours to share or \
                 keep.",
        )],
        suggestion: "If you keep going round in circles, offering to find a counselor is one way \
            of taking the repair seriously.",
    },
    both: PartWords {
        summary: "When both of you are hurt and both repairing, a counselor can hold both sides \
            fairly.",
        prompts: &[
            (
                "professional-help.holding-back",
                "What, if anything, holds either of you back from seeing a counselor? What would \
                 make it easier?",
            ),
            (
                "professional-help.most-stuck",
                "Where do the two of you get most stuck — the argument you keep coming back to?",
            ),
            (
                "professional-help.hopes",
                "What would you each hope a counselor could help the two of you with?",
            ),
            (
                "professional-help.want-them-to-know",
                "What would you want a counselor to know about both sides of what happened?",
            ),
        ],
        exercises: &[(
            "professional-help.first-session",
            "Together if you can, take 20 minutes to read through the signs listed with this \
                 step and talk about whether it is time. If it is, each of you suggests one or two \
                 counselors who work with couples, and you choose one together this week. Before \
                 the first session, open the counselor summary, choose what to include, and read \
                 it through. It is yours to share or keep.",
        )],
        suggestion: "When both sides hurt, a counselor can help you hear each other fairly. The \
            signs are listed in step 7.",
    },
    rather_not_say_suggestion: "Step 7 lists signs that it may be time for a counselor, and helps \
        you prepare a summary to bring.",
};
