//! Promises: mine and my partner's, how consistently each is kept, and making a new one.

use crate::components::{PromiseCard, PromiseForm};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::{PartnerId, PromiseId};
use mend_shared::schedule;

/// The promises list.
#[component]
pub fn Promises() -> Element {
    let app = use_app();
    let mut creating = use_signal(|| false);
    let (mine, theirs) = app.read(|s| {
        let ids = |owner: &PartnerId| -> Vec<PromiseId> {
            schedule::summaries(s.shared(), owner, s.today())
                .into_iter()
                .map(|p| p.promise.id.clone())
                .collect()
        };
        let mine = s.my_id().map(ids).unwrap_or_default();
        let theirs = s.partner().map(|p| (p.name.clone(), ids(&p.id)));
        (mine, theirs)
    });
    let paired = app.paired();
    rsx! {
        div { class: "screen promises",
            if creating() {
                PromiseForm { on_done: move |_| creating.set(false) }
            } else {
                button {
                    id: "promise-new",
                    r#type: "button",
                    class: "primary wide",
                    onclick: move |_| creating.set(true),
                    "New promise"
                }
            }
            section { class: "section", "aria-labelledby": "mine-title",
                h2 { id: "mine-title", "Yours" }
                if mine.is_empty() {
                    p { class: "quiet",
                        "No promises yet. A promise is something small you'll do, again and again or once — like “Phone down at dinner”."
                    }
                }
                for id in mine {
                    PromiseCard { key: "{id}", id: id.clone() }
                }
            }
            if let Some((name, ids)) = theirs {
                section { class: "section", "aria-labelledby": "theirs-title",
                    h2 { id: "theirs-title", "{name}'s" }
                    if !paired {
                        p { id: "theirs-note", class: "quiet-note",
                            "A copy from before you unpaired. It no longer syncs."
                        }
                    }
                    if ids.is_empty() {
                        p { class: "quiet", "{name} hasn't made a promise yet." }
                    }
                    for id in ids {
                        PromiseCard { key: "{id}", id: id.clone() }
                    }
                }
            }
        }
    }
}
