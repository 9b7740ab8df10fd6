//! Settings' app lock: turn it on with a PIN or passphrase typed twice, choose the time away
//! that locks it, or turn it off with the current secret.

use super::{FieldError, SecretInput};
use crate::state::use_app;
use crate::unlock::{self, Then};
use crate::words::sentence;
use dioxus::prelude::*;
use mend_shared::lock::{AwayLimit, LockError, LockKind, NewLock, UnlockOutcome};

/// The lock card's body.
#[component]
pub fn LockPanel() -> Element {
    let app = use_app();
    let lock = *app.lock.read();
    rsx! {
        p { class: "hint",
            "The lock stops someone who picks up your phone from opening Mend. It isn't encryption of the data itself: that relies on your phone's own storage encryption, so keep your phone's screen lock on too."
        }
        match lock {
            None => rsx! { TurnOn {} },
            Some(lock) => rsx! {
                p { id: "lock-on", class: "save-status", role: "status",
                    match lock.kind {
                        LockKind::Pin => "The app lock is on, with a PIN.",
                        LockKind::Passphrase => "The app lock is on, with a passphrase.",
                    }
                }
                AwayChoice {
                    current: lock.away,
                    onchange: move |away| {
                        if app.phone().with_session(|s| s.set_lock_away(away)).is_ok() {
                            app.refresh_lock();
                        }
                    },
                }
                TurnOff { kind: lock.kind }
            },
        }
    }
}

/// The four "lock after" choices.
#[component]
fn AwayChoice(current: AwayLimit, onchange: EventHandler<AwayLimit>) -> Element {
    rsx! {
        p { id: "lock-away-label", class: "field-label", "Lock when Mend has been out of sight" }
        div { class: "choice-row", role: "group", "aria-labelledby": "lock-away-label",
            for away in AwayLimit::ALL {
                button {
                    key: "{away.id()}",
                    id: "lock-away-{away.id()}",
                    r#type: "button",
                    class: "choice",
                    "aria-pressed": "{away == current}",
                    onclick: move |_| onchange.call(away),
                    "{away.label()}"
                }
            }
        }
    }
}

/// Choosing a PIN or passphrase and turning the lock on.
#[component]
fn TurnOn() -> Element {
    let app = use_app();
    let mut kind = use_signal(|| LockKind::Pin);
    let mut secret = use_signal(String::new);
    let mut confirm = use_signal(String::new);
    let mut away = use_signal(AwayLimit::default);
    let mut error = use_signal(|| None::<(&'static str, String)>);
    let turn_on = move |_| {
        let (typed, again) = (zeroize::Zeroizing::new(secret()), zeroize::Zeroizing::new(confirm()));
        let new = NewLock { kind: kind(), secret: &typed, confirm: &again, away: away() };
        match app.phone().with_session(|s| s.set_app_lock(new)) {
            Ok(()) => {
                secret.set(String::new());
                confirm.set(String::new());
                error.set(None);
                app.refresh_lock();
            }
            Err(e) => {
                let field = match e {
                    LockError::Mismatch => "lock-confirm",
                    LockError::AlreadyOn | LockError::NotOn => "lock-form",
                    LockError::Crypto(_)
                    | LockError::Secret(_)
                    | LockError::Store(_)
                    | LockError::Damaged(_) => "lock-form",
                    _ => "lock-new",
                };
                error.set(Some((field, sentence(&e.to_string()))));
            }
        }
    };
    let error_for =
        move |field: &str| error.read().as_ref().filter(|(f, _)| *f == field).map(|(_, m)| m.clone());
    let pin = kind() == LockKind::Pin;
    rsx! {
        div { class: "choice-row", role: "group", "aria-label": "Unlock with",
            for (choice, id, label) in [(LockKind::Pin, "pin", "A PIN"), (LockKind::Passphrase, "passphrase", "A passphrase")] {
                button {
                    key: "{id}",
                    id: "lock-kind-{id}",
                    r#type: "button",
                    class: "choice",
                    "aria-pressed": "{kind() == choice}",
                    onclick: move |_| {
                        kind.set(choice);
                        error.set(None);
                    },
                    "{label}"
                }
            }
        }
        SecretInput {
            id: "lock-new",
            label: if pin { "New PIN" } else { "New passphrase" },
            hint: if pin { "At least 6 digits, not a run like 123456." } else { "At least 8 characters; a few unrelated words work well." },
            value: secret(),
            numeric: pin,
            error: error_for("lock-new"),
            oninput: move |v| secret.set(v),
        }
        SecretInput {
            id: "lock-confirm",
            label: if pin { "The PIN again" } else { "The passphrase again" },
            value: confirm(),
            numeric: pin,
            error: error_for("lock-confirm"),
            oninput: move |v| confirm.set(v),
        }
        AwayChoice { current: away(), onchange: move |a| away.set(a) }
        div { class: "form-actions",
            button { id: "lock-turn-on", r#type: "button", class: "primary", onclick: turn_on, "Turn on the lock" }
        }
        FieldError { id: "lock-form-error", message: error_for("lock-form") }
    }
}

/// Turning the lock off: the current secret, checked like an unlock (wrong tries count).
#[component]
fn TurnOff(kind: LockKind) -> Element {
    let app = use_app();
    let mut current = use_signal(String::new);
    let mut message = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let turn_off = move |_| {
        if busy() || current.read().is_empty() {
            return;
        }
        busy.set(true);
        let typed = current.take();
        spawn(async move {
            let outcome = unlock::attempt(&app.phone(), typed, Then::RemoveLock).await;
            busy.set(false);
            match outcome {
                Ok(UnlockOutcome::Unlocked) => {
                    message.set(None);
                    app.refresh_lock();
                }
                Ok(UnlockOutcome::Wrong { wait, .. }) if wait.is_zero() => {
                    message.set(Some("That isn't it; the lock stays on.".into()));
                }
                Ok(UnlockOutcome::Wrong { wait, .. }) | Ok(UnlockOutcome::Wait { remaining: wait }) => {
                    message.set(Some(format!(
                        "That isn't it; the lock stays on. You can try again in {} seconds.",
                        wait.as_secs().max(1)
                    )));
                }
                Err(e) => message.set(Some(e)),
            }
        });
    };
    let pin = kind == LockKind::Pin;
    rsx! {
        SecretInput {
            id: "lock-current",
            label: if pin { "Your PIN, to turn the lock off" } else { "Your passphrase, to turn the lock off" },
            value: current(),
            numeric: pin,
            error: message(),
            oninput: move |v| current.set(v),
        }
        div { class: "form-actions",
            button {
                id: "lock-turn-off",
                r#type: "button",
                disabled: busy(),
                onclick: turn_off,
                if busy() { "Checking…" } else { "Turn off the lock" }
            }
        }
    }
}
