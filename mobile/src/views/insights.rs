//! The insights screen (filled in by a later issue; routed now so the tab works).

use dioxus::prelude::*;

/// The Insights screen.
#[component]
pub fn Insights() -> Element {
    rsx! {
        div { class: "screen insights",
            section { class: "card quiet-card",
                h2 { "Insights" }
                p { "How your check-ins and promises move over the weeks, shown gently and side by side." }
                p { class: "quiet", "Insights open here in a coming update." }
            }
        }
    }
}
