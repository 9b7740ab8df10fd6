//! A reminder shown inside the app (the preview, and desktop alongside its system notification):
//! the same neutral words, a way to the day's check-in, and a way to put it away.

use crate::Route;
use crate::state::use_app;
use dioxus::prelude::*;

/// The banner at the top of the screen while a reminder is showing.
#[component]
pub fn ReminderBanner() -> Element {
    let app = use_app();
    let mut shown = use_signal(|| app.phone().reminder_shown().borrow().clone());
    use_future(move || async move {
        let mut changes = app.phone().reminder_shown();
        while changes.changed().await.is_ok() {
            let next = changes.borrow_and_update().clone();
            shown.set(next);
        }
    });
    let Some(notice) = shown() else { return rsx! {} };
    rsx! {
        div { id: "reminder-banner", class: "reminder-banner", role: "status",
            p { class: "reminder-title", "{notice.title}" }
            p { class: "hint", "{notice.body}" }
            div { class: "form-actions",
                button {
                    id: "reminder-banner-checkin",
                    r#type: "button",
                    class: "primary",
                    onclick: move |_| {
                        app.phone().show_reminder(None);
                        navigator().push(Route::Today {});
                    },
                    "Go to today"
                }
                button {
                    id: "reminder-banner-dismiss",
                    r#type: "button",
                    onclick: move |_| app.phone().show_reminder(None),
                    "Not now"
                }
            }
        }
    }
}
