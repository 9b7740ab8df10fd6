//! A gentle, optional suggestion to see a counselor, in mend-shared's own calm words.

use super::open_step;
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide::StepId;
use mend_shared::insights::CounselorSuggestion;

/// The suggestion card (`counselor-suggestion`); with `link`, a way to the professional-help step.
#[component]
pub fn CounselorNote(suggestion: CounselorSuggestion, link: bool) -> Element {
    let app = use_app();
    rsx! {
        section { id: "counselor-suggestion", class: "card gentle-note", "aria-labelledby": "suggestion-title",
            h2 { id: "suggestion-title", "A thought, if it helps" }
            p { "{suggestion.reason_in_words}" }
            if link {
                button {
                    id: "suggestion-open-help",
                    r#type: "button",
                    onclick: move |_| open_step(app, StepId::ProfessionalHelp),
                    "Read “Seek professional help”"
                }
            }
        }
    }
}
