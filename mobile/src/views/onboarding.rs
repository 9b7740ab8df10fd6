//! First run: my name, what stays private and what is shared, then invite, join or start alone
//! (with my part offered, privately) — or, on a new or reinstalled phone, restore a backup and
//! carry on as myself, or (a lost phone) join the code my partner's phone shows and become myself
//! again from their copy.

use crate::components::{
    FieldError, FormError, PairMode, PairingPanel, RestoreBackup, SyncBadge, TextInput, YourPart,
};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::model::TextField;
use mend_shared::sync::awaiting_history;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Name,
    Restore,
    Choose,
    Pair(PairMode),
    /// A lost phone replaced: the partner's code, then my shared history from their phone.
    Replaced,
}

/// Onboarding; `on_done` once the profile exists and the partner chose how to begin.
#[component]
pub fn Onboarding(on_done: EventHandler<()>) -> Element {
    let app = use_app();
    let mut step = use_signal(|| if app.peek(|s| s.me().is_some()) { Step::Choose } else { Step::Name });
    let mut name = use_signal(String::new);
    let mut error = use_signal(FormError::none);
    // What the last restore said: (it worked, the words).
    let mut restored = use_signal(|| None::<(bool, String)>);
    let name_field = TextField::Name.limit().field;
    let me = app.read(|s| s.me().map(|p| p.name.clone())).unwrap_or_default();
    let can_restore = app.phone().backups().is_some();
    let create = move |_| match app.edit(|s| s.create_profile(&name())) {
        Ok(_) => {
            error.set(FormError::none());
            step.set(Step::Choose);
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    let after_restore = move |result: Result<String, String>| match result {
        Ok(summary) if app.peek(|s| s.me().is_some()) => {
            restored.set(Some((true, summary)));
            step.set(Step::Choose);
        }
        Ok(summary) => {
            // A backup made before onboarding holds no profile: the name still comes first.
            restored
                .set(Some((true, format!("{summary} The backup has no name in it yet, so choose yours."))));
            step.set(Step::Name);
        }
        Err(message) => restored.set(Some((false, message))),
    };
    let status = restored().map(|(ok, message)| {
        rsx! {
            p {
                id: "backup-status",
                class: if ok { "save-status" } else { "field-error" },
                role: if ok { "status" } else { "alert" },
                "{message}"
            }
        }
    });
    rsx! {
        // The sync status shows here too, so pairing's progress is never hidden.
        header { class: "top-bar",
            p { class: "top-title brand", "Mend" }
            SyncBadge {}
        }
        main { class: "content onboarding",
            match step() {
                Step::Name => rsx! {
                    h1 { "Welcome to Mend" }
                    p { class: "lead", "A quiet place for the two of you to rebuild trust, one day at a time." }
                    p { id: "privacy-note", class: "privacy",
                        "Your private journal and settings are never sent to your partner or the relay. "
                        "Check-ins, promises and shared journal entries go only to your partner, end-to-end encrypted, so the relay that carries them can't read them."
                    }
                    {status}
                    TextInput {
                        id: "onboarding-name",
                        label: "Your name",
                        hint: "Your partner will see it.",
                        value: name(),
                        error: error.read().for_field(name_field),
                        oninput: move |v| name.set(v),
                    }
                    div { class: "form-actions",
                        button { id: "onboarding-continue", r#type: "button", class: "primary", onclick: create, "Continue" }
                    }
                    FieldError { id: "onboarding-error", message: error.read().rest(&[name_field]) }
                    if can_restore && app.peek(|s| s.me().is_none()) {
                        button {
                            id: "onboarding-restore",
                            r#type: "button",
                            class: "link",
                            onclick: move |_| {
                                restored.set(None);
                                step.set(Step::Restore);
                            },
                            "New phone? Restore from a backup"
                        }
                    }
                    if app.peek(|s| s.me().is_none()) {
                        button {
                            id: "onboarding-replaced",
                            r#type: "button",
                            class: "link",
                            onclick: move |_| step.set(Step::Replaced),
                            "Lost your phone? Your partner's phone can bring you back"
                        }
                    }
                },
                Step::Restore => rsx! {
                    h1 { "Restore from a backup" }
                    p { class: "lead",
                        "Bring back everything from a Mend backup you made on your old phone, and carry on as yourself."
                    }
                    p { class: "hint",
                        "Your partner's phone isn't affected. Afterwards, pair again: your partner invites from their Settings and you join with the code."
                    }
                    RestoreBackup { on_result: after_restore }
                    {status}
                    button {
                        id: "restore-cancel",
                        r#type: "button",
                        class: "link",
                        onclick: move |_| {
                            restored.set(None);
                            step.set(Step::Name);
                        },
                        "Back"
                    }
                },
                Step::Choose => rsx! {
                    h1 { "Hi {me}" }
                    {status}
                    p { class: "lead", "How would you like to begin?" }
                    div { class: "choices-stack",
                        button {
                            id: "onboarding-invite",
                            r#type: "button",
                            class: "big-choice",
                            onclick: move |_| step.set(Step::Pair(PairMode::Invite)),
                            strong { "Invite your partner" }
                            span { "Show a code for your partner to enter." }
                        }
                        button {
                            id: "onboarding-join",
                            r#type: "button",
                            class: "big-choice",
                            onclick: move |_| step.set(Step::Pair(PairMode::Join)),
                            strong { "Join with a code" }
                            span { "Enter the code your partner's phone shows." }
                        }
                        button {
                            id: "onboarding-alone",
                            r#type: "button",
                            class: "big-choice",
                            onclick: move |_| on_done.call(()),
                            strong { "Start on my own — pair later" }
                            span { "Everything stays on this phone until you pair in Settings." }
                        }
                    }
                    // Offered, never asked for: the guide step 1 and Settings come back to it.
                    YourPart {}
                },
                Step::Replaced => rsx! {
                    h1 { "Replacing a lost phone" }
                    if app.read(|s| s.me().is_some()) {
                        p { id: "replaced-done", class: "save-status", role: "status",
                            "You're back. Everything you share came from your partner's phone, and the lost phone can't read anything new."
                        }
                        p { class: "hint",
                            "Your private journal was never on your partner's phone. If you have a sealed backup, restore it in Settings."
                        }
                        div { class: "form-actions",
                            button {
                                id: "replaced-continue",
                                r#type: "button",
                                class: "primary",
                                onclick: move |_| on_done.call(()),
                                "Continue"
                            }
                        }
                    } else if app.read(awaiting_history) {
                        p { id: "replaced-waiting", class: "save-status", role: "status",
                            "Joined. Waiting for your partner's phone to send what you share — keep both phones open and online."
                        }
                    } else {
                        p { class: "lead",
                            "On your partner's phone, they open Settings and choose to replace your lost phone. Enter the code it shows. You become yourself again, with everything you share, and you both move to new keys so the lost phone can't read anything new."
                        }
                        p { id: "replaced-private-note", class: "hint",
                            "Your private journal was never on your partner's phone: it comes back only from a sealed backup. You can restore one now, or later from Settings."
                        }
                        if can_restore {
                            button {
                                id: "replaced-restore-first",
                                r#type: "button",
                                class: "link",
                                onclick: move |_| {
                                    restored.set(None);
                                    step.set(Step::Restore);
                                },
                                "Restore a sealed backup first"
                            }
                        }
                        PairingPanel {
                            mode: PairMode::Join,
                            on_done: move |_| app.bump(),
                            on_cancel: move |_| step.set(Step::Name),
                        }
                    }
                },
                Step::Pair(mode) => rsx! {
                    PairingPanel {
                        mode,
                        on_done: move |_| on_done.call(()),
                        on_cancel: move |_| step.set(Step::Choose),
                    }
                },
            }
        }
    }
}
