//! The lock screen: nothing of the couple (no names, no content, no counts), neutral words, the
//! PIN or passphrase, the wait after wrong tries, and the honest way back for a forgotten one.

use super::SecretInput;
use crate::state::use_app;
use crate::unlock::{self, Then};
use dioxus::prelude::*;
use mend_shared::lock::{FORGOTTEN, LockKind, UnlockOutcome};
use std::time::Duration;

/// Shown instead of the app while it is locked.
#[component]
pub fn LockScreen() -> Element {
    let app = use_app();
    let kind = app.lock.read().as_ref().map(|l| l.kind);
    let mut secret = use_signal(String::new);
    let mut message = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let mut forgot = use_signal(|| false);
    let mut wait = use_signal(|| app.peek(|s| s.unlock_wait().unwrap_or_default()));
    // The wait lives in the data file (it survives a restart); read it again every second.
    use_future(move || async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let left = app.peek(|s| s.unlock_wait().unwrap_or_default());
            if *wait.peek() != left {
                wait.set(left);
            }
        }
    });
    let mut submit = move || {
        if busy() || secret.read().is_empty() || !wait().is_zero() {
            return;
        }
        busy.set(true);
        let typed = secret.take();
        spawn(async move {
            let outcome = unlock::attempt(&app.phone(), typed, Then::Unlock).await;
            busy.set(false);
            match outcome {
                Ok(UnlockOutcome::Unlocked) => {
                    message.set(None);
                    let mut locked = app.locked;
                    locked.set(false);
                }
                Ok(UnlockOutcome::Wrong { wait: next, free_tries_left }) => {
                    wait.set(next);
                    message.set(Some(if !next.is_zero() {
                        "That isn't it. Take a short break before the next try.".to_string()
                    } else if free_tries_left == 1 {
                        "That isn't it. One more try before a short wait.".to_string()
                    } else {
                        format!("That isn't it. {free_tries_left} more tries before a short wait.")
                    }));
                }
                Ok(UnlockOutcome::Wait { remaining }) => wait.set(remaining),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    let (label, numeric) = match kind {
        Some(LockKind::Pin) => ("PIN", true),
        Some(LockKind::Passphrase) => ("Passphrase", false),
        None => ("PIN or passphrase", false),
    };
    let waiting = !wait().is_zero();
    rsx! {
        main { id: "lock-screen", class: "content lock-screen",
            h1 { "Locked" }
            p { "Enter your {label} to continue." }
            SecretInput {
                id: "lock-input",
                label: "{label}",
                value: secret(),
                numeric,
                oninput: move |v| secret.set(v),
                onenter: move |_| submit(),
            }
            div { class: "form-actions",
                button {
                    id: "lock-unlock",
                    r#type: "button",
                    class: "primary",
                    disabled: busy() || waiting,
                    onclick: move |_| submit(),
                    if busy() { "Checking…" } else { "Unlock" }
                }
            }
            if let Some(text) = message() {
                p { id: "lock-status", class: "field-error", role: "alert", "{text}" }
            }
            if waiting {
                p { id: "lock-wait", class: "hint", role: "status",
                    "You can try again in {clock(wait())}."
                }
            }
            button {
                id: "lock-forgot",
                r#type: "button",
                class: "link",
                "aria-expanded": "{forgot()}",
                onclick: move |_| forgot.toggle(),
                "Forgot it?"
            }
            if forgot() {
                p { id: "lock-forgot-text", class: "hint", "{FORGOTTEN}" }
            }
        }
    }
}

/// `m:ss`, rounding up so "0:00" never shows while a wait remains.
fn clock(d: Duration) -> String {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    format!("{}:{:02}", secs / 60, secs % 60)
}
