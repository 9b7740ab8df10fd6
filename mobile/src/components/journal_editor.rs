//! Writing or changing a journal entry: private to this phone or shared, an optional title, the
//! words, and the guide question it answers if one was chosen.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide;
use mend_shared::ids::EntryId;
use mend_shared::model::{JournalDraft, TextField, Visibility};

/// What the journal editor is open for.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorMode {
    /// A new entry, perhaps answering a guide question (its prompt id).
    New {
        /// The guide prompt to answer, if one was chosen.
        prompt: Option<&'static str>,
    },
    /// One of my entries.
    Edit {
        /// Where it lives.
        visibility: Visibility,
        /// Which entry.
        id: EntryId,
    },
}

/// The journal editor; `on_done` once saved or cancelled.
#[component]
pub fn JournalEditor(mode: EditorMode, on_done: EventHandler<()>) -> Element {
    let app = use_app();
    let (initial, partner) = use_hook(|| {
        app.peek(|s| {
            let draft = match &mode {
                EditorMode::New { prompt } => JournalDraft {
                    step: prompt.and_then(guide::prompt).map(|(step, _)| step.id),
                    prompt: prompt.map(str::to_string),
                    ..Default::default()
                },
                EditorMode::Edit { visibility, id } => {
                    let table = match visibility {
                        Visibility::Shared => &s.shared().journal,
                        Visibility::Private => &s.private().journal,
                    };
                    table
                        .get(id.as_str())
                        .map(|e| JournalDraft {
                            title: e.title.clone(),
                            body: e.body.clone(),
                            step: e.step,
                            prompt: e.prompt.clone(),
                        })
                        .unwrap_or_default()
                }
            };
            (draft, s.partner().map(|p| p.name.clone()))
        })
    });
    let mut draft = use_signal(|| initial.clone());
    let mut visibility = use_signal(|| match &mode {
        EditorMode::Edit { visibility, .. } => *visibility,
        EditorMode::New { .. } => Visibility::Private,
    });
    let mut error = use_signal(FormError::none);
    let title_field = TextField::JournalTitle.limit().field;
    let body_field = TextField::JournalBody.limit().field;
    let part = app.read(|s| s.my_part());
    let question =
        draft.read().prompt.as_deref().and_then(|id| guide::prompt_for(id, part)).map(|(_, p)| p.text);
    let editing = matches!(mode, EditorMode::Edit { .. });
    let shared_label = match &partner {
        Some(name) => format!("Shared with {name}"),
        None => "Shared with my partner".to_string(),
    };
    let save = {
        let mode = mode.clone();
        move |_| {
            let saved = match &mode {
                EditorMode::New { .. } => {
                    app.edit(|s| s.add_journal_entry(visibility(), draft())).map(|_| ())
                }
                EditorMode::Edit { visibility, id } => {
                    app.edit(|s| s.edit_journal_entry(*visibility, id, draft())).map(|_| ())
                }
            };
            match saved {
                Ok(()) => on_done.call(()),
                Err(e) => error.set(FormError::from_session(&e)),
            }
        }
    };
    rsx! {
        section { class: "card journal-editor", "aria-labelledby": "journal-editor-title",
            h2 { id: "journal-editor-title", if editing { "Change your entry" } else { "A new entry" } }
            if editing {
                p { class: "meta",
                    match visibility() {
                        Visibility::Private => "Private · never synced".to_string(),
                        Visibility::Shared => shared_label.clone(),
                    }
                }
            } else {
                fieldset { class: "choice-group",
                    legend { "Who can read it?" }
                    div { class: "choice-row",
                        button {
                            id: "journal-visibility-private",
                            r#type: "button",
                            class: "choice",
                            "aria-pressed": "{visibility() == Visibility::Private}",
                            onclick: move |_| visibility.set(Visibility::Private),
                            "Only me — never synced"
                        }
                        button {
                            id: "journal-visibility-shared",
                            r#type: "button",
                            class: "choice",
                            "aria-pressed": "{visibility() == Visibility::Shared}",
                            onclick: move |_| visibility.set(Visibility::Shared),
                            "{shared_label}"
                        }
                    }
                }
            }
            if let Some(question) = question {
                div { class: "journal-question",
                    p { id: "journal-question", class: "lead", "{question}" }
                    button {
                        id: "journal-prompt-clear",
                        r#type: "button",
                        class: "link",
                        onclick: move |_| {
                            let mut d = draft.write();
                            d.prompt = None;
                            d.step = None;
                        },
                        "Write freely instead"
                    }
                }
            }
            TextInput {
                id: "journal-title",
                label: "Title (optional)",
                value: draft.read().title.clone(),
                error: error.read().for_field(title_field),
                oninput: move |v| draft.write().title = v,
            }
            div { class: "roomy",
                TextInput {
                    id: "journal-body",
                    label: "Your entry",
                    value: draft.read().body.clone(),
                    multiline: true,
                    error: error.read().for_field(body_field),
                    oninput: move |v| draft.write().body = v,
                }
            }
            div { class: "form-actions",
                button { id: "journal-save", r#type: "button", class: "primary", onclick: save, "Save entry" }
                button { id: "journal-cancel", r#type: "button", onclick: move |_| on_done.call(()), "Cancel" }
            }
            FieldError { id: "journal-error", message: error.read().rest(&[title_field, body_field]) }
        }
    }
}
