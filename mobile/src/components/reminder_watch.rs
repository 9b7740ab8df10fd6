//! Keeps the phone's planned reminders in step with the session: after every change (a check-in
//! drops today's, new settings replace them all) and every half minute (the date moved on, or
//! the phone's time zone changed with travel). Renders nothing; mounted once, at the root.

use crate::state::use_app;
use dioxus::prelude::*;
use mend_platform::reminders::{Notice, Plan};
use mend_shared::reminder::{Zone, late_limit};
use mend_shared::session::Session;
use std::time::Duration;

/// How often the plan is looked at again without any change in the app.
const RECHECK: Duration = Duration::from_secs(30);

/// Plans reminders through the phone's reminder service (if it has one).
#[component]
pub fn ReminderWatch() -> Element {
    let app = use_app();
    let mut ticks = use_signal(|| 0u64);
    let mut planned = use_signal(|| None::<Plan>);
    use_future(move || async move {
        // Without a reminder service there is nothing to keep in step (and maybe no timer).
        if app.phone().reminders().is_none() {
            return;
        }
        loop {
            tokio::time::sleep(RECHECK).await;
            ticks += 1;
        }
    });
    use_effect(move || {
        ticks();
        let Some(reminders) = app.phone().reminders() else { return };
        let plan = app.read(plan_for);
        if planned.peek().as_ref() == Some(&plan) {
            return;
        }
        match reminders.replace(plan.clone()) {
            Ok(()) => planned.set(Some(plan)),
            // Tried again at the next change or recheck.
            Err(e) => tracing::warn!(error = %e, "reminders could not be planned"),
        }
    });
    rsx! {}
}

/// The reminders to plan now, in the phone's time zone as its clock sees it.
pub(crate) fn plan_for(session: &Session) -> Plan {
    let zone = Zone::of_device(session.clock().as_ref());
    let notices = session
        .reminder_plan(&zone)
        .into_iter()
        .map(|p| Notice {
            at: p.fire.at,
            wall: p.fire.wall,
            title: p.words.title.to_string(),
            body: p.words.body.to_string(),
        })
        .collect();
    Plan { notices, late_limit: late_limit() }
}
