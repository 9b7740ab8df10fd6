//! "Lock now": one tap from every screen while the lock is on — also a quick exit for someone who
//! needs to put the phone down fast.

use crate::state::use_app;
use dioxus::prelude::*;

/// The top bar's lock button (nothing while the lock is off).
#[component]
pub fn LockNow() -> Element {
    let app = use_app();
    if app.lock.read().is_none() {
        return rsx! {};
    }
    rsx! {
        button {
            id: "lock-now",
            r#type: "button",
            class: "icon-button",
            "aria-label": "Lock now",
            title: "Lock now",
            onclick: move |_| app.lock_now(),
            span { "aria-hidden": "true", "🔒" }
        }
    }
}
