//! Pairing with my partner: show an invitation code and wait, or enter the partner's code — or,
//! for a partner who lost their phone, show a code that brings their new phone in.
//!
//! The relay work happens behind [`crate::services::Pairing`]; this panel only shows the steps:
//! a code, a waiting state, success, and errors in the service's own words.

use super::TextInput;
use crate::services::ServiceError;
use crate::state::{AppState, use_app};
use dioxus::prelude::*;

/// Which way round this phone pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairMode {
    /// Show a code for the partner to enter.
    Invite,
    /// Enter the code the partner shows.
    Join,
    /// Show a code for the partner's new phone, replacing the one they lost.
    Replace,
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Working(&'static str),
    Code(String),
    Enter,
    Done,
    Failed(String),
}

const NO_PAIRING: &str =
    "Pairing isn't available on this phone yet. You can start on your own and pair later from Settings.";

/// The pairing steps; `on_done` after pairing, `on_cancel` to step back.
#[component]
pub fn PairingPanel(mode: PairMode, on_done: EventHandler<()>, on_cancel: EventHandler<()>) -> Element {
    let app = use_app();
    let mut step = use_signal(|| match mode {
        PairMode::Invite | PairMode::Replace => Step::Working("Asking the relay for a code…"),
        PairMode::Join => Step::Enter,
    });
    let mut code = use_signal(String::new);
    use_hook(move || {
        if mode != PairMode::Join {
            invite(app, step, mode);
        }
    });
    let partner = app.read(|s| s.partner().map(|p| p.name.clone())).unwrap_or_else(|| "your partner".into());
    let join = move |_| {
        let Some(pairing) = app.phone().pairing() else {
            step.set(Step::Failed(NO_PAIRING.to_string()));
            return;
        };
        step.set(Step::Working("Connecting to your partner's phone…"));
        let entered = code().trim().to_string();
        spawn(async move {
            finish(app, step, pairing.join(entered).await);
        });
    };
    let retry = move |_| match mode {
        PairMode::Join => step.set(Step::Enter),
        other => invite(app, step, other),
    };
    rsx! {
        section { class: "card pairing", "aria-labelledby": "pair-title",
            h2 { id: "pair-title",
                match mode {
                    PairMode::Invite => "Invite your partner".to_string(),
                    PairMode::Join => "Join with a code".to_string(),
                    PairMode::Replace => format!("Replace {partner}'s phone"),
                }
            }
            match step() {
                Step::Working(what) => rsx! {
                    p { id: "pair-status", class: "save-status", role: "status", "{what}" }
                },
                Step::Code(c) => rsx! {
                    if mode == PairMode::Replace {
                        p { id: "replace-explain",
                            "Give this code to {partner} for their new phone; it works once, within 10 minutes. When it joins, you both move to new keys at once: the lost phone can't read anything written from then on, and this phone sends everything you share to the new one."
                        }
                    } else {
                        p { "Share this code with your partner. It works once, within 10 minutes." }
                    }
                    p { id: "pair-code", class: "pair-code", "{c}" }
                    p { id: "pair-status", class: "save-status", role: "status", "Waiting for your partner…" }
                },
                Step::Enter => rsx! {
                    TextInput {
                        id: "pair-code-input",
                        label: "The code from your partner's phone",
                        hint: "It looks like 7-harbor-lantern-quiet.",
                        value: code(),
                        oninput: move |v| code.set(v),
                    }
                    div { class: "form-actions",
                        button {
                            id: "pair-join",
                            r#type: "button",
                            class: "primary",
                            disabled: code.read().trim().is_empty(),
                            onclick: join,
                            "Join"
                        }
                    }
                },
                Step::Done => rsx! {
                    p { id: "pair-status", class: "save-status", role: "status",
                        if mode == PairMode::Replace {
                            "{partner}'s new phone has joined and has everything you share. The lost phone can no longer sync or read anything new."
                        } else {
                            "You're paired. Your shared check-ins and promises will reach each other."
                        }
                    }
                    div { class: "form-actions",
                        button {
                            id: "pair-done",
                            r#type: "button",
                            class: "primary",
                            onclick: move |_| on_done.call(()),
                            "Continue"
                        }
                    }
                },
                Step::Failed(message) => rsx! {
                    p { id: "pair-status", class: "field-error", role: "alert", "{message}" }
                    div { class: "form-actions",
                        button { id: "pair-retry", r#type: "button", onclick: retry, "Try again" }
                    }
                },
            }
            if step() != Step::Done {
                button {
                    id: "pair-cancel",
                    r#type: "button",
                    class: "link",
                    onclick: move |_| on_cancel.call(()),
                    "Not now"
                }
            }
        }
    }
}

/// Open an invitation (or a replacement), show its code, and wait for the partner.
fn invite(app: AppState, mut step: Signal<Step>, mode: PairMode) {
    let Some(pairing) = app.phone().pairing() else {
        step.set(Step::Failed(NO_PAIRING.to_string()));
        return;
    };
    step.set(Step::Working("Asking the relay for a code…"));
    spawn(async move {
        let opened = if mode == PairMode::Replace {
            pairing.replace_partner_phone().await
        } else {
            pairing.invite().await
        };
        match opened {
            Ok(invitation) => {
                step.set(Step::Code(invitation.code));
                finish(app, step, invitation.accepted.await);
            }
            Err(e) => step.set(Step::Failed(e.message)),
        }
    });
}

fn finish(app: AppState, mut step: Signal<Step>, result: Result<(), ServiceError>) {
    match result {
        Ok(()) => {
            app.bump();
            step.set(Step::Done);
        }
        Err(e) => step.set(Step::Failed(e.message)),
    }
}
