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
                        onclick: move |_| onchange.call(mood),
                        // The visible words are the button's name (an aria-label that differed
                        // failed axe-core's label-content-name-mismatch); "of 5" is for screen
                        // readers only, after them.
                        span { class: "choice-number", "{mood} " }
                        span { class: "choice-label", "{words::mood(mood)}" }
                        span { class: "visually-hidden", ", mood {mood} of 5" }
                    }
                }
            }
        }
    }
}
