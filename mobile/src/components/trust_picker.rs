//! Trust from 0 to 10 as a slider, with the value in words beside it.

use dioxus::prelude::*;

/// The trust slider.
#[component]
pub fn TrustPicker(value: u8, onchange: EventHandler<u8>) -> Element {
    rsx! {
        div { class: "field trust",
            label { r#for: "trust",
                "How much do you trust us today?"
                span { class: "trust-value", "{value} / 10" }
            }
            input {
                id: "trust",
                r#type: "range",
                min: "0",
                max: "10",
                step: "1",
                value: "{value}",
                "aria-valuetext": "{value} out of 10",
                oninput: move |e: FormEvent| {
                    if let Ok(v) = e.value().parse::<u8>() {
                        onchange.call(v);
                    }
                },
            }
            div { class: "scale-ends", "aria-hidden": "true",
                span { "0 · none" }
                span { "10 · complete" }
            }
        }
    }
}
