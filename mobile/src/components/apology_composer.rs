//! Writing an apology in four parts — what happened, its impact on my partner, my part, what I
//! will do differently — optionally with a promise made from it in the same change. The writer
//! speaks throughout: the impact is theirs to describe, as they understand it.

use super::{CadenceChoice, CadencePicker, FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::ApologyId;
use mend_shared::model::{ApologyDraft, PromiseDraft, TextField};

/// The four parts: element id, label, hint, and the field name mend-shared uses in its messages.
const PARTS: [(&str, &str, &str, &str); 4] = [
    ("apology-what", "What happened", "Plainly, without softening it.", "what happened"),
    (
        "apology-impact",
        "Its impact on your partner",
        "How you understand it affected them — their feelings, their trust, their days.",
        "its impact on your partner",
    ),
    ("apology-part", "My part", "What you did or didn't do — no “but”.", "my part"),
    (
        "apology-will",
        "What I will do differently",
        "Something concrete you can keep doing.",
        "what I will do differently",
    ),
];

/// The apology composer; with `editing` it revises that apology (its promise stays as it is).
/// `on_done` gets a line saying what was saved, or `None` when cancelled.
#[component]
pub fn ApologyComposer(editing: Option<ApologyId>, on_done: EventHandler<Option<String>>) -> Element {
    let app = use_app();
    let (initial, today) = use_hook(|| {
        app.peek(|s| {
            let draft =
                editing.as_ref().and_then(|id| s.shared().apologies.get(id.as_str())).map(|a| ApologyDraft {
                    what_happened: a.what_happened.clone(),
                    impact: a.impact.clone(),
                    my_part: a.my_part.clone(),
                    will_do: a.will_do.clone(),
                });
            (draft.unwrap_or_default(), s.today())
        })
    });
    let mut draft = use_signal(|| initial.clone());
    let mut make_promise = use_signal(|| false);
    let mut promise_title = use_signal(String::new);
    let choice = use_signal(|| CadenceChoice::new(None, today));
    let mut error = use_signal(FormError::none);
    let values = {
        let d = draft.read();
        [d.what_happened.clone(), d.impact.clone(), d.my_part.clone(), d.will_do.clone()]
    };
    let title_field = TextField::PromiseTitle.limit().field;
    let known: Vec<&str> =
        PARTS.iter().map(|p| p.3).chain([title_field, "times per week", "due date"]).collect();

    let save = {
        let editing = editing.clone();
        move |_| {
            let result = match &editing {
                Some(id) => {
                    app.edit(|s| s.edit_apology(id, draft())).map(|_| "Your apology is updated.".to_string())
                }
                None => {
                    let promise = if make_promise() {
                        let cadence = match choice.read().cadence() {
                            Ok(cadence) => cadence,
                            Err(e) => {
                                error.set(e);
                                return;
                            }
                        };
                        Some(PromiseDraft { title: promise_title(), why: String::new(), cadence })
                    } else {
                        None
                    };
                    app.edit(|s| s.apologize(draft(), promise)).map(|(_, promise)| match promise {
                        Some(p) => {
                            format!("Your apology is shared, and “{}” is now one of your promises.", p.title)
                        }
                        None => "Your apology is shared.".to_string(),
                    })
                }
            };
            match result {
                Ok(message) => on_done.call(Some(message)),
                Err(e) => error.set(FormError::from_session(&e)),
            }
        }
    };
    let heading = if editing.is_some() { "Change your apology" } else { "Write an apology" };
    rsx! {
        section { class: "card apology-form", "aria-labelledby": "apology-form-title",
            h3 { id: "apology-form-title", "{heading}" }
            p { class: "hint",
                "Take your time. A sincere apology names what happened and your part in it, without excuses."
            }
            for (i, ((id, label, hint, field), value)) in PARTS.into_iter().zip(values).enumerate() {
                div { key: "{id}", class: "roomy",
                    TextInput {
                        id: "{id}",
                        label: "{label}",
                        hint: "{hint}",
                        value,
                        multiline: true,
                        error: error.read().for_field(field),
                        oninput: move |v: String| {
                            let mut d = draft.write();
                            match i {
                                0 => d.what_happened = v,
                                1 => d.impact = v,
                                2 => d.my_part = v,
                                _ => d.will_do = v,
                            }
                        },
                    }
                }
            }
            if editing.is_none() {
                label { class: "check-row", r#for: "apology-make-promise",
                    input {
                        id: "apology-make-promise",
                        r#type: "checkbox",
                        checked: make_promise(),
                        onchange: move |e: FormEvent| make_promise.set(e.checked()),
                    }
                    span { "Make a promise from it, so your partner can see you keep it" }
                }
                if make_promise() {
                    div { class: "promise-fields",
                        TextInput {
                            id: "apology-promise-title",
                            label: "The promise",
                            hint: "Something small and concrete, like “Tell you first when plans change”.",
                            value: promise_title(),
                            error: error.read().for_field(title_field),
                            oninput: move |v| promise_title.set(v),
                        }
                        CadencePicker {
                            choice,
                            cadence_id: "apology-cadence",
                            field_id: "apology-promise",
                            today,
                            error: error(),
                        }
                    }
                }
            }
            div { class: "form-actions",
                button { id: "apology-save", r#type: "button", class: "primary", onclick: save,
                    if editing.is_some() { "Save changes" } else { "Share my apology" }
                }
                button { id: "apology-cancel", r#type: "button", onclick: move |_| on_done.call(None), "Cancel" }
            }
            FieldError { id: "apology-error", message: error.read().rest(&known) }
        }
    }
}
