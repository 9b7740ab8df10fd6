//! Exporting everything as a JSON backup, and restoring from one.

use super::RestoreBackup;
use crate::state::use_app;
use dioxus::prelude::*;

/// Backup export and import (shown when the phone has a backup service).
#[component]
pub fn BackupPanel() -> Element {
    let app = use_app();
    let mut exported = use_signal(|| None::<String>);
    let mut status = use_signal(|| None::<(bool, String)>);
    let Some(backups) = app.phone().backups() else {
        return rsx! {};
    };
    let export = move |_| match app.phone().with_session(|s| backups.export(s)) {
        Ok(json) => {
            exported.set(Some(json));
            status.set(Some((true, "Backup ready: copy the text below and keep it somewhere safe.".into())));
        }
        Err(e) => status.set(Some((false, e.message))),
    };
    rsx! {
        div { class: "backup",
            p { "A backup holds everything on this phone as text. Keep it private: it isn't encrypted." }
            button { id: "backup-export", r#type: "button", onclick: export, "Make a backup" }
            if let Some(json) = exported() {
                div { class: "field",
                    label { r#for: "backup-json", "Your backup" }
                    textarea { id: "backup-json", readonly: true, rows: "6", value: "{json}" }
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
