//! Making a sealed backup: a passphrase typed twice, then a file to save and the same text to
//! copy; and restoring from one.

use super::{RestoreBackup, SecretInput};
use crate::background::off_thread;
use crate::files::data_url;
use crate::services::{ExportedBackup, ServiceError};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::backup::MIN_BACKUP_PASSPHRASE_CHARS;

/// Backup export and import (shown when the phone has a backup service).
#[component]
pub fn BackupPanel() -> Element {
    let app = use_app();
    let mut passphrase = use_signal(String::new);
    let mut confirm = use_signal(String::new);
    let mut exported = use_signal(|| None::<(ExportedBackup, String)>);
    let mut busy = use_signal(|| false);
    let mut export_error = use_signal(|| None::<String>);
    let mut status = use_signal(|| None::<(bool, String)>);
    let Some(backups) = app.phone().backups() else {
        return rsx! {};
    };
    let export = move |_| {
        if busy() {
            return;
        }
        busy.set(true);
        exported.set(None);
        status.set(None);
        let (phone, backups) = (app.phone(), backups.clone());
        let (pass, again) = (passphrase(), confirm());
        spawn(async move {
            // Sealing derives the key with Argon2id (about half a second, on purpose).
            let result = off_thread(move || phone.with_session(|s| backups.export(s, &pass, &again)))
                .await
                .unwrap_or_else(|stopped| {
                    Err(ServiceError::new(crate::words::sentence(&stopped.to_string())))
                });
            busy.set(false);
            match result {
                Ok(backup) => {
                    passphrase.set(String::new());
                    confirm.set(String::new());
                    export_error.set(None);
                    let href = data_url("application/json", &backup.text);
                    exported.set(Some((backup, href)));
                    status.set(Some((
                        true,
                        "Your sealed backup is ready. Save the file or copy the text, and keep the passphrase somewhere apart from it."
                            .into(),
                    )));
                }
                Err(e) => export_error.set(Some(e.message)),
            }
        });
    };
    rsx! {
        div { class: "backup",
            p {
                "A backup holds everything on this phone, your private journal included, sealed under a passphrase you choose. Without the passphrase nobody can open it — not your partner, not us — so keep it safe."
            }
            SecretInput {
                id: "backup-passphrase",
                label: "Backup passphrase",
                hint: format!("At least {MIN_BACKUP_PASSPHRASE_CHARS} characters and hard to guess: a few unrelated words work well."),
                value: passphrase(),
                error: export_error(),
                oninput: move |v| passphrase.set(v),
            }
            SecretInput {
                id: "backup-passphrase-confirm",
                label: "The passphrase again",
                value: confirm(),
                oninput: move |v| confirm.set(v),
            }
            div { class: "form-actions",
                button {
                    id: "backup-export",
                    r#type: "button",
                    disabled: busy() || passphrase.read().is_empty(),
                    onclick: export,
                    if busy() { "Sealing…" } else { "Make a sealed backup" }
                }
            }
            if let Some((backup, href)) = exported() {
                div { class: "form-actions",
                    a {
                        id: "backup-download",
                        class: "button-link",
                        href: "{href}",
                        download: "{backup.file_name}",
                        "Save the backup file"
                    }
                }
                div { class: "field",
                    label { r#for: "backup-json", "Or copy it as text" }
                    textarea { id: "backup-json", readonly: true, rows: "4", value: "{backup.text}" }
                }
            }
            RestoreBackup {
                on_result: move |result: Result<String, String>| match result {
                    Ok(summary) => status.set(Some((true, summary))),
                    Err(message) => status.set(Some((false, message))),
                },
            }
            if let Some((ok, message)) = status() {
                p {
                    id: "backup-status",
                    class: if ok { "save-status" } else { "field-error" },
                    role: if ok { "status" } else { "alert" },
                    "{message}"
                }
            }
        }
    }
}
