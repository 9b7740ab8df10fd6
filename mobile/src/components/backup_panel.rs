//! Exporting everything as a JSON backup, and restoring from one.

use super::TextInput;
use crate::state::use_app;
use dioxus::prelude::*;

/// Backup export and import (shown when the phone has a backup service).
#[component]
pub fn BackupPanel() -> Element {
    let app = use_app();
    let mut exported = use_signal(|| None::<String>);
    let mut restore_text = use_signal(String::new);
    let mut status = use_signal(|| None::<(bool, String)>);
    let Some(backups) = app.phone().backups() else {
        return rsx! {};
    };
    let exporter = backups.clone();
    let export = move |_| match app.phone().with_session(|s| exporter.export(s)) {
        Ok(json) => {
            exported.set(Some(json));
            status.set(Some((true, "Backup ready: copy the text below and keep it somewhere safe.".into())));
        }
        Err(e) => status.set(Some((false, e.message))),
    };
    let import = move |_| match app.edit(|s| backups.import(s, &restore_text())) {
        Ok(summary) => {
            restore_text.set(String::new());
            status.set(Some((true, summary)));
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
            TextInput {
                id: "backup-import-text",
                label: "Restore from a backup",
                hint: "Paste the backup text here.",
                value: restore_text(),
                multiline: true,
                oninput: move |v| restore_text.set(v),
            }
            button {
                id: "backup-import",
                r#type: "button",
                disabled: restore_text.read().trim().is_empty(),
                onclick: import,
                "Restore"
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
