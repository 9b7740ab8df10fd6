//! The backup seam: everything on this phone as JSON text, and restoring from it.

use super::ServiceError;
use mend_shared::session::Session;

/// Export and import of a JSON backup (the format and its rules belong in mend-shared).
pub trait Backups: Send + Sync + 'static {
    /// Everything on this phone as JSON text that [`Backups::import`] accepts.
    fn export(&self, session: &mut Session) -> Result<String, ServiceError>;

    /// Restore from `json`; returns a short summary for the screen (e.g. "Restored 120 records").
    /// Nothing changes if the backup is refused.
    fn import(&self, session: &mut Session, json: &str) -> Result<String, ServiceError>;
}
