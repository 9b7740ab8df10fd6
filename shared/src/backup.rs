//! JSON backup of this phone's data, and re-import that merges it back.
//!
//! A backup is one JSON document:
//!
//! ```json
//! { "format": "mend-backup", "version": 1, "exported_at": "2026-05-04T12:00:00+02:00",
//!   "partner": "<my partner id, or null before onboarding>",
//!   "shared": "<base64 of the shared document's automerge save>",
//!   "private": "<base64 of the private document's automerge save>",
//!   "readable": { "shared": { ...typed records... }, "private": { ...typed records... } } }
//! ```
//!
//! The `readable` part is for people (it shows everything the backup holds, in plain JSON);
//! import uses only the automerge saves, merging them into this phone's documents the same way
//! sync does, so importing into a phone that already has data loses nothing and importing twice
//! changes nothing. The pair secret is never in a backup: it lives in its own key file beside the
//! data file (see [`crate::sync::KeyStore`]), so whoever holds a backup can read it but can't
//! reach the couple's relay room. Treat a backup like a diary: it holds the private journal.
//!
//! ```
//! use mend_shared::session::Session;
//! use mend_shared::model::{JournalDraft, Visibility};
//! use mend_shared::time::{Day, ManualClock};
//! use std::sync::Arc;
//!
//! let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 2));
//! let mut old = Session::in_memory(clock.clone()).unwrap();
//! old.create_profile("Ana").unwrap();
//! old.add_journal_entry(Visibility::Private, JournalDraft { body: "only mine".into(), ..Default::default() })
//!     .unwrap();
//! let json = old.export_backup().unwrap();
//!
//! let mut new = Session::in_memory(clock).unwrap();
//! let report = new.import_backup(&json).unwrap();
//! assert!(report.adopted_profile);
//! assert_eq!(new.me().unwrap().name, "Ana");
//! assert_eq!(new.private(), old.private());
//! assert!(new.import_backup(&json).unwrap().changed_nothing());
//! ```

mod error;
mod file;

pub use error::BackupError;
pub use file::{BACKUP_FORMAT, BACKUP_VERSION};

use crate::doc::{ChangeSet, SCHEMA_KEY};
use crate::ids::PartnerId;
use crate::session::Session;
use crate::time::Stamp;
use file::{BackupFile, Readable};

/// What importing a backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// When the backup was made.
    pub exported_at: Stamp,
    /// The partner the backup was made for, if it was made after onboarding.
    pub partner: Option<PartnerId>,
    /// Whether this phone took on that partner's identity (it had no profile yet).
    pub adopted_profile: bool,
    /// Shared records created or changed by the merge.
    pub shared_records_changed: usize,
    /// Private records (journal entries, settings) created or changed by the merge.
    pub private_records_changed: usize,
}

impl ImportReport {
    /// Whether the phone already held everything in the backup.
    pub fn changed_nothing(&self) -> bool {
        !self.adopted_profile && self.shared_records_changed == 0 && self.private_records_changed == 0
    }
}

/// How many records a merge changed (the schema marker isn't a record).
fn records(changes: &ChangeSet) -> usize {
    changes.keys.iter().filter(|k| k.as_str() != SCHEMA_KEY).count()
}

impl Session {
    /// Write a backup of both documents as JSON (see the [module docs](crate::backup)).
    pub fn export_backup(&mut self) -> Result<String, BackupError> {
        let shared = self.shared_doc()?.save();
        let private = self.private_doc()?.save();
        let readable = serde_json::to_value(Readable { shared: self.shared(), private: self.private() })?;
        let file = BackupFile {
            format: BACKUP_FORMAT.to_string(),
            version: BACKUP_VERSION,
            exported_at: self.now(),
            partner: self.my_id().cloned(),
            shared: file::encode(&shared),
            private: file::encode(&private),
            readable,
        };
        Ok(serde_json::to_string_pretty(&file)?)
    }

    /// Restore a backup: check it completely first (format, version, base64, well-formed
    /// documents, schema not newer, readable records), then merge both documents into this
    /// phone's, and take on the backup's partner identity if this phone has no profile yet.
    /// A backup of the other partner is refused on a phone that already has a profile, so one
    /// partner's private journal never lands on the other's phone. On any error nothing changed.
    pub fn import_backup(&mut self, json: &str) -> Result<ImportReport, BackupError> {
        let checked = file::check(json)?;
        if let (Some(me), Some(theirs)) = (self.my_id(), &checked.partner)
            && me != theirs
        {
            return Err(BackupError::OtherPartner {
                backup_owner: checked.shared_state.name_of(theirs),
                this_phone: self.shared().name_of(me),
            });
        }
        let shared = self.apply_shared_changes(&checked.shared)?;
        let private = self.apply_private_changes(&checked.private)?;
        let mut adopted_profile = false;
        if self.my_id().is_none()
            && let Some(id) = &checked.partner
        {
            self.adopt_profile(id)?;
            adopted_profile = true;
        }
        Ok(ImportReport {
            exported_at: checked.exported_at,
            partner: checked.partner,
            adopted_profile,
            shared_records_changed: records(&shared),
            private_records_changed: records(&private),
        })
    }
}
