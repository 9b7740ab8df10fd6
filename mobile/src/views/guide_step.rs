//! One guide step, worded for my part: its words, where we both stand, its exercise in the feature
//! it leads to, the reflection questions (my answers editable, my partner's to read), and marking
//! it done. Step 1 is also where I can return to choosing my part.

use crate::Route;
use crate::components::{
    Apologies, ClosingReflection, FieldError, FormError, KeptPromises, Notes, ProfessionalHelp, Questions,
    ReflectionField, RootCause, StepProgressLine, StepState, Timeline, WeeklyTalk, YourPart, open_step,
    show_from_top,
};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide::{self, AppFeature, StepId};
use mend_shared::model::{ApologyLead, NoteKind};

/// The screen of one guide step.
#[component]
pub fn GuideStep(step: StepId) -> Element {
    let app = use_app();
    let content = guide::step(step);
    let mut error = use_signal(FormError::none);
    let (done, partner, words) = app.read(|s| {
        let done = s.my_id().is_some_and(|me| s.shared().step_state(step, me) == StepState::Done);
        (done, s.partner().map(|p| p.name.clone()), s.guide_for(step))
    });
    let lead = words.part.apology_lead();
    let toggle_done = move |_| match app.edit(|s| s.set_step_done(step, !done)) {
        Ok(_) => error.set(FormError::none()),
        Err(e) => error.set(FormError::from_session(&e)),
    };
    let place = match step {
        StepId::Closing => "Closing".to_string(),
        _ => format!("Step {} of 7", content.number),
    };
    let shared_with = match &partner {
        Some(name) => format!("Your answers are shared with {name}; you can change them any time."),
        None => "Your answers are shared with your partner once you pair; you can change them any time."
            .to_string(),
    };
    let next = guide::next_step(step).map(guide::step);
    rsx! {
        div { class: "screen step-page",
            button {
                id: "back",
                r#type: "button",
                class: "link",
                onclick: move |_| show_from_top(Route::Guide {}),
                "‹ All steps"
            }
            if let Some(note) = content.safety_note {
                aside { id: "safety-note", class: "safety-note", role: "note", "aria-labelledby": "safety-title",
                    h2 { id: "safety-title", "Your safety comes first" }
                    p { "{note}" }
                }
            }
            section { class: "card step-intro", "aria-labelledby": "step-title",
                p { class: "meta", "{place}" }
                h2 { id: "step-title", "{content.title}" }
                p { class: "lead", "{words.summary}" }
                StepProgressLine { step, id: "step-progress" }
                for (i, paragraph) in content.body.iter().enumerate() {
                    p { key: "{i}", "{paragraph}" }
                }
            }
            if step == StepId::RootCause {
                YourPart {}
            }
            section { class: "section", "aria-labelledby": "exercises-title",
                h2 { id: "exercises-title",
                    if words.exercises.len() == 1 { "Something to do" } else { "Things to do" }
                }
                for exercise in words.exercises.clone() {
                    article { key: "{exercise.id}", id: "exercise-{exercise.id}", class: "card exercise",
                        h3 { "{exercise.title}" }
                        p { "{exercise.instructions}" }
                    }
                }
            }
            for feature in content.features {
                FeaturePanel { key: "{feature.label()}", step, feature: *feature, lead }
            }
            section { class: "section", "aria-labelledby": "reflect-title",
                h2 { id: "reflect-title", "Reflect" }
                p { class: "hint", "{shared_with}" }
                for prompt in words.reflect_prompts() {
                    ReflectionField { key: "{prompt.id}", prompt_id: prompt.id }
                }
            }
            section { class: "card step-finish", "aria-labelledby": "finish-title",
                h2 { id: "finish-title", "When it feels done" }
                p { class: "hint", "Marking a step done is only for you two. You can reopen it whenever you like." }
                button {
                    id: "step-done",
                    r#type: "button",
                    class: if done { "choice" } else { "primary" },
                    "aria-pressed": "{done}",
                    onclick: toggle_done,
                    if done { "Done ✓ — tap to reopen" } else { "Mark this step done" }
                }
                FieldError { id: "step-error", message: error.read().rest(&[]) }
                if let Some(next) = next {
                    button {
                        id: "step-next",
                        r#type: "button",
                        class: "link",
                        onclick: move |_| open_step(app, next.id),
                        "Next: {next.title} ›"
                    }
                }
            }
        }
    }
}

/// The part of the app a step leads to, shown on the step's page.
#[component]
fn FeaturePanel(step: StepId, feature: AppFeature, lead: ApologyLead) -> Element {
    match feature {
        AppFeature::RootCauseExercise => rsx! { RootCause {} },
        AppFeature::TalkPrompts => rsx! { WeeklyTalk {} },
        AppFeature::PromiseTracker => rsx! {
            section { class: "card feature-link", "aria-labelledby": "promises-link-title",
                h2 { id: "promises-link-title", "Your promises" }
                p {
                    "Small promises, kept again and again, are how words and actions line up. Your partner sees how they go."
                }
                button {
                    id: "guide-open-promises",
                    r#type: "button",
                    onclick: move |_| show_from_top(Route::Promises {}),
                    "Open the promise tracker"
                }
            }
            if step == StepId::MutualSupport {
                KeptPromises {}
            }
        },
        AppFeature::Disclosures => rsx! { Notes { kind: NoteKind::Disclosure } },
        AppFeature::ApologyComposer => rsx! { Apologies { lead } },
        AppFeature::Questions => rsx! { Questions {} },
        AppFeature::SupportRequests => rsx! { Notes { kind: NoteKind::SupportRequest } },
        AppFeature::Timeline => rsx! { Timeline {} },
        AppFeature::CounselorSummary => rsx! { ProfessionalHelp {} },
        AppFeature::ClosingReflection => rsx! { ClosingReflection {} },
    }
}
