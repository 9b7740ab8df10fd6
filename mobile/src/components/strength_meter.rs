//! How consistently a promise is kept, as a bar and a percentage.

use dioxus::prelude::*;

/// The strength bar; `None` while there is nothing to count yet.
#[component]
pub fn StrengthMeter(percent: Option<u8>) -> Element {
    rsx! {
        div { class: "strength",
            if let Some(p) = percent {
                div { class: "meter", "aria-hidden": "true",
                    div { class: "meter-fill", style: "width: {p}%" }
                }
                span { class: "strength-text", "Consistency {p}%" }
            } else {
                span { class: "strength-text quiet", "Just started" }
            }
        }
    }
}
