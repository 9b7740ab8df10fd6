//! Backups of this phone's data — sealed under a passphrase — and restoring that merges them back.
//!
//! A backup is made sealed (version 2, see [`sealed`](self) below): a small plain header with the
//! Argon2id parameters and salt, then the plain backup (version 1), compressed and sealed with
//! XChaCha20-Poly1305 under a key from the passphrase. Without the passphrase the file shows
//! nothing but that header. Version 1 backups (plain JSON, from before sealing) still restore,
//! and the report says they were not protected.
//!
//! The plain backup is one JSON document:
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
//! reach the couple's relay room. A plain backup reads like a diary, private journal included:
//! that is why Mend only offers sealed ones.
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
mod sealed;

pub use error::BackupError;
pub use file::{BACKUP_FORMAT, BACKUP_VERSION};
pub use sealed::{MIN_BACKUP_PASSPHRASE_CHARS, SEALED_VERSION};

use crate::doc::{ChangeSet, CrdtDoc, DocState, PrivateState, SCHEMA_KEY, SharedState};
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
    /// Whether the backup was sealed under a passphrase (version 1 backups were not).
    pub sealed: bool,
}

/// A sealed backup ready to save or share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedBackup {
    /// The file's text (JSON: a plain header and the sealed part).
    pub text: String,
    /// A file name for it, e.g. `mend-backup-2026-05-04.json`.
    pub file_name: String,
}

/// Whether `text` looks like a sealed backup, so a restore screen knows to ask for its passphrase.
/// Anything else (a plain backup, or not a backup at all) is answered by the restore itself.
pub fn is_sealed(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Peek {
        format: String,
        version: u64,
    }
    serde_json::from_str::<Peek>(text)
        .map(|p| p.format == BACKUP_FORMAT && p.version == SEALED_VERSION)
        .unwrap_or(false)
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
    /// Make a sealed backup of everything on this phone under `passphrase`, typed twice. The
    /// passphrase must be long and hard to guess (anyone holding the file can try guesses
    /// offline), and not built from the partners' names.
    pub fn export_sealed_backup(
        &mut self,
        passphrase: &str,
        confirm: &str,
    ) -> Result<SealedBackup, BackupError> {
        let names = self.known_words();
        let words: Vec<&str> = names.iter().map(String::as_str).collect();
        sealed::check_passphrase(passphrase, confirm, &words)?;
        let plain = zeroize::Zeroizing::new(self.export_backup()?);
        let text = sealed::seal(&plain, passphrase, &crate::crypto::passphrase::KdfParams::CURRENT)?;
        Ok(SealedBackup { text, file_name: format!("mend-backup-{}.json", self.today()) })
    }

    /// Restore a backup of either version: `passphrase` opens a sealed one and is ignored for a
    /// plain one. Every refusal is specific and changes nothing (see [`Session::import_backup`]).
    pub fn restore_backup(
        &mut self,
        text: &str,
        passphrase: Option<&str>,
    ) -> Result<ImportReport, BackupError> {
        let (checked, sealed) = file::read(text, passphrase)?;
        self.import_checked(checked, sealed)
    }

    /// Write a plain (version 1) backup of both documents as JSON: what a sealed backup holds
    /// inside. Readable by anyone — the app only ever offers sealed backups.
    pub fn export_backup(&mut self) -> Result<String, BackupError> {
        // Its readable part shows every record, the older days of a long first sync included.
        self.settle_history()?;
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

    /// Restore a backup without a passphrase (a plain one; a sealed one is refused with
    /// [`BackupError::PassphraseNeeded`]), all or nothing as far as this phone's store allows:
    /// 1. check the file completely (format, version, seal, base64, well-formed documents,
    ///    schema not newer, readable records, its partner present);
    /// 2. refuse the other partner's backup on a phone that already has a profile, so one
    ///    partner's private journal never lands on the other's phone;
    /// 3. merge both documents into copies of this phone's documents and read the results, so a
    ///    merge that would fail or leave unreadable records fails here, before anything changes;
    /// 4. apply both merges, then take on the backup's partner identity if this phone has none
    ///    yet (a new or reinstalled phone restoring itself).
    ///
    /// Any error in steps 1–3 changes nothing. Step 4 writes each document in its own store
    /// transaction; if the store itself fails between them (a full disk), the error says which
    /// part is in, and importing the same backup again completes it, since merging is idempotent.
    pub fn import_backup(&mut self, json: &str) -> Result<ImportReport, BackupError> {
        self.restore_backup(json, None)
    }

    fn import_checked(&mut self, checked: file::Checked, sealed: bool) -> Result<ImportReport, BackupError> {
        if let (Some(me), Some(theirs)) = (self.my_id(), &checked.partner)
            && me != theirs
        {
            return Err(BackupError::OtherPartner {
                backup_owner: checked.shared_state.name_of(theirs),
                this_phone: self.shared().name_of(me),
            });
        }
        self.trial_merge(&checked)?;
        let shared = self.apply_shared_changes(&checked.shared)?;
        // No sync round follows a restore to read the older days of a large one: read them now.
        self.settle_history()
            .map_err(|e| BackupError::Interrupted { restored: "shared records", reason: e.to_string() })?;
        let private = self
            .apply_private_changes(&checked.private)
            .map_err(|e| BackupError::Interrupted { restored: "shared records", reason: e.to_string() })?;
        let mut adopted_profile = false;
        if self.my_id().is_none()
            && let Some(id) = &checked.partner
        {
            self.adopt_profile(id).map_err(|e| BackupError::Interrupted {
                restored: "shared and private records",
                reason: e.to_string(),
            })?;
            adopted_profile = true;
        }
        // The records are in; a failure to store their view only makes the next open rebuild it.
        let _ = self.write_owed_view();
        Ok(ImportReport {
            exported_at: checked.exported_at,
            partner: checked.partner,
            adopted_profile,
            shared_records_changed: records(&shared),
            private_records_changed: records(&private),
            sealed,
        })
    }
}

impl Session {
    /// Merge the backup into copies of this phone's documents and read every record of the
    /// result; nothing on the phone changes.
    fn trial_merge(&mut self, checked: &file::Checked) -> Result<(), BackupError> {
        let shared = CrdtDoc::from_automerge(self.shared_doc()?.automerge().fork())
            .and_then(|mut doc| doc.apply(&checked.shared).map(|_| doc))
            .and_then(|doc| SharedState::hydrate(&doc))
            .map_err(|e| BackupError::WontMerge { part: "shared document", reason: e.to_string() })?;
        if let Some(p) = &checked.partner
            && shared.partners.get(p.as_str()).is_none()
        {
            return Err(BackupError::WontMerge {
                part: "shared document",
                reason: "the backup's partner would be missing afterwards".into(),
            });
        }
        CrdtDoc::from_automerge(self.private_doc()?.automerge().fork())
            .and_then(|mut doc| doc.apply(&checked.private).map(|_| doc))
            .and_then(|doc| PrivateState::hydrate(&doc))
            .map_err(|e| BackupError::WontMerge { part: "private document", reason: e.to_string() })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckInDraft, JournalDraft, Visibility};
    use crate::time::{Day, ManualClock};
    use std::sync::Arc;

    fn clock() -> Arc<ManualClock> {
        Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 2))
    }

    /// Ana's old phone, on disk, with something in both documents.
    fn old_phone(dir: &std::path::Path) -> Session {
        let mut s = Session::open_with_clock(&dir.join("old.sqlite"), clock()).unwrap();
        s.create_profile("Ana").unwrap();
        s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() }).unwrap();
        s.add_journal_entry(
            Visibility::Private,
            JournalDraft { body: "only mine".into(), ..Default::default() },
        )
        .unwrap();
        s
    }

    #[test]
    fn a_backup_saved_as_a_file_restores_a_new_phone_as_the_same_partner() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = old_phone(dir.path());
        let file = dir.path().join("mend-backup.json");
        std::fs::write(&file, old.export_backup().unwrap()).unwrap();
        drop(old);

        let new_path = dir.path().join("new.sqlite");
        let mut new = Session::open_with_clock(&new_path, clock()).unwrap();
        let report = new.import_backup(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert!(report.adopted_profile);
        drop(new);
        // Reopened from its own file: still Ana, with her check-in and private journal.
        let new = Session::open_with_clock(&new_path, clock()).unwrap();
        assert_eq!(new.me().unwrap().name, "Ana");
        assert_eq!(new.shared().checkins.len(), 1);
        assert_eq!(new.private().journal.len(), 1);
    }

    #[test]
    fn a_storage_failure_part_way_says_what_is_in_and_the_same_backup_finishes_the_job() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = old_phone(dir.path());
        let json = old.export_backup().unwrap();
        let mut new = Session::open_with_clock(&dir.path().join("new.sqlite"), clock()).unwrap();
        // The disk fills up just as the private document is written.
        new.store()
            .connection()
            .execute_batch(
                "CREATE TRIGGER full_disk BEFORE INSERT ON chunks WHEN NEW.doc = 'private'
                 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
            )
            .unwrap();
        let err = new.import_backup(&json).unwrap_err();
        assert!(matches!(err, BackupError::Interrupted { restored: "shared records", .. }), "{err}");
        assert!(err.to_string().contains("restore the same backup again"), "{err}");
        assert!(new.private().journal.is_empty() && new.me().is_none());

        new.store().connection().execute_batch("DROP TRIGGER full_disk;").unwrap();
        let report = new.import_backup(&json).unwrap();
        assert!(report.adopted_profile);
        assert_eq!(report.shared_records_changed, 0, "the shared part was already in");
        assert_eq!(new.private(), old.private());
        assert_eq!(new.shared(), old.shared());
    }

    #[test]
    fn a_refused_backup_changes_nothing_on_the_phone() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = old_phone(dir.path());
        let json = old.export_backup().unwrap();
        let mut ben = Session::open_with_clock(&dir.path().join("ben.sqlite"), clock()).unwrap();
        ben.create_profile("Ben").unwrap();
        let before = (ben.shared().clone(), ben.private().clone());
        assert!(matches!(ben.import_backup(&json), Err(BackupError::OtherPartner { .. })));
        assert_eq!((ben.shared().clone(), ben.private().clone()), before);
    }
}
