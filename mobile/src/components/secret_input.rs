//! A labelled field for a PIN or passphrase: masked, never autofilled or spell-checked, with its
//! hint and error tied to it for screen readers.

use super::FieldError;
use super::text_input::FieldIds;
use dioxus::prelude::*;

/// A masked input; `numeric` brings up the phone's number pad (PINs).
#[component]
pub fn SecretInput(
    id: String,
    label: String,
    value: String,
    oninput: EventHandler<String>,
    #[props(default)] numeric: bool,
    hint: Option<String>,
    error: Option<String>,
    onenter: Option<EventHandler<()>>,
) -> Element {
    let FieldIds { error_id, hint_id, described } = FieldIds::of(&id, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    rsx! {
        div { class: "field",
            label { r#for: "{id}", "{label}" }
            if let Some(hint) = hint {
                p { id: "{hint_id}", class: "hint", "{hint}" }
            }
            input {
                id: "{id}",
                r#type: "password",
                inputmode: if numeric { "numeric" } else { "text" },
                autocomplete: "off",
                autocapitalize: "off",
                spellcheck: "false",
                value: "{value}",
                "aria-invalid": "{invalid}",
                "aria-describedby": "{described}",
                oninput: move |e: FormEvent| oninput.call(e.value()),
                onkeydown: move |e: KeyboardEvent| {
                    if e.key() == Key::Enter && let Some(enter) = onenter {
                        enter.call(());
                    }
                },
            }
            FieldError { id: error_id, message: error }
        }
    }
}
