//! Marking one of my promises for a day: kept, partly, or not this time, with an optional note.

use super::{FieldError, FormError, OutcomeButtons, TextInput};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::{OutcomeKind, TextField};
use mend_shared::schedule;
use mend_shared::time::Day;

/// My promise `id` on `day`, with its outcome buttons and note.
#[component]
pub fn MarkPromise(id: PromiseId, day: Day) -> Element {
    let app = use_app();
    let mut note =
        use_signal(|| app.peek(|s| s.shared().outcome(&id, day).map(|o| o.note.clone()).unwrap_or_default()));
    let mut error = use_signal(FormError::none);
    // Errors about the note name the field as mend-shared does.
    let note_field = TextField::Note.limit().field;
    let info = app.read(|s| {
        let promise = s.shared().promise(&id)?.clone();
        let outcome = s.shared().outcome(&id, day).cloned();
        let week = schedule::due_on(s.shared(), &promise.owner, day)
            .into_iter()
            .find(|item| item.promise.id == id)
            .and_then(|item| item.week);
        Some((promise, outcome, week, s.today()))
    });
    let Some((promise, outcome, week, today)) = info else {
        return rsx! {};
    };
    let when = if day == today { "today".to_string() } else { words::short_day(day) };
    let note_changed = outcome.as_ref().is_some_and(|o| o.note != note.read().trim());
    let record = {
        let id = id.clone();
        move |kind: OutcomeKind| match app.edit(|s| s.record_outcome(&id, day, kind, &note())) {
            Ok(outcome) => {
                note.set(outcome.note);
                error.set(FormError::none());
            }
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    let kind = outcome.as_ref().map(|o| o.kind);
    let pick = record.clone();
    let mut save_note = record;
    rsx! {
        article { class: "card mark", "aria-labelledby": "mark-title-{id}",
            h3 { id: "mark-title-{id}", "{promise.title}" }
            p { class: "meta",
                "{promise.cadence.describe()}"
                if let Some(w) = week {
                    " · {w.done} of {w.quota} this week"
                }
            }
            OutcomeButtons {
                id_prefix: "outcome-{id}",
                label: "How did it go {when}?",
                current: kind,
                onpick: pick,
            }
            TextInput {
                id: "outcome-note-{id}",
                label: "Note (optional)",
                value: note(),
                error: error.read().for_field(note_field),
                oninput: move |v| note.set(v),
            }
            if let Some(kind) = kind {
                div { class: "form-actions",
                    p { class: "save-status", role: "status", "Marked “{words::outcome(kind)}” for {when}" }
                    if note_changed {
                        button {
                            id: "outcome-note-save-{id}",
                            r#type: "button",
                            onclick: move |_| save_note(kind),
                            "Save note"
                        }
                    }
                }
            }
            FieldError { id: "outcome-{id}-error", message: error.read().rest(&[note_field]) }
        }
    }
}
