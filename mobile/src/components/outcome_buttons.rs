//! Kept / Partly / Not this time: how a promise went on a day.

use crate::words;
use dioxus::prelude::*;
use mend_shared::model::OutcomeKind;

/// The three outcome buttons; `current` is pressed.
#[component]
pub fn OutcomeButtons(
    id_prefix: String,
    label: String,
    current: Option<OutcomeKind>,
    onpick: EventHandler<OutcomeKind>,
) -> Element {
    rsx! {
        div { class: "choice-row outcome-row", role: "group", "aria-label": "{label}",
            for kind in OutcomeKind::ALL {
                button {
                    key: "{words::outcome_key(kind)}",
                    id: "{id_prefix}-{words::outcome_key(kind)}",
                    r#type: "button",
                    class: "choice outcome-{words::outcome_key(kind)}",
                    "aria-pressed": "{current == Some(kind)}",
                    onclick: move |_| onpick.call(kind),
                    "{words::outcome(kind)}"
                }
            }
        }
    }
}
