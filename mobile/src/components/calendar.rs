//! A month of one promise: each day's mark and the partner's replies, tap a day to look closer.

use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::OutcomeKind;
use mend_shared::schedule::{self, CalendarDay, Month};
use mend_shared::time::Day;

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// The month calendar of promise `id`; `month` and `selected` are owned by the caller.
#[component]
pub fn Calendar(id: PromiseId, month: Signal<Month>, selected: Signal<Option<Day>>) -> Element {
    let app = use_app();
    let shown = month();
    let Some(cal) = app
        .read(|s| s.shared().promise(&id).map(|p| schedule::month_calendar(s.shared(), p, shown, s.today())))
    else {
        return rsx! {};
    };
    rsx! {
        section { class: "card calendar", "aria-labelledby": "cal-title",
            div { class: "calendar-head",
                button {
                    id: "cal-prev",
                    r#type: "button",
                    class: "icon-button",
                    "aria-label": "Previous month",
                    onclick: move |_| month.set(shown.prev()),
                    "‹"
                }
                h2 { id: "cal-title", "{shown}" }
                button {
                    id: "cal-next",
                    r#type: "button",
                    class: "icon-button",
                    "aria-label": "Next month",
                    onclick: move |_| month.set(shown.next()),
                    "›"
                }
            }
            table {
                thead {
                    tr {
                        for (short, long) in WEEKDAYS {
                            th { key: "{short}", scope: "col", abbr: "{long}", "{short}" }
                        }
                    }
                }
                tbody {
                    for (row, week) in cal.weeks.into_iter().enumerate() {
                        tr { key: "{row}",
                            for (col, cell) in week.into_iter().enumerate() {
                                td { key: "{col}",
                                    if let Some(cell) = cell {
                                        DayCell { cell, selected }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p { class: "legend", "aria-hidden": "true",
                span { class: "swatch kept" }
                "Kept"
                span { class: "swatch partial" }
                "Partly"
                span { class: "swatch missed" }
                "Not this time"
            }
        }
    }
}

/// One day of the calendar.
#[component]
fn DayCell(cell: CalendarDay, selected: Signal<Option<Day>>) -> Element {
    let day = cell.day;
    let mark = match cell.outcome {
        Some(OutcomeKind::Kept) => "kept",
        Some(OutcomeKind::Partial) => "partial",
        Some(OutcomeKind::Missed) => "missed",
        None => "none",
    };
    let mut label = words::short_day(day);
    if let Some(kind) = cell.outcome {
        label.push_str(&format!(": {}", words::outcome(kind)));
    }
    if !cell.acks.is_empty() {
        let replies: Vec<&str> = cell.acks.iter().map(|a| a.label()).collect();
        label.push_str(&format!(", replied {}", replies.join(", ")));
    }
    let is_selected = selected() == Some(day);
    let class = format!(
        "day {mark}{}{}",
        if cell.today { " today" } else { "" },
        if is_selected { " selected" } else { "" }
    );
    rsx! {
        button {
            id: "cal-{day}",
            r#type: "button",
            class: "{class}",
            disabled: !cell.in_range,
            "aria-label": "{label}",
            "aria-pressed": "{is_selected}",
            onclick: move |_| selected.set(Some(day)),
            "{day.0.format(\"%-d\")}"
            if !cell.acks.is_empty() {
                span { class: "ack-dot", "aria-hidden": "true" }
            }
        }
    }
}
