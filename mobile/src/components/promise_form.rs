//! Making or changing one of my promises: what, why, and how often.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::{Cadence, PromiseDraft, TextField};
use mend_shared::time::Day;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rhythm {
    Daily,
    Weekly,
    Once,
}

const RHYTHMS: [(Rhythm, &str, &str); 3] = [
    (Rhythm::Daily, "daily", "Every day"),
    (Rhythm::Weekly, "weekly", "Some days a week"),
    (Rhythm::Once, "once", "Once, by a date"),
];

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
    let cadence = initial.as_ref().map(|d| d.cadence);
    let mut rhythm = use_signal(|| match cadence {
        Some(Cadence::PerWeek { .. }) => Rhythm::Weekly,
        Some(Cadence::OneOff { .. }) => Rhythm::Once,
        _ => Rhythm::Daily,
    });
    let mut times = use_signal(|| match cadence {
        Some(Cadence::PerWeek { times }) => times,
        _ => 3,
    });
    let mut due = use_signal(|| match cadence {
        Some(Cadence::OneOff { due }) => due.to_string(),
        _ => today.plus_days(7).to_string(),
    });
    let mut error = use_signal(FormError::none);

    let save = {
        let editing = editing.clone();
        move |_| {
            let cadence = match rhythm() {
                Rhythm::Daily => Cadence::Daily,
                Rhythm::Weekly => Cadence::PerWeek { times: times() },
                Rhythm::Once => match due().parse::<Day>() {
                    Ok(due) => Cadence::OneOff { due },
                    Err(_) => {
                        error.set(FormError::at("due date", "choose the date to keep it by"));
                        return;
                    }
                },
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
            fieldset { class: "choice-group",
                legend { "How often?" }
                div { class: "choice-row",
                    for (r, key, label) in RHYTHMS {
                        button {
                            key: "{key}",
                            id: "cadence-{key}",
                            r#type: "button",
                            class: "choice",
                            "aria-pressed": "{rhythm() == r}",
                            onclick: move |_| rhythm.set(r),
                            "{label}"
                        }
                    }
                }
            }
            if rhythm() == Rhythm::Weekly {
                div { class: "field",
                    label { r#for: "promise-times", "Days a week" }
                    select {
                        id: "promise-times",
                        onchange: move |e: FormEvent| {
                            if let Ok(n) = e.value().parse::<u8>() {
                                times.set(n);
                            }
                        },
                        for n in 1..=7u8 {
                            option { key: "{n}", value: "{n}", selected: times() == n, "{n}" }
                        }
                    }
                    FieldError { id: "promise-times-error", message: error.read().for_field("times per week") }
                }
            }
            if rhythm() == Rhythm::Once {
                div { class: "field",
                    label { r#for: "promise-due", "Keep it by" }
                    input {
                        id: "promise-due",
                        r#type: "date",
                        min: "{today}",
                        value: "{due}",
                        oninput: move |e: FormEvent| due.set(e.value()),
                    }
                    FieldError { id: "promise-due-error", message: error.read().for_field("due date") }
                }
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
