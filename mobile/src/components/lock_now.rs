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
            // A drawn padlock: emoji fonts are missing on some phones and browsers.
            svg {
                "aria-hidden": "true",
                view_box: "0 0 24 24",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "2",
                stroke_linecap: "round",
                rect { x: "5", y: "11", width: "14", height: "10", rx: "2" }
                path { d: "M8 11V7a4 4 0 0 1 8 0v4" }
            }
        }
    }
}
