//! Unpairing, with the choice to keep or delete our shared history on this phone.

use crate::services::KeepData;
use crate::state::use_app;
use dioxus::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Idle,
    Choosing,
    Working,
    Failed(String),
}

/// The unpair button and its choice; `on_unpaired` once this phone is no longer paired (the
/// screen says what happened, since this panel goes away with the pairing).
#[component]
pub fn UnpairPanel(partner: String, on_unpaired: EventHandler<KeepData>) -> Element {
    let app = use_app();
    let mut step = use_signal(|| Step::Idle);
    let mut unpair = move |keep: KeepData| {
        let Some(pairing) = app.phone().pairing() else { return };
        step.set(Step::Working);
        spawn(async move {
            match pairing.unpair(keep).await {
                Ok(()) => {
                    step.set(Step::Idle);
                    on_unpaired.call(keep);
                    app.bump();
                }
                Err(e) => step.set(Step::Failed(e.message)),
            }
        });
    };
    rsx! {
        match step() {
            Step::Idle => rsx! {
                button {
                    id: "settings-unpair",
                    r#type: "button",
                    onclick: move |_| step.set(Step::Choosing),
                    "Unpair from {partner}"
                }
            },
            Step::Choosing => rsx! {
                div { class: "confirm", role: "group", "aria-labelledby": "unpair-question",
                    p { id: "unpair-question",
                        "Unpair from {partner}? Your phones stop sharing. What should happen to what you shared so far on this phone?"
                    }
                    button {
                        id: "unpair-keep",
                        r#type: "button",
                        onclick: move |_| unpair(KeepData::Keep),
                        "Unpair and keep a copy here"
                    }
                    button {
                        id: "unpair-delete",
                        r#type: "button",
                        onclick: move |_| unpair(KeepData::Delete),
                        "Unpair and remove it from this phone"
                    }
                    button {
                        id: "unpair-cancel",
                        r#type: "button",
                        class: "link",
                        onclick: move |_| step.set(Step::Idle),
                        "Stay paired"
                    }
                }
            },
            Step::Working => rsx! {
                p { id: "unpair-status", class: "save-status", role: "status", "Unpairing…" }
            },
            Step::Failed(message) => rsx! {
                p { id: "unpair-status", class: "field-error", role: "alert",
                    "{message} You're still paired, and sync goes on."
                }
                button {
                    id: "unpair-cancel",
                    r#type: "button",
                    onclick: move |_| step.set(Step::Idle),
                    "Back"
                }
            },
        }
    }
}
