//! How consistently a promise is kept, as a bar and a percentage.

use dioxus::prelude::*;

/// The strength bar; `None` while there is nothing to count yet. Only phrasing elements
/// (`span`), so it may sit inside a button such as a promise card.
#[component]
pub fn StrengthMeter(percent: Option<u8>) -> Element {
    rsx! {
        span { class: "strength",
            if let Some(p) = percent {
                span { class: "meter", "aria-hidden": "true",
                    span { class: "meter-fill", style: "width: {p}%" }
                }
                span { class: "strength-text", "Consistency {p}%" }
            } else {
                span { class: "strength-text quiet", "Just started" }
            }
        }
    }
}
