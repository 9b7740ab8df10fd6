//! Restoring from a backup's text: the field, the button, and the service's answer.

use super::TextInput;
use crate::state::use_app;
use dioxus::prelude::*;

/// The restore form (shown when the phone has a backup service). `on_result` hears the service's
/// summary, or why nothing was restored; mend-shared makes the restore all-or-nothing.
#[component]
pub fn RestoreBackup(on_result: EventHandler<Result<String, String>>) -> Element {
    let app = use_app();
    let mut text = use_signal(String::new);
    let Some(backups) = app.phone().backups() else {
        return rsx! {};
    };
    let restore = move |_| {
        // A restore brings in records from elsewhere: every view re-reads, and sync hears of it
        // like any local change so a paired partner gets what was restored.
        match app.edit(|s| backups.import(s, &text())) {
            Ok(summary) => {
                text.set(String::new());
                on_result.call(Ok(summary));
            }
            Err(e) => on_result.call(Err(e.message)),
        }
    };
    rsx! {
        TextInput {
            id: "backup-import-text",
            label: "Restore from a backup",
            hint: "Paste the text of a Mend backup here.",
            value: text(),
            multiline: true,
            oninput: move |v| text.set(v),
        }
        button {
            id: "backup-import",
            r#type: "button",
            disabled: text.read().trim().is_empty(),
            onclick: restore,
            "Restore"
        }
    }
}
