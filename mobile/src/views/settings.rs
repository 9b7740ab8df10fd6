//! Settings: my name, my part, look, sync and pairing, the relay address, backups, and what is
//! shared.

use crate::components::{
    BackupPanel, FieldError, FormError, LockPanel, PairMode, PairingPanel, TextInput, UnpairPanel,
    UnpairWork, YourPart,
};
use crate::services::{DEFAULT_RELAY, KeepData};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::doc::Setting;
use mend_shared::model::TextField;

const THEMES: [(&str, &str); 3] = [("system", "Like the phone"), ("light", "Light"), ("dark", "Dark")];

/// The Settings screen.
#[component]
pub fn Settings() -> Element {
    let app = use_app();
    let mut name = use_signal(|| app.peek(|s| s.me().map(|p| p.name.clone()).unwrap_or_default()));
    let mut name_error = use_signal(FormError::none);
    let mut name_saved = use_signal(|| false);
    let mut relay =
        use_signal(|| app.peek(|s| s.private().setting(Setting::RelayUrl).unwrap_or_default().to_string()));
    let mut relay_error = use_signal(|| None::<String>);
    let mut relay_saved = use_signal(|| false);
    let mut pairing = use_signal(|| None::<PairMode>);
    let mut theme_error = use_signal(|| None::<String>);
    let mut unpaired = use_signal(|| None::<KeepData>);
    let mut unpair_work = use_signal(UnpairWork::default);
    let (theme, partner, relay_now, has_pairing, has_backups) = app.read(|s| {
        (
            s.private().setting(Setting::Theme).unwrap_or("system").to_string(),
            s.partner().map(|p| p.name.clone()),
            s.private().setting(Setting::RelayUrl).map(str::to_string).or(DEFAULT_RELAY.map(str::to_string)),
            app.phone().pairing().is_some(),
            app.phone().backups().is_some(),
        )
    });
    // mend-shared decides: paired means this phone holds the couple's keys. A partner in the
    // data alone may be a copy kept after unpairing.
    let paired = app.paired();
    let status = app.status.read().clone();
    let name_field = TextField::Name.limit().field;

    // Runs here, not in the panel: success ends the pairing and with it the panel.
    let start_unpair = move |keep: KeepData| {
        let Some(service) = app.phone().pairing() else { return };
        unpair_work.set(UnpairWork::Working);
        unpaired.set(None);
        spawn(async move {
            match service.unpair(keep).await {
                Ok(()) => {
                    unpair_work.set(UnpairWork::Idle);
                    unpaired.set(Some(keep));
                    app.bump();
                }
                Err(e) => unpair_work.set(UnpairWork::Failed(e.message)),
            }
        });
    };
    let save_name = move |_| match app.edit(|s| s.rename(&name())) {
        Ok(()) => {
            name_error.set(FormError::none());
            name_saved.set(true);
        }
        Err(e) => {
            name_error.set(FormError::from_session(&e));
            name_saved.set(false);
        }
    };
    let save_relay = move |_| match app.edit(|s| s.set_relay_url(&relay())) {
        Ok(url) => {
            relay.set(url);
            relay_error.set(None);
            relay_saved.set(true);
        }
        Err(e) => {
            relay_error.set(Some(e.to_string()));
            relay_saved.set(false);
        }
    };

    rsx! {
        div { class: "screen settings",
            section { class: "card", "aria-labelledby": "profile-title",
                h2 { id: "profile-title", "You" }
                TextInput {
                    id: "settings-name",
                    label: "Your name",
                    value: name(),
                    error: name_error.read().for_field(name_field),
                    oninput: move |v| {
                        name.set(v);
                        name_saved.set(false);
                    },
                }
                div { class: "form-actions",
                    button { id: "settings-name-save", r#type: "button", onclick: save_name, "Save name" }
                    if name_saved() {
                        p { class: "save-status", role: "status", "Saved" }
                    }
                }
                FieldError { id: "settings-name-form-error", message: name_error.read().rest(&[name_field]) }
            }
            YourPart {}
            section { class: "card", "aria-labelledby": "look-title",
                h2 { id: "look-title", "Look" }
                div { class: "choice-row", role: "group", "aria-labelledby": "look-title",
                    for (key, label) in THEMES {
                        button {
                            key: "{key}",
                            id: "theme-{key}",
                            r#type: "button",
                            class: "choice",
                            "aria-pressed": "{theme == key}",
                            onclick: move |_| match app.edit(|s| s.set_setting(Setting::Theme, key)) {
                                Ok(()) => theme_error.set(None),
                                Err(e) => theme_error.set(Some(format!("The look wasn't changed: {e}."))),
                            },
                            "{label}"
                        }
                    }
                }
                FieldError { id: "theme-error", message: theme_error() }
            }
            section { class: "card", "aria-labelledby": "pairing-title",
                h2 { id: "pairing-title", "Your partner" }
                p { id: "sync-description", "{status.describe()}" }
                if paired {
                    p { id: "sharing-with",
                        match &partner {
                            Some(name) => rsx! { "You're sharing with {name}." },
                            None => rsx! { "You're paired. Your partner's things arrive here once their phone syncs." },
                        }
                    }
                } else if let Some(name) = &partner {
                    p { id: "past-partner", class: "quiet-note",
                        "You're not paired with {name} now. What you shared before stays on this phone as a copy: it no longer syncs, and nothing you write reaches {name}."
                    }
                }
                if let Some(keep) = unpaired() {
                    p { id: "unpair-status", class: "save-status", role: "status",
                        match keep {
                            KeepData::Keep => "Unpaired. What you shared is still here, only on this phone.",
                            KeepData::Delete => "Unpaired. The shared history was removed from this phone.",
                        }
                    }
                }
                if let Some(mode) = pairing() {
                    PairingPanel {
                        mode,
                        on_done: move |_| pairing.set(None),
                        on_cancel: move |_| pairing.set(None),
                    }
                } else if !has_pairing {
                    p { class: "quiet", "Pairing isn't available on this phone yet." }
                } else if paired {
                    if let Some(name) = &partner {
                        p { class: "hint",
                            "Did {name} lose their phone, or was it stolen? Bring their new phone in with a code. You both move to new keys at once, so the lost phone can't read anything written afterwards."
                        }
                        div { class: "form-actions",
                            button {
                                id: "settings-replace",
                                r#type: "button",
                                onclick: move |_| {
                                    unpaired.set(None);
                                    pairing.set(Some(PairMode::Replace));
                                },
                                "Replace {name}'s lost phone"
                            }
                        }
                    }
                    UnpairPanel {
                        partner: partner.clone().unwrap_or_else(|| "your partner".to_string()),
                        work: unpair_work(),
                        on_unpair: start_unpair,
                        on_back: move |_| unpair_work.set(UnpairWork::Idle),
                    }
                } else {
                    div { class: "form-actions",
                        button {
                            id: "settings-invite",
                            r#type: "button",
                            onclick: move |_| {
                                unpaired.set(None);
                                pairing.set(Some(PairMode::Invite));
                            },
                            "Invite your partner"
                        }
                        button {
                            id: "settings-join",
                            r#type: "button",
                            onclick: move |_| {
                                unpaired.set(None);
                                pairing.set(Some(PairMode::Join));
                            },
                            "Join with a code"
                        }
                    }
                }
            }
            section { class: "card", "aria-labelledby": "relay-title",
                h2 { id: "relay-title", "Relay" }
                p { class: "hint",
                    "The relay passes your sealed changes between your phones. It only ever sees encrypted data."
                }
                if paired {
                    // Sync keeps using the relay it paired through; a new address would only take
                    // effect after a restart, and only if the partner moved too. So it stays fixed.
                    p { class: "field-label", "Relay address" }
                    p { id: "settings-relay-locked", class: "relay-address",
                        {relay_now.clone().unwrap_or_else(|| "not set".to_string())}
                    }
                    p { class: "hint",
                        "Both phones use this relay while you're paired. To move to another relay, unpair, change the address on both phones, and pair again."
                    }
                } else {
                    TextInput {
                        id: "settings-relay",
                        label: "Relay address",
                        value: relay(),
                        error: relay_error(),
                        oninput: move |v| {
                            relay.set(v);
                            relay_saved.set(false);
                        },
                    }
                    div { class: "form-actions",
                        button { id: "settings-relay-save", r#type: "button", onclick: save_relay, "Save address" }
                        if relay_saved() {
                            p { class: "save-status", role: "status", "Saved" }
                        }
                    }
                }
            }
            section { class: "card", "aria-labelledby": "lock-title",
                h2 { id: "lock-title", "App lock" }
                LockPanel {}
            }
            if has_backups {
                section { class: "card", "aria-labelledby": "backup-title",
                    h2 { id: "backup-title", "Backup" }
                    BackupPanel {}
                }
            }
            section { class: "card", "aria-labelledby": "privacy-title",
                h2 { id: "privacy-title", "What is shared" }
                p {
                    "Your private journal and settings are never sent to your partner or the relay; they leave this phone only in a backup you export yourself. Check-ins, promises, marks, replies and shared journal entries go only to your partner, end-to-end encrypted."
                }
                p { "Mend never tracks where you are or what else you do on your phone." }
            }
        }
    }
}
