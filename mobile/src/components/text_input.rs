//! A labelled text field (one line or a few), with its hint and error tied to it for screen readers.

use super::FieldError;
use dioxus::prelude::*;

/// A labelled text input; `multiline` makes it a small text area.
#[component]
pub fn TextInput(
    id: String,
    label: String,
    value: String,
    oninput: EventHandler<String>,
    #[props(default)] multiline: bool,
    hint: Option<String>,
    error: Option<String>,
) -> Element {
    let FieldIds { error_id, hint_id, described } = FieldIds::of(&id, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    rsx! {
        div { class: "field",
            label { r#for: "{id}", "{label}" }
            if let Some(hint) = hint {
                p { id: "{hint_id}", class: "hint", "{hint}" }
            }
            if multiline {
                textarea {
                    id: "{id}",
                    rows: "2",
                    value: "{value}",
                    "aria-invalid": "{invalid}",
                    "aria-describedby": "{described}",
                    oninput: move |e: FormEvent| oninput.call(e.value()),
                }
            } else {
                input {
                    id: "{id}",
                    r#type: "text",
                    value: "{value}",
                    "aria-invalid": "{invalid}",
                    "aria-describedby": "{described}",
                    oninput: move |e: FormEvent| oninput.call(e.value()),
                }
            }
            FieldError { id: error_id, message: error }
        }
    }
}

/// The ids a field's hint and error take, and the `aria-describedby` that ties them to it.
pub(super) struct FieldIds {
    pub(super) error_id: String,
    pub(super) hint_id: String,
    pub(super) described: String,
}

impl FieldIds {
    pub(super) fn of(id: &str, has_hint: bool, has_error: bool) -> Self {
        let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
        let described: Vec<&str> = [(has_hint, hint_id.as_str()), (has_error, error_id.as_str())]
            .into_iter()
            .filter_map(|(on, id)| on.then_some(id))
            .collect();
        let described = described.join(" ");
        FieldIds { error_id, hint_id, described }
    }
}
