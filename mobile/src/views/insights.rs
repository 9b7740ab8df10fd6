//! Insights: trust and mood over time for both of us, how promises are kept, how regularly we
//! check in, and our milestones — over 30 days, 90 days, a year or everything — with a gentle
//! suggestion to see a counselor when mend-shared sees one.

use crate::Route;
use crate::components::{Chart, CounselorNote, MilestoneList, WholeHistory, show_from_top};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::guide;
use mend_shared::insights::{InsightRange, Insights as InsightData};

/// The Insights screen, opening on the last 30 days once every day is in.
#[component]
pub fn Insights() -> Element {
    rsx! {
        WholeHistory {
            InsightsScreen { initial: InsightRange::Last30Days }
        }
    }
}

/// The Insights screen opening on `initial` (the route opens on 30 days; benchmarks open on
/// everything).
#[component]
pub fn InsightsScreen(initial: InsightRange) -> Element {
    let app = use_app();
    let mut range = use_signal(|| initial);
    // Insights are computed when the range or the data changes, never just because the screen
    // renders again; each chart re-renders only when its own model changed.
    let insights = use_memo(move || app.read(|s| InsightData::compute(s.shared(), s.today(), range())));
    let InsightData { milestones, suggestion, charts, .. } = insights();
    let nothing_yet = charts.trust.is_empty() && charts.consistency.is_empty();
    let chart_cards = [
        ("trust", charts.trust),
        ("mood", charts.mood),
        ("consistency", charts.consistency),
        ("regularity", charts.regularity),
    ];
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
            for (key, model) in chart_cards {
                section { key: "{key}", class: "card chart-card", "aria-labelledby": "{key}-title",
                    h2 { id: "{key}-title", "{model.title}" }
                    p { id: "chart-{key}-caption", class: "hint", "{model.caption}" }
                    Chart { id: "chart-{key}", model }
                }
            }
            section { class: "card", "aria-labelledby": "milestones-title",
                h2 { id: "milestones-title", "Milestones" }
                MilestoneList { milestones }
                p { class: "hint", "{guide::HEALING_HORIZON} Small steps add up." }
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
