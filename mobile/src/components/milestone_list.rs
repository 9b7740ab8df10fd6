//! The milestones since we began — 30 days, 3 months, 6 months, a year — reached or ahead.

use crate::words;
use chrono::Datelike;
use dioxus::prelude::*;
use mend_shared::insights::Milestones;
use mend_shared::time::Day;

/// The milestones (`milestone-{days}`), or a quiet line before there is any history.
#[component]
pub fn MilestoneList(milestones: Option<Milestones>) -> Element {
    let Some(m) = milestones else {
        return rsx! {
            p { id: "milestones-empty", class: "quiet", "Milestones count from your first day in Mend." }
        };
    };
    let since = match m.days_since {
        0 => "You began today.".to_string(),
        1 => format!("You began on {} — 1 day ago.", words::long_day(m.began)),
        n => format!("You began on {} — {n} days ago.", words::long_day(m.began)),
    };
    let today = m.began.plus_days(m.days_since);
    // "May 4", with the year when it isn't this year's.
    let day = |on: Day| match on.0.year() == today.0.year() {
        true => words::month_day(on),
        false => format!("{}, {}", words::month_day(on), on.0.year()),
    };
    let rows: Vec<(u32, bool, String, String)> = m
        .all
        .iter()
        .map(|milestone| {
            let when = match m.next {
                _ if milestone.reached => format!("reached {}", day(milestone.on)),
                Some((next, 1)) if next.days == milestone.days => "tomorrow".to_string(),
                Some((next, left)) if next.days == milestone.days => format!("in {left} days"),
                _ => day(milestone.on),
            };
            (milestone.days, milestone.reached, milestone.label(), when)
        })
        .collect();
    rsx! {
        p { id: "milestone-since", class: "meta", "{since}" }
        ul { class: "milestones",
            for (days, reached, label, when) in rows {
                li {
                    key: "{days}",
                    id: "milestone-{days}",
                    class: if reached { "milestone reached" } else { "milestone" },
                    span { class: "milestone-mark", "aria-hidden": "true",
                        if reached { "✓" } else { "○" }
                    }
                    span { class: "milestone-name", "{label}" }
                    span { class: "milestone-when", "{when}" }
                }
            }
        }
    }
}
