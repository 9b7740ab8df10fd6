//! One reflection question of a guide step: my answer to write and revise, my partner's to read.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide;
use mend_shared::model::TextField;

/// The question `prompt_id` (a guide prompt id), my answer, and my partner's answer.
#[component]
pub fn ReflectionField(prompt_id: &'static str) -> Element {
    let app = use_app();
    let (saved, partner) = app.read(|s| {
        let answer = |partner: &str| {
            s.shared().reflections.get(&format!("{prompt_id}/{partner}")).map(|r| r.text.clone())
        };
        let mine = s.my_id().and_then(|me| answer(me.as_str()));
        let partner = s.partner().map(|p| (p.name.clone(), answer(p.id.as_str())));
        (mine, partner)
    });
    let mut text = use_signal(|| saved.clone().unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let Some((_, prompt)) = guide::prompt(prompt_id) else {
        return rsx! {};
    };
    let field = TextField::Reflection.limit().field;
    let status = match &saved {
        Some(s) if s.as_str() == text.read().trim() => "Saved",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let save = move |_| match app.edit(|s| s.reflect(prompt_id, &text())) {
        Ok(r) => {
            text.set(r.text);
            error.set(FormError::none());
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        div { class: "card reflection",
            div { class: "roomy",
                TextInput {
                    id: "reflect-{prompt_id}",
                    label: "{prompt.text}",
                    value: text(),
                    multiline: true,
                    error: error.read().for_field(field),
                    oninput: move |v| text.set(v),
                }
            }
            div { class: "form-actions",
                button { id: "reflect-{prompt_id}-save", r#type: "button", onclick: save,
                    if saved.is_some() { "Update my answer" } else { "Save my answer" }
                }
                p { id: "reflect-{prompt_id}-status", class: "save-status", role: "status", "{status}" }
            }
            FieldError { id: "reflect-{prompt_id}-form-error", message: error.read().rest(&[field]) }
            if let Some((name, answer)) = partner {
                div { id: "reflect-{prompt_id}-partner", class: "partner-answer",
                    p { class: "meta", "{name}'s answer" }
                    match answer {
                        Some(answer) => rsx! { p { class: "their-words", "{answer}" } },
                        None => rsx! { p { class: "quiet", "{name} hasn't answered this one yet." } },
                    }
                }
            }
        }
    }
}
