//! The always-visible sync badge: synced, waiting, offline, a problem, or not paired — in words.

use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::sync::SyncState;

/// The badge in the top bar.
#[component]
pub fn SyncBadge() -> Element {
    let app = use_app();
    let status = app.status.read().clone();
    let kind = match status.state {
        SyncState::NotPaired => "not-paired",
        SyncState::Synced => "synced",
        SyncState::Waiting => "waiting",
        SyncState::Offline => "offline",
        SyncState::Error => "error",
    };
    let label = status.state.label();
    let describe = status.describe();
    rsx! {
        span {
            id: "sync-badge",
            class: "sync-badge sync-{kind}",
            role: "status",
            title: "{describe}",
            "aria-label": "{label}. {describe}",
            span { class: "dot", "aria-hidden": "true" }
            "{label}"
        }
    }
}
