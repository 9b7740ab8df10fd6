//! Insights: trust and mood over time for both of us, how promises are kept, how regularly we
//! check in, and our milestones — over 30 days, 90 days, a year or everything — with a gentle
//! suggestion to see a counselor when mend-shared sees one.

use crate::Route;
use crate::components::{Chart, CounselorNote, MilestoneList, show_from_top};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::insights::{InsightRange, Insights as InsightData};

/// The Insights screen.
#[component]
pub fn Insights() -> Element {
    let app = use_app();
    let mut range = use_signal(|| InsightRange::Last30Days);
    let insights = app.read(|s| InsightData::compute(s.shared(), s.today(), range()));
    let InsightData { milestones, suggestion, charts, .. } = insights;
    let nothing_yet = charts.trust.is_empty() && charts.consistency.is_empty();
    rsx! {
        div { class: "screen insights",
            p { class: "lead", "How your check-ins and promises move over the weeks, shown gently and side by side." }
            div { class: "choice-row range-row", role: "group", "aria-label": "Time range",
                for r in InsightRange::ALL {
                    button {
                        key: "{words::range_key(r)}",
                        id: "insights-range-{words::range_key(r)}",
                        r#type: "button",
                        class: "choice",
                        "aria-pressed": "{range() == r}",
                        onclick: move |_| range.set(r),
                        "{r.label()}"
                    }
                }
            }
            if let Some(suggestion) = suggestion {
                CounselorNote { suggestion, link: true }
            }
            if nothing_yet {
                section { id: "insights-empty", class: "card quiet-card",
                    p { "Nothing to chart yet. Your lines fill in as you both check in and mark your promises." }
                }
            }
            section { class: "card chart-card", "aria-labelledby": "trust-title",
                h2 { id: "trust-title", "Trust" }
                p { class: "hint", "Dots are each day's check-in; lines are the 7-day average." }
                Chart { id: "chart-trust", model: charts.trust }
            }
            section { class: "card chart-card", "aria-labelledby": "mood-title",
                h2 { id: "mood-title", "Mood" }
                p { class: "hint", "Dots are each day's check-in; lines are the 7-day average." }
                Chart { id: "chart-mood", model: charts.mood }
            }
            section { class: "card chart-card", "aria-labelledby": "consistency-title",
                h2 { id: "consistency-title", "Promises kept" }
                p { class: "hint",
                    "The share of promise-days kept each week; partly kept counts as half, and today is never held against anyone."
                }
                Chart { id: "chart-consistency", model: charts.consistency }
            }
            section { class: "card chart-card", "aria-labelledby": "regularity-title",
                h2 { id: "regularity-title", "Check-ins" }
                p { class: "hint", "The share of days each of you checked in, week by week." }
                Chart { id: "chart-regularity", model: charts.regularity }
            }
            section { class: "card", "aria-labelledby": "milestones-title",
                h2 { id: "milestones-title", "Milestones" }
                MilestoneList { milestones }
                p { class: "hint",
                    "Repairing trust usually takes many months, and often a year or more. Small steps add up."
                }
            }
            button {
                id: "insights-summary-open",
                r#type: "button",
                onclick: move |_| show_from_top(Route::Summary {}),
                "Make a summary for a counselor"
            }
        }
    }
}
