//! One day of a promise, chosen in the calendar: mark it (mine) or see the mark (my partner's).

use super::MarkPromise;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::schedule;
use mend_shared::time::Day;

/// The chosen day of promise `id`.
#[component]
pub fn DayPanel(id: PromiseId, day: Day) -> Element {
    let app = use_app();
    let Some((mine, markable, outcome, replies)) = app.read(|s| {
        let promise = s.shared().promise(&id)?;
        let mine = s.my_id() == Some(&promise.owner);
        let outcome = s.shared().outcome(&id, day).cloned();
        let replies: Vec<String> = schedule::replies_to_mark(s.shared(), promise, day)
            .into_iter()
            .map(|a| words::reply(&s.shared().name_of(&a.by), a.kind, &a.note))
            .collect();
        Some((mine, schedule::can_mark(promise, day, s.today()), outcome, replies))
    }) else {
        return rsx! {};
    };
    rsx! {
        if mine && markable {
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
        for (i, reply) in replies.into_iter().enumerate() {
            p { key: "{i}", class: "reply", "{reply}" }
        }
    }
}
