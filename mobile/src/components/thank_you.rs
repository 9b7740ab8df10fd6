//! A "Thank you" for something my partner shared or did, with a few optional words.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::model::{AckKind, AckTarget, TextField};
use mend_shared::schedule;

/// A thank-you button for `target`; ids start with `id_stem` (`{id_stem}-thanks`).
#[component]
pub fn ThankYou(target: AckTarget, id_stem: String) -> Element {
    let app = use_app();
    let mine = app.read(|s| s.my_id().and_then(|me| schedule::my_ack(s.shared(), &target, me)).cloned());
    let thanked = mine.as_ref().is_some_and(|a| a.kind == AckKind::ThankYou);
    let mut words =
        use_signal(|| mine.as_ref().filter(|_| thanked).map(|a| a.note.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let field = TextField::Note.limit().field;
    let thank = move |_| match app.edit(|s| s.acknowledge(target.clone(), AckKind::ThankYou, &words())) {
        Ok(ack) => {
            words.set(ack.note);
            error.set(FormError::none());
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        div { class: "thanks",
            TextInput {
                id: "{id_stem}-thanks-words",
                label: "A few words with it (optional)",
                value: words(),
                error: error.read().for_field(field),
                oninput: move |v| words.set(v),
            }
            div { class: "form-actions",
                button {
                    id: "{id_stem}-thanks",
                    r#type: "button",
                    class: "choice",
                    "aria-pressed": "{thanked}",
                    onclick: thank,
                    "Thank you"
                }
                if thanked {
                    p { id: "{id_stem}-thanks-status", class: "save-status", role: "status", "You said thank you" }
                }
            }
            FieldError { id: "{id_stem}-thanks-error", message: error.read().rest(&[field]) }
        }
    }
}
