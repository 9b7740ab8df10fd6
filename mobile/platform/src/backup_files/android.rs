//! Android: the system's save and open dialogs (Storage Access Framework) through
//! `BackupFileActivity` (Kotlin). The picker answers on the UI thread into a field that a small
//! thread here waits on, then hands the answer to the caller.

use super::{BackupFiles, OnPicked, Picked, backup_text};
use crate::PlatformError;
use crate::android::{bridge, call_failed, pick_backup, share_backup, take_picked_backup};
use std::time::Duration;

const SERVICE: &str = "backup files";

/// How often the picker's answer is looked for, and for how long (a person may browse a while).
const POLL: Duration = Duration::from_millis(250);
const GIVE_UP_AFTER: Duration = Duration::from_secs(30 * 60);

/// Backup files through Android's document dialogs.
#[derive(Debug, Clone, Copy, Default)]
pub struct AndroidBackupFiles;

impl BackupFiles for AndroidBackupFiles {
    fn export(&self, file_name: &str, text: &str) -> Result<(), PlatformError> {
        share_backup(bridge(SERVICE)?, file_name, text).map_err(call_failed(SERVICE))
    }

    fn import(&self, done: OnPicked) {
        let bridge = match bridge(SERVICE) {
            Ok(bridge) => bridge,
            Err(e) => return done(Err(e)),
        };
        if let Err(e) = pick_backup(bridge).map_err(call_failed(SERVICE)) {
            return done(Err(e));
        }
        std::thread::spawn(move || {
            let mut waited = Duration::ZERO;
            while waited < GIVE_UP_AFTER {
                match take_picked_backup(bridge).map_err(call_failed(SERVICE)) {
                    Ok(None) => {}
                    Ok(Some(answer)) => return done(read_answer(&answer)),
                    Err(e) => return done(Err(e)),
                }
                std::thread::sleep(POLL);
                waited += POLL;
            }
            done(Ok(Picked::Cancelled))
        });
    }
}

/// The Kotlin side's answer: `text:…`, `cancelled` or `error:…`.
fn read_answer(answer: &str) -> Result<Picked, PlatformError> {
    if let Some(text) = answer.strip_prefix("text:") {
        backup_text(text.as_bytes().to_vec())
    } else if let Some(reason) = answer.strip_prefix("error:") {
        Err(PlatformError::new(SERVICE, reason))
    } else {
        Ok(Picked::Cancelled)
    }
}
