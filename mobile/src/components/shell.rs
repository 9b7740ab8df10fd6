//! The frame around every screen: top bar (title, sync badge, Settings), the screen, the tab bar.

use super::{HistoryArriving, LockNow, ReminderBanner, SyncBadge, TabBar};
use crate::Route;
use dioxus::prelude::*;

/// The routed layout.
#[component]
pub fn Shell() -> Element {
    let route = use_route::<Route>();
    let title = match route {
        Route::Today {} => "Today",
        Route::Promises {} | Route::PromiseDetail { .. } => "Promises",
        Route::Journal {} => "Journal",
        Route::Guide {} | Route::GuideStep { .. } => "Guide",
        Route::Insights {} => "Insights",
        Route::Summary {} => "Counselor summary",
        Route::Settings {} => "Settings",
    };
    rsx! {
        header { class: "top-bar",
            h1 { id: "top-title-text", class: "top-title", "{title}" }
            SyncBadge {}
            LockNow {}
            button {
                id: "open-settings",
                r#type: "button",
                class: "icon-button",
                "aria-label": "Settings",
                onclick: move |_| {
                    navigator().push(Route::Settings {});
                },
                span { "aria-hidden": "true", "⚙" }
            }
        }
        ReminderBanner {}
        HistoryArriving {}
        main { id: "content", class: "content", Outlet::<Route> {} }
        TabBar { current: route }
    }
}
