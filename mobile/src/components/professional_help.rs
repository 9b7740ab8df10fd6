//! The professional-help panel: a gentle suggestion when the insights see one, the signs that it
//! may be time, how to find someone, and the counselor summary the couple may choose to make.

use super::{CounselorNote, show_from_top};
use crate::Route;
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide::{self, StepId};
use mend_shared::insights;

/// The professional-help step's panel.
#[component]
pub fn ProfessionalHelp() -> Element {
    let app = use_app();
    // Looked at again only when the data changes, not on every render of the step.
    let suggestion = use_memo(move || app.read(|s| insights::counselor_suggestion(s.shared(), s.today())));
    let suggestion = suggestion();
    let step = guide::step(StepId::ProfessionalHelp);
    let signs = step.when_to_seek_help;
    rsx! {
        if let Some(suggestion) = suggestion {
            CounselorNote { suggestion, link: false }
        }
        section { class: "card exercise-panel help", "aria-labelledby": "signs-title",
            h2 { id: "signs-title", "When it may be time" }
            ul { id: "seek-help-signs", class: "signs",
                for (i, sign) in signs.iter().enumerate() {
                    li { key: "{i}", "{sign}" }
                }
            }
        }
        section { id: "help-resources", class: "card", "aria-labelledby": "resources-title",
            h2 { id: "resources-title", "Finding someone" }
            for (i, paragraph) in step.resources.iter().enumerate() {
                p { key: "{i}", "{paragraph}" }
            }
        }
        section { class: "card", "aria-labelledby": "summary-link-title",
            h2 { id: "summary-link-title", "A summary for your counselor" }
            p {
                "If you'd like, Mend can put together a summary to bring along. You choose the dates and what goes in it, and it leaves this phone only if you share it."
            }
            button {
                id: "summary-open",
                r#type: "button",
                class: "primary",
                onclick: move |_| show_from_top(Route::Summary {}),
                "Make a counselor summary"
            }
        }
    }
}
