//! The journal: private entries that are never sent to my partner or the relay, shared entries
//! both of us read, questions from my current guide step to write about, and search (mend-shared's
//! `JournalEntry::search`).

use crate::components::{EditorMode, JournalEditor, JournalEntryCard};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::EntryId;
use mend_shared::model::{JournalEntry, Visibility};

/// The Journal screen.
#[component]
pub fn Journal() -> Element {
    let app = use_app();
    let mut editor = use_signal(|| None::<EditorMode>);
    let mut query = use_signal(String::new);
    let (private, shared, totals, step, partner) = app.read(|s| {
        let q = query.read();
        let found = |entries: Vec<&JournalEntry>| -> Vec<EntryId> {
            JournalEntry::search(entries, &q).into_iter().map(|e| e.id.clone()).collect()
        };
        let private = found(s.private().journal.iter().collect());
        let shared = found(s.shared().journal.iter().collect());
        let totals = (s.private().journal.len(), s.shared().journal.len());
        // The current step's questions, worded for my part.
        let step = s.my_id().and_then(|me| s.shared().current_step(me)).map(|id| s.guide_for(id));
        (private, shared, totals, step, s.partner().map(|p| p.name.clone()))
    });
    let searching = !query.read().trim().is_empty();
    let new_open = matches!(editor(), Some(EditorMode::New { .. }));
    let shared_title = match &partner {
        Some(name) => format!("Shared with {name}"),
        None => "Shared".to_string(),
    };
    rsx! {
        div { class: "screen journal",
            section { class: "card quiet-card", "aria-labelledby": "journal-intro-title",
                h2 { id: "journal-intro-title", "Your journal" }
                p {
                    "Write for yourself, or share an entry with your partner. Private entries are never sent to your partner or the relay; they leave this phone only in a backup you export yourself."
                }
            }
            if let Some(mode) = editor().filter(|_| new_open) {
                JournalEditor { mode, on_done: move |_| editor.set(None) }
            } else {
                button {
                    id: "journal-new",
                    r#type: "button",
                    class: "primary wide",
                    onclick: move |_| editor.set(Some(EditorMode::New { prompt: None })),
                    "New entry"
                }
            }
            if let Some(step) = step.filter(|_| !new_open) {
                section { id: "journal-prompts", class: "card", "aria-labelledby": "journal-prompts-title",
                    h2 { id: "journal-prompts-title", "Questions from your current step" }
                    p { class: "meta", "{step.step.title}" }
                    ul { class: "prompt-list",
                        for prompt in step.prompts.clone() {
                            li { key: "{prompt.id}",
                                p { "{prompt.text}" }
                                button {
                                    id: "journal-prompt-{prompt.id}",
                                    r#type: "button",
                                    class: "link",
                                    onclick: move |_| editor.set(Some(EditorMode::New { prompt: Some(prompt.id) })),
                                    "Write about this"
                                }
                            }
                        }
                    }
                }
            }
            if totals.0 + totals.1 > 0 {
                div { class: "field search",
                    label { r#for: "journal-search", "Search your journal" }
                    input {
                        id: "journal-search",
                        r#type: "search",
                        value: "{query}",
                        placeholder: "A word from a title or entry",
                        oninput: move |e: FormEvent| query.set(e.value()),
                    }
                }
            }
            if searching && private.is_empty() && shared.is_empty() {
                p { id: "journal-no-results", class: "quiet", role: "status", "No entries match “{query.read().trim()}”." }
            }
            section { id: "journal-private", class: "section", "aria-labelledby": "journal-private-title",
                h2 { id: "journal-private-title",
                    "Private"
                    span { class: "tag private-tag", "Never synced" }
                }
                p { class: "hint",
                    "Never sent to your partner or the relay, and never offered for a counselor summary. A backup you export from Settings holds them too, so keep it as safe as a diary."
                }
                if totals.0 == 0 {
                    p { class: "quiet", "No private entries yet. Whatever you write here is for you alone." }
                } else if private.is_empty() && !searching {
                    p { class: "quiet", "No private entries." }
                }
                for id in private {
                    JournalEntryCard { key: "{id}", visibility: Visibility::Private, id, editor }
                }
            }
            section { id: "journal-shared", class: "section", "aria-labelledby": "journal-shared-title",
                h2 { id: "journal-shared-title", "{shared_title}" }
                if totals.1 == 0 {
                    p { class: "quiet", "No shared entries yet. Entries you share are read by both of you." }
                }
                for id in shared {
                    JournalEntryCard { key: "{id}", visibility: Visibility::Shared, id, editor }
                }
            }
        }
    }
}
