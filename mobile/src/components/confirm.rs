//! A calm "are you sure?" in place of a destructive button: the question, a yes, and "Keep it".

use dioxus::prelude::*;

/// The question with its answer buttons; ids are given so each use keeps its stable ids.
#[component]
pub fn Confirm(
    question_id: String,
    question: String,
    confirm_id: String,
    confirm_label: String,
    cancel_id: String,
    on_confirm: EventHandler<()>,
    on_cancel: EventHandler<()>,
) -> Element {
    rsx! {
        div { class: "confirm", role: "group", "aria-labelledby": "{question_id}",
            p { id: "{question_id}", "{question}" }
            button { id: "{confirm_id}", r#type: "button", onclick: move |_| on_confirm.call(()), "{confirm_label}" }
            button { id: "{cancel_id}", r#type: "button", class: "link", onclick: move |_| on_cancel.call(()), "Keep it" }
        }
    }
}
