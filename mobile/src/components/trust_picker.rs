//! Trust from 0 to 10 as a slider, with the value in words beside it. The question names the two
//! partners: "us" read as Mend itself to a new user.

use dioxus::prelude::*;

/// The trust slider.
#[component]
pub fn TrustPicker(value: u8, onchange: EventHandler<u8>, partner: Option<String>) -> Element {
    let question = match &partner {
        Some(name) => format!("How much trust do you feel between you and {name} today?"),
        None => "How much trust do you feel between you and your partner today?".to_string(),
    };
    rsx! {
        div { class: "field trust",
            label { r#for: "trust",
                "{question}"
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
