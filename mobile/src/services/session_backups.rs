//! Backups through mend-shared's backup format: export sealed, import either version by merging.

use super::{Backups, ExportedBackup, ServiceError};
use mend_shared::backup::BackupError;
use mend_shared::session::Session;

/// The real backup service.
#[derive(Debug, Clone, Copy, Default)]
pub struct SessionBackups;

impl Backups for SessionBackups {
    fn export(
        &self,
        session: &mut Session,
        passphrase: &str,
        confirm: &str,
    ) -> Result<ExportedBackup, ServiceError> {
        let sealed = session.export_sealed_backup(passphrase, confirm).map_err(|e| match e {
            // The passphrase's own problems read as advice, not as a failure.
            BackupError::PassphraseTooShort { .. }
            | BackupError::PassphraseTooLong { .. }
            | BackupError::PassphraseTooEasy { .. }
            | BackupError::PassphrasesDiffer => ServiceError::new(crate::words::sentence(&e.to_string())),
            other => ServiceError::new(format!("The backup couldn't be made: {other}.")),
        })?;
        Ok(ExportedBackup { text: sealed.text, file_name: sealed.file_name })
    }

    fn import(
        &self,
        session: &mut Session,
        text: &str,
        passphrase: Option<&str>,
    ) -> Result<String, ServiceError> {
        let report = session
            .restore_backup(text, passphrase)
            .map_err(|e| ServiceError::new(format!("Nothing was restored: {e}.")))?;
        let summary = if report.changed_nothing() {
            "Everything in this backup was already on this phone.".to_string()
        } else {
            format!(
                "Restored {} shared and {} private records.",
                report.shared_records_changed, report.private_records_changed
            )
        };
        Ok(if report.sealed {
            summary
        } else {
            format!(
                "{summary} This backup was made before Mend sealed backups, so it isn't protected by a \
                 passphrase: make a sealed one in Settings, then delete the old file."
            )
        })
    }
}
