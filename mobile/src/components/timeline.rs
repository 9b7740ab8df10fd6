//! The timeline on the "healing takes time" step: the honest horizon, our milestones, and trust
//! over the last three months, with the way to every insight.

use super::{Chart, MilestoneList, show_from_top};
use crate::Route;
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide;
use mend_shared::insights::{InsightRange, Insights};

/// The timeline panel.
#[component]
pub fn Timeline() -> Element {
    let app = use_app();
    // Computed again only when the data changes, not on every render of the step.
    let data = use_memo(move || {
        app.read(|s| {
            let insights = Insights::compute(s.shared(), s.today(), InsightRange::Last90Days);
            (insights.milestones, insights.charts.trust)
        })
    });
    let (milestones, trust) = data();
    rsx! {
        section { id: "timeline", class: "card exercise-panel timeline", "aria-labelledby": "timeline-title",
            h2 { id: "timeline-title", "Your timeline" }
            p { id: "timeline-horizon",
                "{guide::HEALING_HORIZON} Look back over weeks and months, not days: the slow changes show there."
            }
            h3 { "Milestones" }
            MilestoneList { milestones }
            h3 { "Trust over the last three months" }
            Chart { id: "timeline-trust", model: trust }
            button {
                id: "timeline-open-insights",
                r#type: "button",
                onclick: move |_| show_from_top(Route::Insights {}),
                "See all your insights"
            }
        }
    }
}
