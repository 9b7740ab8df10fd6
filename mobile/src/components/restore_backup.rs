//! Restoring from a backup: choose its file or paste its text, give the passphrase of a sealed
//! one, and hear the service's answer.

use super::{SecretInput, TextInput};
use crate::background::off_thread;
use crate::files::{FileContent, read_chosen_files};
use crate::services::ServiceError;
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::backup::is_sealed;

/// The restore form (shown when the phone has a backup service). `on_result` hears the service's
/// summary, or why nothing was restored; mend-shared makes the restore all-or-nothing.
#[component]
pub fn RestoreBackup(on_result: EventHandler<Result<String, String>>) -> Element {
    let app = use_app();
    let mut text = use_signal(String::new);
    let mut passphrase = use_signal(String::new);
    let mut chosen = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    use_future(move || async move {
        read_chosen_files("backup-import-file", |file| match file.content {
            FileContent::Text(t) => {
                text.set(t);
                chosen.set(Some(file.name));
            }
            FileContent::Error(why) => {
                on_result.call(Err(format!("Nothing was restored: “{}” {why}.", file.name)))
            }
        })
        .await;
    });
    let Some(backups) = app.phone().backups() else {
        return rsx! {};
    };
    let sealed = is_sealed(&text.read());
    let restore = move |_| {
        if busy() {
            return;
        }
        busy.set(true);
        let (phone, backups) = (app.phone(), backups.clone());
        let (typed, pass) = (text(), passphrase());
        spawn(async move {
            // Opening a sealed backup derives its key with Argon2id (about half a second).
            let result = off_thread(move || {
                // A restore brings in records from elsewhere: every view re-reads, and sync hears
                // of it like any local change so a paired partner gets what was restored.
                phone.edit(|s| backups.import(s, &typed, Some(pass.as_str()).filter(|p| !p.is_empty())))
            })
            .await
            .unwrap_or_else(|stopped| Err(ServiceError::new(crate::words::sentence(&stopped.to_string()))));
            busy.set(false);
            match result {
                Ok(summary) => {
                    app.bump();
                    text.set(String::new());
                    passphrase.set(String::new());
                    chosen.set(None);
                    on_result.call(Ok(summary));
                }
                Err(e) => on_result.call(Err(e.message)),
            }
        });
    };
    rsx! {
        div { class: "field",
            label { r#for: "backup-import-file", "Restore from a backup file" }
            input { id: "backup-import-file", r#type: "file", accept: ".json,application/json,text/plain" }
            if let Some(name) = chosen() {
                p { id: "backup-import-chosen", class: "hint", role: "status", "Read “{name}”." }
            }
        }
        TextInput {
            id: "backup-import-text",
            label: "Or paste a backup's text",
            value: text(),
            multiline: true,
            oninput: move |v| {
                text.set(v);
                chosen.set(None);
            },
        }
        if sealed {
            SecretInput {
                id: "backup-import-passphrase",
                label: "The backup's passphrase",
                value: passphrase(),
                oninput: move |v| passphrase.set(v),
            }
        }
        button {
            id: "backup-import",
            r#type: "button",
            disabled: busy() || text.read().trim().is_empty(),
            onclick: restore,
            if busy() { "Opening…" } else { "Restore" }
        }
    }
}
