//! Where each partner stands on a guide step (not started, started, done), in words.

use crate::Route;
use crate::state::{AppState, use_app};
use dioxus::document::Document;
use dioxus::prelude::*;
use mend_shared::guide::StepId;
pub use mend_shared::model::StepState;
use std::rc::Rc;

/// Open a guide step: marks it started for me (the first time only), then shows it. Opening
/// still works if the mark can't be saved (it is only a note of where I am).
pub fn open_step(app: AppState, step: StepId) {
    if app.peek(|s| s.my_id().is_some())
        && let Err(e) = app.edit(|s| s.start_step(step))
    {
        tracing::warn!("couldn't note that step {step} was opened: {e}");
    }
    show_from_top(Route::GuideStep { step });
}

/// Show `route` from its beginning. Screens are long and routing stays in memory, so a screen
/// opened from far down another would otherwise open part-way down (past a step's safety note).
pub fn show_from_top(route: Route) {
    navigator().push(route);
    // Renderers with a page to scroll provide a document; component tests have none.
    if let Some(document) = try_consume_context::<Rc<dyn Document>>() {
        let _ = document.eval("window.scrollTo(0, 0);".to_string());
    }
}

/// "You: Started · Ben: Done" for `step`, with the element id `id`.
#[component]
pub fn StepProgressLine(step: StepId, id: String) -> Element {
    let app = use_app();
    let parts = app.read(|s| {
        let mut parts = Vec::new();
        if let Some(me) = s.my_id() {
            parts.push(("You".to_string(), s.shared().step_state(step, me)));
        }
        if let Some(partner) = s.partner() {
            parts.push((partner.name.clone(), s.shared().step_state(step, &partner.id)));
        }
        parts
    });
    rsx! {
        span { id, class: "step-progress",
            for (i, (who, state)) in parts.into_iter().enumerate() {
                span { key: "{i}", class: "progress-chip progress-{state.key()}",
                    "{who}: {state.label()}"
                }
            }
        }
    }
}
