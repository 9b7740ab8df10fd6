//! The bottom tab bar: Today, Promises, Journal, Guide, Insights.

use crate::Route;
use dioxus::prelude::*;

const TABS: [(&str, &str, &str); 5] = [
    ("today", "Today", "☀"),
    ("promises", "Promises", "✓"),
    ("journal", "Journal", "✎"),
    ("guide", "Guide", "❦"),
    ("insights", "Insights", "◔"),
];

fn route_of(tab: &str) -> Route {
    match tab {
        "promises" => Route::Promises {},
        "journal" => Route::Journal {},
        "guide" => Route::Guide {},
        "insights" => Route::Insights {},
        _ => Route::Today {},
    }
}

fn tab_of(route: &Route) -> Option<&'static str> {
    match route {
        Route::Today {} => Some("today"),
        Route::Promises {} | Route::PromiseDetail { .. } => Some("promises"),
        Route::Journal {} => Some("journal"),
        Route::Guide {} | Route::GuideStep { .. } | Route::Summary {} => Some("guide"),
        Route::Insights {} => Some("insights"),
        Route::Settings {} => None,
    }
}

/// The tab bar; the tab of `current` is marked as the current page.
#[component]
pub fn TabBar(current: Route) -> Element {
    let active = tab_of(&current);
    rsx! {
        nav { class: "tab-bar", "aria-label": "Main",
            for (tab, label, icon) in TABS {
                button {
                    key: "{tab}",
                    id: "tab-{tab}",
                    r#type: "button",
                    class: "tab",
                    "aria-current": if active == Some(tab) { "page" } else { "false" },
                    onclick: move |_| {
                        navigator().push(route_of(tab));
                    },
                    span { class: "tab-icon", "aria-hidden": "true", "{icon}" }
                    span { class: "tab-label", "{label}" }
                }
            }
        }
    }
}
