//! Backups through mend-shared's backup format: export everything, import by merging.

use super::{Backups, ServiceError};
use mend_shared::session::Session;

/// The real backup service.
#[derive(Debug, Clone, Copy, Default)]
pub struct SessionBackups;

impl Backups for SessionBackups {
    fn export(&self, session: &mut Session) -> Result<String, ServiceError> {
        session.export_backup().map_err(|e| ServiceError::new(format!("The backup couldn't be made: {e}.")))
    }

    fn import(&self, session: &mut Session, json: &str) -> Result<String, ServiceError> {
        let report = session
            .import_backup(json)
            .map_err(|e| ServiceError::new(format!("Nothing was restored: {e}.")))?;
        Ok(if report.changed_nothing() {
            "Everything in this backup was already on this phone.".to_string()
        } else {
            format!(
                "Restored {} shared and {} private records.",
                report.shared_records_changed, report.private_records_changed
            )
        })
    }
}
