//! The guide: its steps in order, where each of us stands on each, and the way into a step.

use crate::components::{StepProgressLine, open_step};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide;

/// The Guide screen.
#[component]
pub fn Guide() -> Element {
    let app = use_app();
    let current = app.read(|s| {
        s.my_id().map(|me| match s.shared().current_step(me) {
            Some(guide::StepId::Closing) => "You're at the closing reflection.".to_string(),
            Some(id) => format!("You're on step {}.", guide::step(id).number),
            None => {
                "You've walked through every step. Come back to any of them whenever you like.".to_string()
            }
        })
    });
    rsx! {
        div { class: "screen guide",
            p { class: "lead", "Seven steps you can take together, at your own pace." }
            p { class: "hint",
                "There is no schedule. Open any step, come back to it, and mark it done when it feels done to you."
            }
            if let Some(current) = current {
                p { id: "guide-current", class: "save-status", "{current}" }
            }
            ol { class: "guide-steps",
                for step in guide::steps() {
                    li { key: "{step.id}",
                        button {
                            id: "step-{step.id}",
                            r#type: "button",
                            class: "card step-card",
                            onclick: move |_| open_step(app, step.id),
                            span { class: "step-number", "aria-hidden": "true", "{step_mark(step)}" }
                            span { class: "step-text",
                                span { class: "step-title", "{step.title}" }
                                span { class: "step-summary", "{step.summary}" }
                                StepProgressLine { step: step.id, id: "step-{step.id}-progress" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The number shown beside a step; the closing isn't one of the seven, so it gets a mark.
fn step_mark(step: &guide::GuideStep) -> String {
    match step.id {
        guide::StepId::Closing => "❦".to_string(),
        _ => step.number.to_string(),
    }
}
