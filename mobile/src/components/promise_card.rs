//! One promise in a list: what it is, how often, how consistently it's kept, its current run.

use super::StrengthMeter;
use crate::Route;
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::ids::PromiseId;
use mend_shared::model::PromiseStatus;
use mend_shared::schedule;

/// A tappable promise summary that opens its detail.
#[component]
pub fn PromiseCard(id: PromiseId) -> Element {
    let app = use_app();
    let info = app.read(|s| {
        let promise = s.shared().promise(&id)?;
        let summary = schedule::summarize(s.shared(), promise, s.today());
        Some((
            promise.title.clone(),
            promise.cadence.describe(),
            promise.status,
            summary.strength.percent(),
            summary.run.filter(|r| r.count > 0).map(|r| r.describe()),
        ))
    });
    let Some((title, cadence, status, percent, run)) = info else {
        return rsx! {};
    };
    let status_tag = match status {
        PromiseStatus::Active => None,
        PromiseStatus::Kept => Some("Kept"),
        PromiseStatus::Retired => Some("Set aside"),
    };
    let target = Route::PromiseDetail { id: id.clone() };
    rsx! {
        button {
            id: "promise-{id}",
            r#type: "button",
            class: "card promise-card",
            onclick: move |_| {
                navigator().push(target.clone());
            },
            span { class: "promise-title", "{title}" }
            span { class: "meta",
                "{cadence}"
                if let Some(tag) = status_tag {
                    span { class: "tag", "{tag}" }
                }
            }
            StrengthMeter { percent }
            if let Some(run) = run {
                span { class: "run", "Current run: {run}" }
            }
        }
    }
}
