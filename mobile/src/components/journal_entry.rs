//! One journal entry in the list: private ones clearly marked, mine to change or delete (after
//! asking), my partner's shared ones to read.

use super::{Confirm, EditorMode, FieldError, FormError, JournalEditor};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::guide;
use mend_shared::ids::EntryId;
use mend_shared::model::Visibility;

/// The entry `id` in the journal of `visibility`; `editor` is the screen's one open editor.
#[component]
pub fn JournalEntryCard(visibility: Visibility, id: EntryId, editor: Signal<Option<EditorMode>>) -> Element {
    let app = use_app();
    let mut editor = editor;
    let mut confirming = use_signal(|| false);
    let mut error = use_signal(FormError::none);
    let info = app.read(|s| {
        let table = match visibility {
            Visibility::Shared => &s.shared().journal,
            Visibility::Private => &s.private().journal,
        };
        let entry = table.get(id.as_str())?.clone();
        let mine = s.my_id() == Some(&entry.author);
        let author = if mine { "You".to_string() } else { s.shared().name_of(&entry.author) };
        let partner = s.partner().map(|p| p.name.clone());
        Some((entry, mine, author, partner))
    });
    let Some((entry, mine, author, partner)) = info else {
        return rsx! {};
    };
    let this = EditorMode::Edit { visibility, id: id.clone() };
    if editor.read().as_ref() == Some(&this) {
        return rsx! {
            JournalEditor { mode: this, on_done: move |_| editor.set(None) }
        };
    }
    // Asked in the words for my part: my partner's part stays theirs to share.
    let part = app.read(|s| s.my_part());
    let question = entry.prompt.as_deref().and_then(|id| guide::prompt_for(id, part)).map(|(_, p)| p.text);
    let delete = {
        let id = id.clone();
        move |_| match app.edit(|s| s.delete_journal_entry(visibility, &id)) {
            Ok(()) => confirming.set(false),
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    let also_gone = match (visibility, &partner) {
        (Visibility::Shared, Some(name)) => format!(" It also disappears from {name}'s phone."),
        (Visibility::Shared, None) => " It also disappears from your partner's phone.".to_string(),
        (Visibility::Private, _) => String::new(),
    };
    let edited = entry.updated_at != entry.created_at;
    rsx! {
        article { id: "journal-entry-{id}", class: "card journal-entry",
            if !entry.title.is_empty() {
                h3 { "{entry.title}" }
            }
            p { class: "meta",
                "{words::short_day(entry.created_at.day())} · {author}"
                if edited {
                    " · changed"
                }
                if visibility == Visibility::Private {
                    span { class: "tag private-tag", "Private · never synced" }
                }
            }
            if let Some(question) = question {
                p { class: "meta journal-answering", "Answering: {question}" }
            }
            p { class: "journal-body", "{entry.body}" }
            if mine {
                if confirming() {
                    Confirm {
                        question_id: "journal-entry-{id}-question",
                        question: "Delete this entry? It can't be brought back.{also_gone}",
                        confirm_id: "journal-entry-{id}-delete-confirm",
                        confirm_label: "Delete it",
                        cancel_id: "journal-entry-{id}-delete-cancel",
                        on_confirm: delete,
                        on_cancel: move |_| confirming.set(false),
                    }
                } else {
                    div { class: "form-actions",
                        button {
                            id: "journal-entry-{id}-edit",
                            r#type: "button",
                            onclick: move |_| editor.set(Some(this.clone())),
                            "Change"
                        }
                        button {
                            id: "journal-entry-{id}-delete",
                            r#type: "button",
                            onclick: move |_| confirming.set(true),
                            "Delete"
                        }
                    }
                }
            }
            FieldError { id: "journal-entry-{id}-error", message: error.read().rest(&[]) }
        }
    }
}
