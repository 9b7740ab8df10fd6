//! The closing reflection: my words on the whole journey, and my partner's beside them.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::model::TextField;

/// The closing reflection both partners can write.
#[component]
pub fn ClosingReflection() -> Element {
    let app = use_app();
    let (saved, partner) = app.read(|s| {
        let mine = s.my_id().and_then(|me| s.shared().closing_of(me)).cloned();
        let partner =
            s.partner().map(|p| (p.name.clone(), s.shared().closing_of(&p.id).map(|c| c.text.clone())));
        (mine, partner)
    });
    let mut text = use_signal(|| saved.as_ref().map(|c| c.text.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let field = TextField::ClosingReflection.limit().field;
    let status = match &saved {
        Some(c) if c.same_as_draft(&text.read()) => "Saved",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let save = move |_| match app.edit(|s| s.save_closing_reflection(&text())) {
        Ok(c) => {
            text.set(c.text);
            error.set(FormError::none());
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        section { class: "card exercise-panel closing", "aria-labelledby": "closing-title",
            h2 { id: "closing-title", "Your closing reflection" }
            div { class: "roomy",
                TextInput {
                    id: "closing-text",
                    label: "Looking back on all of it, what do you want to remember, and to keep doing?",
                    value: text(),
                    multiline: true,
                    error: error.read().for_field(field),
                    oninput: move |v| text.set(v),
                }
            }
            div { class: "form-actions",
                button { id: "closing-save", r#type: "button", class: "primary", onclick: save,
                    if saved.is_some() { "Update my reflection" } else { "Save my reflection" }
                }
                p { id: "closing-status", class: "save-status", role: "status", "{status}" }
            }
            FieldError { id: "closing-error", message: error.read().rest(&[field]) }
            if let Some((name, words)) = partner {
                div { id: "closing-partner", class: "partner-answer",
                    p { class: "meta", "{name}'s reflection" }
                    match words {
                        Some(words) => rsx! { p { class: "their-words", "{words}" } },
                        None => rsx! { p { class: "quiet", "{name} hasn't written theirs yet." } },
                    }
                }
            }
        }
    }
}
