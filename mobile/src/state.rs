//! The views' handle on the phone: reads that re-run when anything changes, and edits that say so.

use crate::Phone;
use dioxus::prelude::*;
use mend_shared::lock::AppLock;
use mend_shared::session::Session;
use mend_shared::sync::SyncStatus;

/// Provided once by the app root; every view gets it with [`use_app`]. It is `Copy`, so event
/// handlers can capture it freely.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AppState {
    phone: CopyValue<Phone>,
    /// Moves after every change, so views that read it re-render and re-read the session.
    revision: Signal<u64>,
    /// The sync status shown in the top bar.
    pub status: Signal<SyncStatus>,
    /// The app lock as set in Settings (`None`: off).
    pub lock: Signal<Option<AppLock>>,
    /// Whether the lock screen shows instead of the app.
    pub locked: Signal<bool>,
}

impl AppState {
    /// A handle for `phone` (call inside a component: it creates signals).
    /// The app starts locked whenever the lock is on; a lock record that can't be read keeps it
    /// locked too (failing open would let anyone in).
    pub fn new(phone: Phone) -> Self {
        let status = Signal::new(phone.sync_status());
        let (lock, locked) = match phone.read(|s| s.app_lock()) {
            Ok(lock) => (lock, lock.is_some()),
            Err(e) => {
                tracing::warn!("the app lock could not be read: {e}");
                (None, true)
            }
        };
        AppState {
            phone: CopyValue::new(phone),
            revision: Signal::new(0),
            status,
            lock: Signal::new(lock),
            locked: Signal::new(locked),
        }
    }

    /// Show the lock screen now, if the lock is on (the "Lock now" button, and time away).
    pub fn lock_now(&self) {
        if self.lock.peek().is_some() {
            let mut locked = self.locked;
            locked.set(true);
        }
    }

    /// Re-read the lock's settings after Settings changed them.
    pub fn refresh_lock(&self) {
        let mut lock = self.lock;
        lock.set(self.peek(|s| s.app_lock().ok().flatten()));
    }

    /// The phone.
    pub fn phone(&self) -> Phone {
        self.phone.cloned()
    }

    /// Read the session; the calling component re-renders after any change.
    pub fn read<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.revision.read();
        self.phone.read().read(f)
    }

    /// Whether this phone is paired now; the calling component re-renders after any change
    /// (pairing and unpairing both move the revision).
    pub fn paired(&self) -> bool {
        self.revision.read();
        self.phone.read().is_paired()
    }

    /// Read the session without subscribing (for initial form values).
    pub fn peek<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.phone.read().read(f)
    }

    /// Change the session; on success every view re-reads.
    pub fn edit<R, E>(&self, f: impl FnOnce(&mut Session) -> Result<R, E>) -> Result<R, E> {
        let result = self.phone().edit(f);
        if result.is_ok() {
            self.bump();
        }
        result
    }

    /// Make every view re-read (after a change made elsewhere).
    pub fn bump(&self) {
        let mut revision = self.revision;
        revision += 1;
    }
}

/// The app state provided by the root.
pub fn use_app() -> AppState {
    use_context::<AppState>()
}
