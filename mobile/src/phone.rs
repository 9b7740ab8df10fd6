//! One phone's open data: the session behind a lock, and the channels that tie it to sync.
//!
//! `Phone` is the handle a launcher hands to the app (as root context) and the sync engine keeps:
//! cheap to clone, `Send + Sync`, and the only way views reach the [`Session`]. Views edit through
//! it and the sync engine hears of each local edit; the sync engine applies remote changes
//! through it and every open view re-reads.

use crate::data_dir;
use crate::services::{Backups, Pairing};
use mend_platform::backup_files::BackupFiles;
use mend_platform::reminders::{Notice, Reminders};
use mend_shared::session::{Session, SessionError};
use mend_shared::sync::{self, SyncStatus};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::watch;

/// The file name of the data file inside a data folder.
pub const DATA_FILE: &str = "mend.sqlite";

/// A handle to one phone's session and its seams to pairing, backup and sync.
#[derive(Clone)]
pub struct Phone {
    session: Arc<Mutex<Session>>,
    local_edits: watch::Sender<u64>,
    remote_edits: watch::Sender<u64>,
    status: watch::Sender<SyncStatus>,
    pairing: Option<Arc<dyn Pairing>>,
    backups: Option<Arc<dyn Backups>>,
    reminders: Option<Arc<dyn Reminders>>,
    backup_files: Option<Arc<dyn BackupFiles>>,
    reminder_shown: watch::Sender<Option<Notice>>,
}

impl Phone {
    /// Wrap an open session (tests hand in one over a temp folder and a manual clock).
    pub fn new(session: Session) -> Self {
        Phone {
            session: Arc::new(Mutex::new(session)),
            local_edits: watch::Sender::new(0),
            remote_edits: watch::Sender::new(0),
            status: watch::Sender::new(SyncStatus::default()),
            pairing: None,
            backups: None,
            reminders: None,
            backup_files: None,
            reminder_shown: watch::Sender::new(None),
        }
    }

    /// Open (or create) the data file in `dir`, creating the folder if needed.
    pub fn open_in(dir: &Path) -> Result<Self, OpenError> {
        std::fs::create_dir_all(dir).map_err(|e| OpenError::Folder(dir.to_path_buf(), e))?;
        let path = dir.join(DATA_FILE);
        // Secrets go to the phone's keystore on Android and iOS, to files beside the data elsewhere.
        let secrets = crate::platform::secrets_for(&path).map_err(OpenError::Keystore)?;
        let clock = Arc::new(mend_shared::time::SystemClock);
        let session = Session::open_with_secrets(&path, clock, secrets).map_err(OpenError::Session)?;
        Ok(Phone::new(session))
    }

    /// Open the data file in this device's data folder (see [`data_dir::default_data_dir`]).
    pub fn open_default() -> Result<Self, OpenError> {
        Phone::open_in(&data_dir::default_data_dir())
    }

    /// Offer pairing through `pairing` (the invite, join and unpair screens call it).
    pub fn with_pairing(mut self, pairing: Arc<dyn Pairing>) -> Self {
        self.pairing = Some(pairing);
        self
    }

    /// Offer backup export and import through `backups`.
    pub fn with_backups(mut self, backups: Arc<dyn Backups>) -> Self {
        self.backups = Some(backups);
        self
    }

    /// Plan daily reminders through `reminders`.
    pub fn with_reminders(mut self, reminders: Arc<dyn Reminders>) -> Self {
        self.reminders = Some(reminders);
        self
    }

    /// Save and open backup files through the system's sheets (phones; elsewhere the web view does).
    pub fn with_backup_files(mut self, files: Arc<dyn BackupFiles>) -> Self {
        self.backup_files = Some(files);
        self
    }

    /// Where reminders are planned, if this phone plans them.
    pub fn reminders(&self) -> Option<Arc<dyn Reminders>> {
        self.reminders.clone()
    }

    /// The system's file sheets for backups, on phones.
    pub fn backup_files(&self) -> Option<Arc<dyn BackupFiles>> {
        self.backup_files.clone()
    }

    /// Show `notice` inside the app (the preview's and desktop's reminder banner), or clear it.
    pub fn show_reminder(&self, notice: Option<Notice>) {
        self.reminder_shown.send_replace(notice);
    }

    /// The in-app reminder banner's sender, for a notifier (desktop and the preview).
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    pub(crate) fn clone_banner(&self) -> watch::Sender<Option<Notice>> {
        self.reminder_shown.clone()
    }

    /// The reminder shown inside the app, as it changes.
    pub(crate) fn reminder_shown(&self) -> watch::Receiver<Option<Notice>> {
        self.reminder_shown.subscribe()
    }

    /// The pairing service, if this phone has one.
    pub fn pairing(&self) -> Option<Arc<dyn Pairing>> {
        self.pairing.clone()
    }

    /// The backup service, if this phone has one.
    pub fn backups(&self) -> Option<Arc<dyn Backups>> {
        self.backups.clone()
    }

    /// Whether this phone is paired now, by mend-shared's rule (the couple's keys are on this
    /// phone). After an unpair the partner's history may still be here, but nothing syncs.
    /// Never call this while holding the session (inside [`Phone::read`] or [`Phone::edit`]).
    pub fn is_paired(&self) -> bool {
        // An in-memory session (tests, previews without a folder) has no keys and never pairs.
        sync::is_paired(&self.session).unwrap_or(false)
    }

    /// The shared session, for the sync engine. Hold the lock briefly and never across an await.
    pub fn session(&self) -> Arc<Mutex<Session>> {
        self.session.clone()
    }

    /// Read the session.
    pub fn read<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        f(&self.lock())
    }

    /// Work with the session without telling anyone it changed: for work that changes nothing
    /// (an export that first loads the documents).
    pub fn with_session<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        f(&mut self.lock())
    }

    /// Change the session on the user's behalf; on success the sync engine hears of it.
    pub fn edit<R, E>(&self, f: impl FnOnce(&mut Session) -> Result<R, E>) -> Result<R, E> {
        let result = f(&mut self.lock());
        if result.is_ok() {
            self.local_edits.send_modify(|n| *n += 1);
        }
        result
    }

    /// Apply changes that came from elsewhere (the partner's phone, a restored backup); every open
    /// view re-reads afterwards.
    pub fn apply_remote<R, E>(&self, f: impl FnOnce(&mut Session) -> Result<R, E>) -> Result<R, E> {
        let result = f(&mut self.lock());
        self.remote_edits.send_modify(|n| *n += 1);
        result
    }

    /// Tell open views that the session changed outside [`Phone::edit`].
    pub fn changed_elsewhere(&self) {
        self.remote_edits.send_modify(|n| *n += 1);
    }

    /// A counter that moves after every local edit: the sync engine waits on it to push.
    pub fn local_edits(&self) -> watch::Receiver<u64> {
        self.local_edits.subscribe()
    }

    /// A counter that moves after every edit from anywhere: open views wait on it to re-read.
    pub(crate) fn any_edits(&self) -> [watch::Receiver<u64>; 2] {
        [self.local_edits.subscribe(), self.remote_edits.subscribe()]
    }

    /// Show a new sync status in the top bar.
    pub fn set_sync_status(&self, status: SyncStatus) {
        self.status.send_replace(status);
    }

    /// The sync status as last set.
    pub fn sync_status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Changes of the sync status, for the top bar.
    pub(crate) fn status_changes(&self) -> watch::Receiver<SyncStatus> {
        self.status.subscribe()
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while the lock was held leaves a session whose every edit was all-or-nothing.
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl PartialEq for Phone {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.session, &other.session)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phone")
            .field("pairing", &self.pairing.is_some())
            .field("backups", &self.backups.is_some())
            .field("reminders", &self.reminders)
            .finish_non_exhaustive()
    }
}

/// Why the data could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// The data folder could not be created.
    Folder(PathBuf, std::io::Error),
    /// The data file could not be opened.
    Session(SessionError),
    /// The phone's keystore could not be reached.
    Keystore(String),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Folder(dir, e) => write!(f, "the folder {} could not be created: {e}", dir.display()),
            OpenError::Session(e) => write!(f, "the data file could not be opened: {e}"),
            OpenError::Keystore(e) => write!(f, "the phone's keystore could not be reached: {e}"),
        }
    }
}

impl std::error::Error for OpenError {}
