//! Today: my check-in, one gentle suggestion from my guide step, my promises due today, and what
//! my partner shared.

use crate::Route;
use crate::components::{CheckInCard, MarkPromise, PartnerCheckIn, PartnerMarks, TodaySuggestion};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::schedule;

/// The Today screen.
#[component]
pub fn Today() -> Element {
    let app = use_app();
    let (today, due, partner) = app.read(|s| {
        let due: Vec<PromiseId> = s
            .my_id()
            .map(|me| {
                schedule::due_on(s.shared(), me, s.today())
                    .into_iter()
                    .map(|d| d.promise.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        (s.today(), due, s.partner().map(|p| p.name.clone()))
    });
    let paired = app.paired();
    rsx! {
        div { class: "screen today",
            p { class: "date", "{words::long_day(today)}" }
            CheckInCard {}
            TodaySuggestion {}
            section { class: "section", "aria-labelledby": "due-title",
                h2 { id: "due-title", "Your promises today" }
                if due.is_empty() {
                    p { class: "quiet", "Nothing due today." }
                    button {
                        id: "today-new-promise",
                        r#type: "button",
                        onclick: move |_| {
                            navigator().push(Route::Promises {});
                        },
                        "Make a promise"
                    }
                }
                for id in due {
                    MarkPromise { key: "{id}", id: id.clone(), day: today }
                }
            }
            match (paired, partner) {
                (true, Some(_)) => rsx! {
                    PartnerCheckIn {}
                    PartnerMarks {}
                },
                (true, None) => rsx! {
                    section { id: "partner-waiting", class: "card quiet-card",
                        h2 { "Your partner" }
                        p { "You're paired. Your partner's check-in and marks show up here once their phone syncs." }
                    }
                },
                (false, Some(name)) => rsx! {
                    section { id: "past-partner-today", class: "card quiet-card",
                        h2 { "{name}" }
                        p {
                            "You're not paired with {name} now. What {name} shared before stays on this phone as a copy, and nothing new arrives from {name}."
                        }
                    }
                },
                (false, None) => rsx! {
                    section { class: "card quiet-card",
                        h2 { "Your partner" }
                        p { "When you pair with your partner, their check-in and how their promises went show up here." }
                    }
                },
            }
        }
    }
}
