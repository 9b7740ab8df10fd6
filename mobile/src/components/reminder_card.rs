//! Settings' daily reminder: on or off, the time, the days, and whether a day already checked in
//! stays quiet; with the words it will say and when it comes next. The settings stay on this
//! phone (the private document) and are never synced.

use super::FieldError;
use crate::state::use_app;
use crate::words::sentence;
use chrono::Weekday;
use dioxus::prelude::*;
use mend_shared::reminder::{NEUTRAL_TITLE, ReminderError, ReminderSettings, WEEK, Zone, day_key};

/// The reminder card's body.
#[component]
pub fn ReminderCard() -> Element {
    let app = use_app();
    let stored = use_hook(move || app.peek(|s| s.reminder()));
    let start = stored.clone().unwrap_or_default();
    let mut on = use_signal(|| start.on);
    let mut at = use_signal(|| start.at_text());
    let mut days = use_signal(|| start.days);
    let mut skip = use_signal(|| start.skip_if_checked_in);
    let mut time_error = use_signal(|| None::<String>);
    let mut days_error = use_signal(|| None::<String>);
    let mut form_error = use_signal(|| stored.err().map(|e| sentence(&e.to_string())));
    let mut saved = use_signal(|| false);
    let next = app.read(|s| {
        let zone = Zone::of_device(s.clock().as_ref());
        s.reminder_plan(&zone).first().map(|p| p.fire.wall.format("%A %-d %B at %H:%M").to_string())
    });
    let save = move |_| {
        saved.set(false);
        time_error.set(None);
        days_error.set(None);
        form_error.set(None);
        let settings = match ReminderSettings::from_form(on(), &at(), days(), skip()) {
            Ok(settings) => settings,
            Err(e @ ReminderError::BadTime(_)) => return time_error.set(Some(sentence(&e.to_string()))),
            Err(e @ ReminderError::NoDays) => return days_error.set(Some(sentence(&e.to_string()))),
            Err(e) => return form_error.set(Some(sentence(&e.to_string()))),
        };
        match app.edit(|s| s.set_reminder(&settings)) {
            Ok(()) => saved.set(true),
            Err(e) => form_error.set(Some(sentence(&e.to_string()))),
        }
    };
    rsx! {
        p { class: "hint",
            "A gentle nudge each day to take a moment for your check-in. It says only “{NEUTRAL_TITLE}” or words like it — never your partner's name, never what Mend is for, and it never counts days. It stays on this phone."
        }
        label { class: "check-row", r#for: "reminder-on",
            input {
                id: "reminder-on",
                r#type: "checkbox",
                checked: on(),
                onchange: move |e: FormEvent| {
                    on.set(e.checked());
                    saved.set(false);
                },
            }
            span { "Remind me" }
        }
        div { class: "field",
            label { r#for: "reminder-time", "At" }
            input {
                id: "reminder-time",
                r#type: "time",
                value: "{at}",
                "aria-describedby": "reminder-time-error",
                oninput: move |e: FormEvent| {
                    at.set(e.value());
                    saved.set(false);
                },
            }
            FieldError { id: "reminder-time-error", message: time_error() }
        }
        p { id: "reminder-days-label", class: "field-label", "On" }
        div { class: "choice-row reminder-days", role: "group", "aria-labelledby": "reminder-days-label",
            for day in WEEK {
                button {
                    key: "{day_key(day)}",
                    id: "reminder-day-{day_key(day)}",
                    r#type: "button",
                    class: "choice",
                    "aria-pressed": "{days().contains(day)}",
                    onclick: move |_| {
                        let chosen = days();
                        days.set(chosen.with(day, !chosen.contains(day)));
                        saved.set(false);
                    },
                    "{short_name(day)}"
                }
            }
        }
        FieldError { id: "reminder-days-error", message: days_error() }
        label { class: "check-row", r#for: "reminder-skip",
            input {
                id: "reminder-skip",
                r#type: "checkbox",
                checked: skip(),
                onchange: move |e: FormEvent| {
                    skip.set(e.checked());
                    saved.set(false);
                },
            }
            span { "Not on a day I've already checked in" }
        }
        FieldError { id: "reminder-error", message: form_error() }
        div { class: "form-actions",
            button { id: "reminder-save", r#type: "button", class: "primary", onclick: save, "Save reminder" }
            if saved() {
                p { id: "reminder-status", class: "save-status", role: "status", "Saved" }
            }
        }
        p { id: "reminder-next", class: "hint",
            match next {
                Some(when) => rsx! { "Next: {when}." },
                None => rsx! { "No reminder is planned." },
            }
        }
    }
}

/// A day's full name.
fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A day's short name on its button, which is also its accessible name (a name that didn't
/// contain the visible word would fail label-content-name-mismatch).
fn short_name(day: Weekday) -> &'static str {
    &day_name(day)[..3]
}
