//! A promise's latest marks with the replies to them; on my partner's promise I can reply here
//! while we're paired.

use super::AckButtons;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::schedule;

/// How many of the latest marks are listed.
const SHOWN: usize = 14;

/// The latest marks of promise `id`, newest first.
#[component]
pub fn RecentMarks(id: PromiseId) -> Element {
    let app = use_app();
    let paired = app.paired();
    let Some((mine, marks)) = app.read(|s| {
        let promise = s.shared().promise(&id)?;
        let mine = s.my_id() == Some(&promise.owner);
        let marks: Vec<_> = s
            .shared()
            .outcomes_of(&id)
            .rev()
            .take(SHOWN)
            .map(|o| {
                let replies: Vec<String> = schedule::replies_to_mark(s.shared(), promise, o.date)
                    .into_iter()
                    .map(|a| words::reply(&s.shared().name_of(&a.by), a.kind, &a.note))
                    .collect();
                (o.clone(), schedule::mark_target(promise, o.date), replies)
            })
            .collect();
        Some((mine, marks))
    }) else {
        return rsx! {};
    };
    rsx! {
        section { class: "section recent-marks", "aria-labelledby": "recent-title",
            h2 { id: "recent-title", "Latest marks" }
            if marks.is_empty() {
                p { class: "quiet", "No marks yet." }
            }
            for (o, target, replies) in marks {
                article { key: "{o.date}", class: "card mark-line",
                    p { class: "meta",
                        "{words::short_day(o.date)} · "
                        strong { "{words::outcome(o.kind)}" }
                    }
                    if !o.note.is_empty() {
                        p { class: "note", "“{o.note}”" }
                    }
                    for (i, reply) in replies.into_iter().enumerate() {
                        p { key: "{i}", class: "reply", "{reply}" }
                    }
                    // Replies only go out while paired: after unpairing they would never arrive.
                    if !mine && paired {
                        AckButtons { target, id_stem: "{id}-{o.date}" }
                    }
                }
            }
        }
    }
}
