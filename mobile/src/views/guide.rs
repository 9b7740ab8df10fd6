//! The guide screen: the steps in order (their pages and exercises come with a later issue).

use dioxus::prelude::*;
use mend_shared::guide;

/// The Guide screen.
#[component]
pub fn Guide() -> Element {
    rsx! {
        div { class: "screen guide",
            p { class: "lead", "Seven steps you can take together, at your own pace." }
            ol { class: "guide-steps",
                for step in guide::steps() {
                    li { key: "{step.id}", class: "card",
                        h2 { "{step.title}" }
                        p { "{step.summary}" }
                    }
                }
            }
        }
    }
}
