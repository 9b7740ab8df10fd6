//! One promise: its words, how consistently it's kept, its month calendar and latest marks;
//! my own can be changed or set aside.

use crate::Route;
use crate::components::{
    Calendar, Confirm, DayPanel, FieldError, FormError, PromiseForm, RecentMarks, StrengthMeter,
};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::PromiseStatus;
use mend_shared::schedule::{self, Month};
use mend_shared::time::Day;

/// The promise detail screen.
#[component]
pub fn PromiseDetail(id: PromiseId) -> Element {
    let app = use_app();
    let mut editing = use_signal(|| false);
    let mut confirming = use_signal(|| false);
    let mut error = use_signal(FormError::none);
    let month = use_signal(|| Month::of(app.peek(|s| s.today())));
    let selected = use_signal(|| None::<Day>);
    let info = app.read(|s| {
        let promise = s.shared().promise(&id)?.clone();
        let mine = s.my_id() == Some(&promise.owner);
        let owner = if mine {
            "Your promise".to_string()
        } else {
            format!("{}'s promise", s.shared().name_of(&promise.owner))
        };
        let summary = schedule::summarize(s.shared(), &promise, s.today());
        let run = summary.run.filter(|r| r.count > 0).map(|r| r.describe());
        Some((promise.clone(), mine, owner, summary.strength.percent(), run))
    });
    let back = move |_| {
        navigator().push(Route::Promises {});
    };
    let Some((promise, mine, owner, percent, run)) = info else {
        return rsx! {
            div { class: "screen",
                button { id: "back", r#type: "button", class: "link", onclick: back, "‹ All promises" }
                p { id: "promise-gone", class: "quiet", "This promise isn't here anymore." }
            }
        };
    };
    let retire = {
        let id = id.clone();
        move |_| match app.edit(|s| s.retire_promise(&id)) {
            Ok(_) => {
                confirming.set(false);
                error.set(FormError::none());
            }
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    let status = match promise.status {
        PromiseStatus::Active => None,
        PromiseStatus::Kept => Some("Kept — well done."),
        PromiseStatus::Retired => Some("Set aside. Its history stays here."),
    };
    rsx! {
        div { class: "screen detail",
            button { id: "back", r#type: "button", class: "link", onclick: back, "‹ All promises" }
            if editing() {
                PromiseForm { editing: Some(id.clone()), on_done: move |_| editing.set(false) }
            } else {
                section { class: "card", "aria-labelledby": "detail-title",
                    h2 { id: "detail-title", "{promise.title}" }
                    p { class: "meta", "{owner} · {promise.cadence.describe()}" }
                    if !promise.why.is_empty() {
                        p { class: "why", "{promise.why}" }
                    }
                    if let Some(status) = status {
                        p { class: "tag", "{status}" }
                    }
                    StrengthMeter { percent }
                    if let Some(run) = run {
                        p { class: "run", "Current run: {run}" }
                    }
                    if mine && promise.is_open() {
                        if confirming() {
                            Confirm {
                                question_id: "retire-question",
                                question: "Set this promise aside? Its history stays, and you can make a new one any time.",
                                confirm_id: "promise-retire-confirm",
                                confirm_label: "Set it aside",
                                cancel_id: "promise-retire-cancel",
                                on_confirm: retire,
                                on_cancel: move |_| confirming.set(false),
                            }
                        } else {
                            div { class: "form-actions",
                                button { id: "promise-edit", r#type: "button", onclick: move |_| editing.set(true), "Change" }
                                button {
                                    id: "promise-retire",
                                    r#type: "button",
                                    onclick: move |_| confirming.set(true),
                                    "Set aside"
                                }
                            }
                        }
                    }
                    FieldError { id: "promise-error", message: error.read().rest(&[]) }
                }
            }
            Calendar { id: id.clone(), month, selected }
            if let Some(day) = selected() {
                DayPanel { key: "{day}", id: id.clone(), day }
            }
            RecentMarks { id: id.clone() }
        }
    }
}
