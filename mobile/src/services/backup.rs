//! The backup seam: everything on this phone as a sealed backup file, and restoring from one.

use super::ServiceError;
use mend_shared::session::Session;

/// A backup ready to save as a file or copy as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedBackup {
    /// The file's text.
    pub text: String,
    /// A name for the file.
    pub file_name: String,
}

/// Export and import of backups (the format and its rules belong in mend-shared).
pub trait Backups: Send + Sync + 'static {
    /// Everything on this phone, sealed under `passphrase` (typed twice as `confirm`).
    fn export(
        &self,
        session: &mut Session,
        passphrase: &str,
        confirm: &str,
    ) -> Result<ExportedBackup, ServiceError>;

    /// Restore from `text`, opening it with `passphrase` if it is sealed; returns a short summary
    /// for the screen (e.g. "Restored 120 records"). Nothing changes if the backup is refused.
    fn import(
        &self,
        session: &mut Session,
        text: &str,
        passphrase: Option<&str>,
    ) -> Result<String, ServiceError>;
}
