//! Notes of one kind: "I want you to know" disclosures, chosen and offered by their writer (never
//! asked for), or "this week I need…" support requests. I write, change and delete my own; I can
//! thank my partner for theirs.

use super::{Confirm, FieldError, FormError, TextInput, ThankYou};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::ExerciseEntryId;
use mend_shared::model::{AckTarget, NoteKind, TextField};

/// The words that change with the kind of note.
struct Wording {
    title: &'static str,
    hint: &'static str,
    label: &'static str,
    save: &'static str,
    empty: &'static str,
}

fn wording(kind: NoteKind) -> Wording {
    match kind {
        NoteKind::Disclosure => Wording {
            title: "“I want you to know”",
            hint: "Something you'd like your partner to hear from you first: a change of plan, a worry, a \
                   message you received. You decide what to share and when; it is offered, never asked for.",
            label: "I want you to know…",
            save: "Share this note",
            empty: "No notes yet. They are here whenever one of you wants to share something.",
        },
        NoteKind::SupportRequest => Wording {
            title: "This week I need…",
            hint: "One thing that would help you this week. Asking is a kindness to both of you.",
            label: "This week I need…",
            save: "Share my request",
            empty: "No requests yet.",
        },
    }
}

/// The notes of `kind`: a form for a new one, then everyone's, newest first.
#[component]
pub fn Notes(kind: NoteKind) -> Element {
    let app = use_app();
    let mut text = use_signal(String::new);
    let mut error = use_signal(FormError::none);
    let mut shared = use_signal(|| false);
    let ids: Vec<ExerciseEntryId> =
        app.read(|s| s.shared().notes_of_kind(kind).into_iter().map(|n| n.note.id.clone()).collect());
    let field = TextField::ExerciseNote.limit().field;
    let w = wording(kind);
    let save = move |_| match app.edit(|s| s.add_note(kind, &text())) {
        Ok(_) => {
            text.set(String::new());
            error.set(FormError::none());
            shared.set(true);
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        section { class: "card exercise-panel notes", "aria-labelledby": "notes-title",
            h2 { id: "notes-title", "{w.title}" }
            p { class: "hint", "{w.hint}" }
            TextInput {
                id: "note-new-text",
                label: "{w.label}",
                value: text(),
                multiline: true,
                error: error.read().for_field(field),
                oninput: move |v| {
                    text.set(v);
                    shared.set(false);
                },
            }
            div { class: "form-actions",
                button { id: "note-save", r#type: "button", class: "primary", onclick: save, "{w.save}" }
                if shared() {
                    p { id: "note-status", class: "save-status", role: "status", "Shared" }
                }
            }
            FieldError { id: "note-error", message: error.read().rest(&[field]) }
            if ids.is_empty() {
                p { class: "quiet", "{w.empty}" }
            }
            ul { class: "note-list",
                for id in ids {
                    NoteItem { key: "{id}", id }
                }
            }
        }
    }
}

/// One note: mine to change or delete, or my partner's to thank them for.
#[component]
fn NoteItem(id: ExerciseEntryId) -> Element {
    let app = use_app();
    let mut editing = use_signal(|| false);
    let mut confirming = use_signal(|| false);
    let mut draft = use_signal(String::new);
    let mut error = use_signal(FormError::none);
    let info = app.read(|s| {
        let note = s.shared().notes.get(id.as_str())?.clone();
        let mine = s.my_id() == Some(&note.author);
        let author = if mine { "You".to_string() } else { s.shared().name_of(&note.author) };
        let target = AckTarget::Note { entry: id.clone() };
        let thanks: Vec<String> = s
            .shared()
            .acks_of(&target)
            .filter(|a| a.by != note.author)
            .map(|a| match a.note.is_empty() {
                true => format!("{} replied “{}”", s.shared().name_of(&a.by), a.kind.label()),
                false => format!("{} replied “{}”: {}", s.shared().name_of(&a.by), a.kind.label(), a.note),
            })
            .collect();
        Some((note, mine, author, target, thanks))
    });
    let Some((note, mine, author, target, thanks)) = info else {
        return rsx! {};
    };
    let field = TextField::ExerciseNote.limit().field;
    let save = {
        let id = id.clone();
        move |_| match app.edit(|s| s.edit_note(&id, &draft())) {
            Ok(_) => {
                editing.set(false);
                error.set(FormError::none());
            }
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    let delete = {
        let id = id.clone();
        move |_| match app.edit(|s| s.delete_note(&id)) {
            Ok(()) => confirming.set(false),
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    let edited = note.updated_at != note.created_at;
    let start_text = note.text.clone();
    rsx! {
        li { id: "note-{id}", class: "note-item",
            p { class: "meta",
                "{author} · {words::short_day(note.created_at.day())}"
                if edited {
                    " · changed"
                }
            }
            if editing() {
                TextInput {
                    id: "note-{id}-text",
                    label: "Your note",
                    value: draft(),
                    multiline: true,
                    error: error.read().for_field(field),
                    oninput: move |v| draft.set(v),
                }
                div { class: "form-actions",
                    button { id: "note-{id}-save", r#type: "button", class: "primary", onclick: save, "Save" }
                    button {
                        id: "note-{id}-cancel",
                        r#type: "button",
                        onclick: move |_| {
                            editing.set(false);
                            error.set(FormError::none());
                        },
                        "Cancel"
                    }
                }
            } else {
                p { class: "their-words", "{note.text}" }
            }
            for (i, line) in thanks.into_iter().enumerate() {
                p { key: "{i}", class: "reply", "{line}" }
            }
            if mine && !editing() {
                if confirming() {
                    Confirm {
                        question_id: "note-{id}-question",
                        question: "Delete this note? It disappears from both phones.",
                        confirm_id: "note-{id}-delete-confirm",
                        confirm_label: "Delete it",
                        cancel_id: "note-{id}-delete-cancel",
                        on_confirm: delete,
                        on_cancel: move |_| confirming.set(false),
                    }
                } else {
                    div { class: "form-actions",
                        button {
                            id: "note-{id}-edit",
                            r#type: "button",
                            onclick: move |_| {
                                draft.set(start_text.clone());
                                editing.set(true);
                            },
                            "Change"
                        }
                        button {
                            id: "note-{id}-delete",
                            r#type: "button",
                            onclick: move |_| confirming.set(true),
                            "Delete"
                        }
                    }
                }
            }
            // Thanks only go to a partner this phone still shares with.
            if !mine && app.paired() {
                ThankYou { target, id_stem: "note-{id}" }
            }
            FieldError { id: "note-{id}-error", message: error.read().rest(&[field]) }
        }
    }
}
