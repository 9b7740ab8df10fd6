//! One day of a promise, chosen in the calendar: mark it (mine) or see the mark (my partner's).

use super::MarkPromise;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::AckTarget;
use mend_shared::time::Day;

/// The chosen day of promise `id`.
#[component]
pub fn DayPanel(id: PromiseId, day: Day) -> Element {
    let app = use_app();
    let Some((mine, open, outcome, acks)) = app.read(|s| {
        let promise = s.shared().promise(&id)?;
        let mine = s.my_id() == Some(&promise.owner);
        let outcome = s.shared().outcome(&id, day).cloned();
        let target = AckTarget::Outcome { promise: id.clone(), date: day };
        let acks: Vec<(String, String, String)> = s
            .shared()
            .acks_of(&target)
            .filter(|a| a.by != promise.owner)
            .map(|a| (s.shared().name_of(&a.by), a.kind.label().to_string(), a.note.clone()))
            .collect();
        Some((mine, promise.is_open() && day <= s.today() && day >= promise.starts_on, outcome, acks))
    }) else {
        return rsx! {};
    };
    rsx! {
        if mine && open {
            MarkPromise { key: "{day}", id: id.clone(), day }
        } else {
            section { class: "card day-panel",
                h3 { "{words::long_day(day)}" }
                if let Some(o) = &outcome {
                    p { strong { "{words::outcome(o.kind)}" } }
                    if !o.note.is_empty() {
                        p { class: "note", "“{o.note}”" }
                    }
                } else {
                    p { class: "quiet", "No mark for this day." }
                }
            }
        }
        for (i, (name, kind, note)) in acks.into_iter().enumerate() {
            p { key: "{i}", class: "reply",
                "{name} replied “{kind}”"
                if !note.is_empty() {
                    ": {note}"
                }
            }
        }
    }
}
