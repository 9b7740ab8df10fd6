//! One gentle suggestion on Today, from my current guide step and worded for my part; "Not now"
//! sets it aside on this phone.

use super::{FieldError, open_step};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide;

/// The suggestion card, or nothing once set aside (or when every step is done).
#[component]
pub fn TodaySuggestion() -> Element {
    let app = use_app();
    let mut error = use_signal(|| None::<String>);
    let Some(suggestion) = app.read(|s| s.today_suggestion()) else {
        return rsx! {};
    };
    let step = guide::step(suggestion.step);
    let place = match step.number {
        8 => "From the closing".to_string(),
        n => format!("From step {n} · {}", step.title),
    };
    let id = suggestion.id.clone();
    let dismiss = move |_| match app.edit(|s| s.dismiss_suggestion(&id)) {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(e.to_string())),
    };
    let step_id = suggestion.step;
    rsx! {
        aside { id: "today-suggestion", class: "card suggestion", "aria-labelledby": "today-suggestion-place",
            p { id: "today-suggestion-place", class: "meta", "{place}" }
            p { id: "today-suggestion-text", "{suggestion.text}" }
            div { class: "form-actions",
                button { id: "suggestion-open", r#type: "button", onclick: move |_| open_step(app, step_id), "Open the step" }
                button { id: "suggestion-dismiss", r#type: "button", class: "link", onclick: dismiss, "Not now" }
            }
            FieldError { id: "suggestion-error", message: error() }
        }
    }
}
