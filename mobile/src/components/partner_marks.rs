//! My partner's marks on their promises from the last few days, new ones first to reply to.

use super::AckButtons;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::schedule;

/// How many days back the partner's marks are shown on Today.
const RECENT_DAYS: i64 = 3;

/// The partner's recent marks, each with reply buttons.
#[component]
pub fn PartnerMarks() -> Element {
    let app = use_app();
    let info = app.read(|s| {
        let me = s.my_id()?;
        let name = s.partner()?.name.clone();
        let marks: Vec<_> = schedule::partner_marks(s.shared(), me, s.today(), RECENT_DAYS)
            .into_iter()
            .map(|m| (m.promise.title.clone(), m.outcome.clone(), m.target(), m.is_new()))
            .collect();
        Some((name, marks))
    });
    let Some((name, marks)) = info else {
        return rsx! {};
    };
    let fresh = marks.iter().filter(|m| m.3).count();
    rsx! {
        section { class: "section partner-marks", "aria-labelledby": "partner-marks-title",
            h2 { id: "partner-marks-title",
                "{name}'s promises lately"
                if fresh > 0 {
                    span { class: "tag", "{fresh} new" }
                }
            }
            if marks.is_empty() {
                p { class: "quiet", "Nothing new from {name} in the last few days." }
            }
            for (title, outcome, target, is_new) in marks {
                article {
                    key: "{outcome.promise}-{outcome.date}",
                    class: if is_new { "card mark-from-partner new" } else { "card mark-from-partner" },
                    h3 { "{title}" }
                    p { class: "meta",
                        "{words::short_day(outcome.date)} · "
                        strong { "{words::outcome(outcome.kind)}" }
                    }
                    if !outcome.note.is_empty() {
                        p { class: "note", "“{outcome.note}”" }
                    }
                    AckButtons { target, id_stem: "{outcome.promise}-{outcome.date}" }
                }
            }
        }
    }
}
