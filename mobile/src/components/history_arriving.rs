//! A quiet line while a new phone is still reading its older days (after the first sync of a
//! long history, Today and the last weeks show first).

use crate::state::use_app;
use dioxus::prelude::*;

/// Shown at the top of every screen until the whole history is in; nothing otherwise.
#[component]
pub fn HistoryArriving() -> Element {
    let app = use_app();
    if app.read(|s| s.history_complete()) {
        return rsx! {};
    }
    rsx! {
        p { id: "history-arriving", class: "hint history-arriving", role: "status",
            "Bringing in your earlier days. Today and the last few weeks are here; the rest follows in a moment."
        }
    }
}

/// `children` once every day is in; until then a word about why this screen waits (it sums up
/// all of your history, and a part of it would tell the wrong story).
#[component]
pub fn WholeHistory(children: Element) -> Element {
    let app = use_app();
    if app.read(|s| s.history_complete()) {
        return children;
    }
    rsx! {
        section { id: "waiting-for-history", class: "card quiet-card",
            p { "This looks at all of your days together, so it waits until the earlier ones are in. It won't be long." }
        }
    }
}
