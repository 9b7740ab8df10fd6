//! Replying to my partner's check-in or mark: Seen / Thank you / I see it differently.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::model::{AckKind, AckTarget, TextField};
use mend_shared::schedule;

/// The reply buttons for `target`; `id_stem` makes the element ids unique on the page.
#[component]
pub fn AckButtons(target: AckTarget, id_stem: String) -> Element {
    let app = use_app();
    let mine = app.read(|s| s.my_id().and_then(|me| schedule::my_ack(s.shared(), &target, me)).cloned());
    let mut note = use_signal(|| mine.as_ref().map(|a| a.note.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    // Errors about the note name the field as mend-shared does.
    let note_field = TextField::Note.limit().field;
    let buttons = AckKind::ALL.map(|kind| {
        let target = target.clone();
        let reply = move |_| match app.edit(|s| s.acknowledge(target.clone(), kind, &note())) {
            Ok(ack) => {
                note.set(ack.note);
                error.set(FormError::none());
            }
            Err(e) => error.set(FormError::from_session(&e)),
        };
        (kind, reply)
    });
    rsx! {
        div { class: "ack",
            div { class: "choice-row ack-row", role: "group", "aria-label": "Reply",
                for (kind, reply) in buttons {
                    button {
                        key: "{words::ack_key(kind)}",
                        id: "ack-{id_stem}-{words::ack_key(kind)}",
                        r#type: "button",
                        class: "choice",
                        "aria-pressed": "{mine.as_ref().is_some_and(|a| a.kind == kind)}",
                        onclick: reply,
                        "{kind.label()}"
                    }
                }
            }
            TextInput {
                id: "ack-note-{id_stem}",
                label: "A few words with your reply (optional)",
                value: note(),
                error: error.read().for_field(note_field),
                oninput: move |v| note.set(v),
            }
            if let Some(ack) = &mine {
                p { class: "save-status", role: "status", "You replied “{ack.kind.label()}”" }
            }
            FieldError { id: "ack-{id_stem}-error", message: error.read().rest(&[note_field]) }
        }
    }
}
