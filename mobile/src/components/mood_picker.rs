//! Mood as five large buttons, 1 (very low) to 5 (very good).

use crate::words;
use dioxus::prelude::*;
use mend_shared::model::MOOD_RANGE;

/// The five mood buttons; `value` 0 means none chosen yet.
#[component]
pub fn MoodPicker(value: u8, onchange: EventHandler<u8>) -> Element {
    rsx! {
        fieldset { class: "choice-group",
            legend { "How are you feeling?" }
            div { class: "choice-row mood-row",
                for mood in MOOD_RANGE {
                    button {
                        key: "{mood}",
                        id: "mood-{mood}",
                        r#type: "button",
                        class: "choice",
                        "aria-pressed": "{value == mood}",
                        "aria-label": "Mood {mood} of 5: {words::mood(mood)}",
                        onclick: move |_| onchange.call(mood),
                        span { class: "choice-number", "{mood}" }
                        span { class: "choice-label", "{words::mood(mood)}" }
                    }
                }
            }
        }
    }
}
