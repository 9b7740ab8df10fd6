//! The journal screen (filled in by a later issue; routed now so the tab works).

use dioxus::prelude::*;

/// The Journal screen.
#[component]
pub fn Journal() -> Element {
    rsx! {
        div { class: "screen journal",
            section { class: "card quiet-card",
                h2 { "Your journal" }
                p { "Write for yourself, or share an entry with your partner. Private entries never leave this phone." }
                p { class: "quiet", "The journal opens here in a coming update." }
            }
        }
    }
}
