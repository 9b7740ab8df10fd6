//! Making or changing one of my promises: what, why, and how often.

use super::{CadenceChoice, CadencePicker, FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::{PromiseDraft, TextField};

/// The promise form; with `editing` it changes that promise, otherwise it makes a new one.
/// `on_done` gets the saved promise's id, or `None` when cancelled.
#[component]
pub fn PromiseForm(editing: Option<PromiseId>, on_done: EventHandler<Option<PromiseId>>) -> Element {
    let app = use_app();
    let (initial, today) = use_hook(|| {
        app.peek(|s| {
            let draft = editing.as_ref().and_then(|id| s.shared().promise(id)).map(PromiseDraft::from);
            (draft, s.today())
        })
    });
    let mut title = use_signal(|| initial.as_ref().map(|d| d.title.clone()).unwrap_or_default());
    let mut why = use_signal(|| initial.as_ref().map(|d| d.why.clone()).unwrap_or_default());
    let choice = use_signal(|| CadenceChoice::new(initial.as_ref().map(|d| d.cadence), today));
    let mut error = use_signal(FormError::none);

    let save = {
        let editing = editing.clone();
        move |_| {
            let cadence = match choice.read().cadence() {
                Ok(cadence) => cadence,
                Err(e) => {
                    error.set(e);
                    return;
                }
            };
            let draft = PromiseDraft { title: title(), why: why(), cadence };
            let saved = match &editing {
                None => app.edit(|s| s.create_promise(draft)),
                Some(id) => app.edit(|s| s.edit_promise(id, draft)),
            };
            match saved {
                Ok(promise) => on_done.call(Some(promise.id)),
                Err(e) => error.set(FormError::from_session(&e)),
            }
        }
    };
    let title_field = TextField::PromiseTitle.limit().field;
    let why_field = TextField::PromiseWhy.limit().field;
    let heading = if editing.is_some() { "Change your promise" } else { "A new promise" };

    rsx! {
        section { class: "card promise-form", "aria-labelledby": "promise-form-title",
            h2 { id: "promise-form-title", "{heading}" }
            TextInput {
                id: "promise-title",
                label: "What will you do?",
                hint: "Something small and concrete, like “Text when I'm running late”.",
                value: title(),
                error: error.read().for_field(title_field),
                oninput: move |v| title.set(v),
            }
            TextInput {
                id: "promise-why",
                label: "Why it matters (optional)",
                value: why(),
                multiline: true,
                error: error.read().for_field(why_field),
                oninput: move |v| why.set(v),
            }
            CadencePicker {
                choice,
                cadence_id: "cadence",
                field_id: "promise",
                today,
                error: error(),
            }
            div { class: "form-actions",
                button { id: "promise-save", r#type: "button", class: "primary", onclick: save, "Save promise" }
                button {
                    id: "promise-cancel",
                    r#type: "button",
                    onclick: move |_| on_done.call(None),
                    "Cancel"
                }
            }
            FieldError {
                id: "promise-error",
                message: error.read().rest(&[title_field, why_field, "times per week", "due date"]),
            }
        }
    }
}
