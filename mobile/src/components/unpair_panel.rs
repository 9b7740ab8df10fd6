//! Unpairing, with the choice to keep or delete our shared history on this phone.
//!
//! The screen that shows this panel runs the unpairing itself: a successful unpair ends the
//! pairing this panel belongs to, so the panel goes away before the work reports back.

use crate::services::KeepData;
use dioxus::prelude::*;

/// Where an unpair stands, owned by the screen that runs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum UnpairWork {
    /// Nothing under way.
    #[default]
    Idle,
    /// The relay is being asked.
    Working,
    /// It didn't work; the phone is still paired.
    Failed(String),
}

/// The unpair button and its choice; `on_unpair` with the choice, `on_back` after a failure.
#[component]
pub fn UnpairPanel(
    partner: String,
    work: UnpairWork,
    on_unpair: EventHandler<KeepData>,
    on_back: EventHandler<()>,
) -> Element {
    let mut choosing = use_signal(|| false);
    let mut choose = move |keep: KeepData| {
        choosing.set(false);
        on_unpair.call(keep);
    };
    rsx! {
        match work {
            UnpairWork::Working => rsx! {
                p { id: "unpair-status", class: "save-status", role: "status", "Unpairing…" }
            },
            UnpairWork::Failed(message) => rsx! {
                p { id: "unpair-status", class: "field-error", role: "alert",
                    "{message} You're still paired, and sync goes on."
                }
                button {
                    id: "unpair-cancel",
                    r#type: "button",
                    onclick: move |_| on_back.call(()),
                    "Back"
                }
            },
            UnpairWork::Idle if choosing() => rsx! {
                div { class: "confirm", role: "group", "aria-labelledby": "unpair-question",
                    p { id: "unpair-question",
                        "Unpair from {partner}? Your phones stop sharing. What should happen to what you shared so far on this phone?"
                    }
                    button {
                        id: "unpair-keep",
                        r#type: "button",
                        onclick: move |_| choose(KeepData::Keep),
                        "Unpair and keep a copy here"
                    }
                    button {
                        id: "unpair-delete",
                        r#type: "button",
                        onclick: move |_| choose(KeepData::Delete),
                        "Unpair and remove it from this phone"
                    }
                    button {
                        id: "unpair-cancel",
                        r#type: "button",
                        class: "link",
                        onclick: move |_| choosing.set(false),
                        "Stay paired"
                    }
                }
            },
            UnpairWork::Idle => rsx! {
                button {
                    id: "settings-unpair",
                    r#type: "button",
                    onclick: move |_| choosing.set(true),
                    "Unpair from {partner}"
                }
            },
        }
    }
}
