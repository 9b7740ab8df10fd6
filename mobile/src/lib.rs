//! The Mend phone app: Dioxus views and components over mend-shared, which holds every rule.
//!
//! [`App`] takes a [`Phone`] from root context (tests and the preview hand in one over a temp
//! folder) or opens the device's own data folder, then shows onboarding until this phone has a
//! profile, and afterwards the [`Route`]s inside [`components::Shell`]: a top bar with the sync
//! badge and Settings, the screen, and a bottom tab bar. Views read the session through
//! [`state::AppState`] and re-render whenever its revision moves (after every edit here, and
//! after the sync engine applies a partner's changes through [`Phone::apply_remote`]).
//!
//! Element ids are stable so tests (and screen-reader anchors) can find things; kebab-case,
//! `{area}-{thing}[-{key}]`:
//! - shell: `tab-today`, `tab-promises`, `tab-journal`, `tab-guide`, `tab-insights`,
//!   `open-settings`, `sync-badge`, `back`
//! - onboarding: `onboarding-name`, `onboarding-continue`, `onboarding-invite`, `onboarding-join`,
//!   `onboarding-alone`, `onboarding-restore` (then the backup restore ids below and
//!   `restore-cancel`); pairing: `pair-code`, `pair-code-input`, `pair-join`, `pair-status`,
//!   `pair-retry`, `pair-done`, `pair-cancel`
//! - check-in: `mood-1`…`mood-5`, `trust`, `feel`, `need`, `appreciate`, `checkin-save`,
//!   `checkin-status`, `checkin-day` (the form is still for yesterday), `checkin-moved-on`
//! - partner on Today: `partner-waiting` (paired, nothing synced yet), `past-partner-today`
//!   (unpaired, a kept copy)
//! - marks on my promises: `outcome-{promise}-kept|partial|missed`, `outcome-note-{promise}`
//! - acknowledgements: `ack-{key}-seen|thanks|differ`, `ack-note-{key}`, where key is
//!   `checkin` or `{promise}-{date}`
//! - promises: `promise-new`, `promise-title`, `promise-why`, `cadence-daily|weekly|once`,
//!   `promise-times`, `promise-due`, `promise-save`, `promise-cancel`, `promise-{id}` (list
//!   item), `theirs-note` (a kept copy after unpairing), `promise-gone`, `promise-edit`, `promise-retire`, `promise-retire-confirm`, `promise-retire-cancel`
//! - calendar: `cal-prev`, `cal-next`, `cal-{YYYY-MM-DD}`
//! - settings: `settings-name`, `settings-name-save`, `settings-relay`, `settings-relay-save`,
//!   `settings-relay-locked` (while paired), `theme-system|light|dark`, `theme-error`,
//!   `sharing-with`, `past-partner`, `settings-invite`, `settings-join`, `settings-unpair`,
//!   `unpair-keep`, `unpair-delete`, `unpair-cancel`, `unpair-status`, `backup-export`, `backup-json`,
//!   `backup-import-text`, `backup-import`, `backup-status`
//! - guide list: `step-{step}` (opens the step; `{step}` is the kebab-case `StepId`, e.g.
//!   `root-cause`, `professional-help`), `step-{step}-progress`, `guide-current`
//! - a guide step (`/guide/{step}`): `back`, `step-title`, `step-progress`, `exercise-{exercise id}`,
//!   `step-done` (aria-pressed), `step-next`, `safety-note` (professional help); reflections
//!   `reflect-{prompt}` (my answer; `{prompt}` is the guide prompt id, e.g.
//!   `reflect-root-cause.what-happened`), `reflect-{prompt}-save`, `reflect-{prompt}-status`,
//!   `reflect-{prompt}-partner` (my partner's answer, read-only)
//! - root cause: `rootcause-factor-poor-communication|inconsistent-behaviour|betrayal|misunderstanding|other`
//!   (aria-pressed toggles), `rootcause-other`, `rootcause-view`, `rootcause-save`, `rootcause-status`,
//!   `rootcause-factors-error`, `rootcause-partner` (waiting words, or both answers side by side as
//!   `rootcause-side-mine` and `rootcause-side-partner`)
//! - weekly talk: `talk-felt`, `talk-need`, `talk-save`, `talk-status`, `talk-week-{monday}`,
//!   `talk-reply-{monday}` (my reply to my partner's talk that week), `talk-reply-{monday}-save`
//! - notes (disclosures on step 3, support requests on step 5): `note-new-text`, `note-save`,
//!   `note-{id}`, `note-{id}-edit`, `note-{id}-text`, `note-{id}-save`, `note-{id}-cancel`,
//!   `note-{id}-delete`, `note-{id}-delete-confirm`, `note-{id}-delete-cancel`; on my
//!   partner's note `note-{id}-thanks` and `note-{id}-thanks-words`
//! - promises kept lately (step 5): `kept-promises`, `kept-{promise}-{date}`,
//!   `kept-{promise}-{date}-thanks`; `guide-open-promises` (steps 3, 4, 5)
//! - apologies: `apology-new`, `apology-what`, `apology-impact`, `apology-part`, `apology-will`,
//!   `apology-make-promise` (checkbox), `apology-promise-title`, `apology-cadence-daily|weekly|once`,
//!   `apology-promise-times`, `apology-promise-due`, `apology-save`, `apology-cancel`,
//!   `apology-status`, `apology-{id}`, `apology-{id}-promise`, `apology-{id}-response`,
//!   `apology-{id}-edit`, `apology-respond-{id}-hear|notready|words`, `apology-respond-{id}-text`,
//!   `apology-respond-{id}-status`
//! - my part (onboarding, guide step 1, Settings): `your-part`, `part-hurt|broke-trust|both|rather-not-say`
//!   (aria-pressed), `part-share` (checkbox, off until ticked), `part-share-hint`, `part-status`,
//!   `part-error`, `partner-part` (only when my partner shared theirs); step 4 for the partner who
//!   was hurt: `apology-receiving`, `need-to-hear`
//! - questions (step 3): `question-new-text`, `question-ask`, `question-status`, `questions-answering`
//!   (the partner who broke trust answers), `question-{id}`, `question-{id}-state`,
//!   `question-{id}-reword`, `question-{id}-text`, `question-{id}-save`, `question-{id}-cancel`,
//!   `question-{id}-withdraw`, `question-{id}-withdraw-confirm`, `question-{id}-withdraw-cancel`,
//!   `question-{id}-answer`, `question-{id}-answer-save`, `question-{id}-answer-status`,
//!   `question-{id}-answer-text`
//! - Today's suggestion: `today-suggestion`, `today-suggestion-place`, `today-suggestion-text`,
//!   `suggestion-open`, `suggestion-dismiss`
//! - timeline (step 6): `timeline`, `timeline-horizon`, `timeline-trust`, `timeline-open-insights`
//! - professional help (step 7): `counselor-suggestion`, `seek-help-signs`, `help-resources`,
//!   `summary-open`; closing: `closing-text`, `closing-save`, `closing-status`, `closing-partner`
//! - journal: `journal-new`, `journal-visibility-private|shared`, `journal-question`,
//!   `journal-prompt-clear`, `journal-title`, `journal-body`, `journal-save`, `journal-cancel`,
//!   `journal-prompts`, `journal-prompt-{prompt}`, `journal-search`, `journal-no-results`,
//!   `journal-private` and `journal-shared` (the two lists), `journal-entry-{id}`,
//!   `journal-entry-{id}-edit`, `journal-entry-{id}-delete`, `journal-entry-{id}-delete-confirm`,
//!   `journal-entry-{id}-delete-cancel`
//! - insights: `insights-range-30|90|365|all`, `insights-empty`, `counselor-suggestion`,
//!   `suggestion-open-help`, charts `chart-trust`, `chart-mood`, `chart-consistency`,
//!   `chart-regularity` (each an `svg role="img"` with an `aria-label` in words, its legend
//!   `{chart}-legend` and caption `{chart}-caption`, or `{chart}-empty` when there is nothing to
//!   draw), `milestone-since`,
//!   `milestone-30|90|180|365`, `milestones-empty`, `insights-summary-open`
//! - counselor summary (`/summary`): `summary-from`, `summary-to`,
//!   `summary-include-regularity|trends|promises|words|apologies|guide` (checkboxes, all off until
//!   ticked; `summary-include-error` when none is), `summary-entries`,
//!   `summary-entry-{entry id}` (checkboxes; shared entries only), `summary-build`,
//!   `summary-preview`, `summary-left-out`, `summary-show-markdown`, `summary-markdown` (readonly
//!   textarea), `summary-show-html`, `summary-html` (iframe `srcdoc`),
//!   `summary-download` (the printable page as a file), `summary-download-markdown` (the text as a
//!   `.md` file), `summary-insights`
//! - a field's error sits next to it as `{field id}-error` (e.g. `promise-title-error`); a
//!   form's other errors as `{form}-error` (e.g. `checkin-error`), or `{form}-form-error` where
//!   the form and its only field share an id (e.g. `reflect-{prompt}-form-error`).

mod background;
pub mod components;
mod connect;
pub mod data_dir;
pub mod files;
mod phone;
#[cfg(feature = "preview")]
pub mod preview;
pub mod services;
pub mod state;
mod unlock;
pub mod views;
pub mod words;

pub use connect::connect;
pub use phone::{DATA_FILE, OpenError, Phone};

use components::{AwayWatch, LockScreen, Shell};
use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use mend_shared::doc::Setting;
use mend_shared::guide::StepId;
use mend_shared::ids::PromiseId;
use state::AppState;
use std::rc::Rc;
use views::{
    Guide, GuideStep, Insights, Journal, Onboarding, PromiseDetail, Promises, Settings, Summary, Today,
};

/// The one stylesheet, inlined so it works in liveview, desktop and mobile without bundling.
pub const STYLE: &str = include_str!("style.css");

/// The app's screens. Onboarding isn't a route: it shows until this phone has a profile.
#[derive(Routable, Clone, PartialEq, Debug)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Shell)]
        #[route("/")]
        Today {},
        #[route("/promises")]
        Promises {},
        #[route("/promises/:id")]
        PromiseDetail { id: PromiseId },
        #[route("/journal")]
        Journal {},
        #[route("/guide")]
        Guide {},
        #[route("/guide/:step")]
        GuideStep { step: StepId },
        #[route("/insights")]
        Insights {},
        #[route("/summary")]
        Summary {},
        #[route("/settings")]
        Settings {},
}

/// The whole app. Uses the [`Phone`] in root context, or opens this device's data folder.
#[component]
pub fn App() -> Element {
    let phone = use_hook(|| match try_consume_context::<Phone>() {
        Some(phone) => Ok(phone),
        None => Phone::open_default().map_err(|e| e.to_string()),
    });
    match phone {
        Ok(phone) => rsx! { Root { phone } },
        Err(message) => rsx! {
            style { {STYLE} }
            div { class: "app",
                main { class: "content startup",
                    h1 { "Mend couldn't open its data" }
                    p { "Nothing was changed. The phone said: {message}" }
                }
            }
        },
    }
}

/// Provides the app state and routing, and follows changes made outside the views.
#[component]
fn Root(phone: Phone) -> Element {
    // Routing stays in memory on every platform: a phone app has no address bar, and the
    // preview serves each phone at its own URL.
    use_context_provider::<Rc<dyn History>>(|| Rc::new(MemoryHistory::default()));
    let app = use_context_provider(|| AppState::new(phone.clone()));
    use_hook(move || {
        let phone = app.phone();
        for mut edits in phone.any_edits() {
            spawn(async move {
                while edits.changed().await.is_ok() {
                    app.bump();
                }
            });
        }
        let mut changes = phone.status_changes();
        let mut status = app.status;
        spawn(async move {
            while changes.changed().await.is_ok() {
                let next = changes.borrow_and_update().clone();
                status.set(next);
                // A new status usually follows a sync round that may have brought changes.
                app.bump();
            }
        });
    });
    let mut onboarding = use_signal(|| app.peek(|s| s.me().is_none()));
    let theme = app.read(|s| s.private().setting(Setting::Theme).unwrap_or("system").to_string());
    rsx! {
        style { {STYLE} }
        div { class: "app theme-{theme}",
            AwayWatch {}
            if (app.locked)() {
                LockScreen {}
            } else if onboarding() {
                Onboarding { on_done: move |_| onboarding.set(false) }
            } else {
                Router::<Route> {}
            }
        }
    }
}
