//! A phone: a session on a real SQLite file in its own folder, with a hand-set clock.

use mend_shared::session::Session;
use mend_shared::sync::SharedSession;
use mend_shared::time::{Clock, Day, ManualClock};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One partner's phone.
#[derive(Debug)]
pub struct Phone {
    /// The session, shared with the sync engine.
    pub session: SharedSession,
    /// The phone's clock.
    pub clock: Arc<ManualClock>,
    dir: tempfile::TempDir,
}

/// A calendar day.
pub fn day(y: i32, m: u32, d: u32) -> Day {
    Day::ymd(y, m, d).expect("valid date")
}

impl Phone {
    /// A phone with a profile named `name` (no profile if `None`), its clock at noon on `today`.
    pub fn new(name: Option<&str>, today: Day) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(ManualClock::at_noon(today, 1));
        let mut session =
            Session::open_with_clock(&dir.path().join("mend.sqlite"), clock.clone()).expect("open");
        if let Some(name) = name {
            session.create_profile(name).expect("profile");
        }
        Self { session: Arc::new(Mutex::new(session)), clock, dir }
    }

    /// The phone's data file.
    pub fn data_path(&self) -> PathBuf {
        self.dir.path().join("mend.sqlite")
    }

    /// Run `f` with the session locked.
    pub fn with<T>(&self, f: impl FnOnce(&mut Session) -> T) -> T {
        f(&mut mend_shared::sync::lock(&self.session))
    }

    /// A phone with the same profile and data in a folder of its own, as a backup copy of this
    /// one's files would be: same device, same keys, same clock reading (a clock of its own).
    pub fn copy(&self) -> Phone {
        let dir = tempfile::tempdir().expect("temp dir");
        self.with(|s| {
            // Everything committed goes into the main file, so copying it alone copies it all.
            s.store().connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint")
        });
        for name in ["mend.sqlite", "mend.sqlite.keys", "mend.sqlite.lock"] {
            let from = self.dir.path().join(name);
            if from.exists() {
                std::fs::copy(&from, dir.path().join(name)).expect("copy");
            }
        }
        let clock = Arc::new(ManualClock::new(self.clock.stamp().0));
        let session =
            Session::open_with_clock(&dir.path().join("mend.sqlite"), clock.clone()).expect("open copy");
        Self { session: Arc::new(Mutex::new(session)), clock, dir }
    }

    /// Close and reopen the session from disk, as after an app restart.
    pub fn restart(&self) {
        let clock = self.clock.clone();
        let mut guard = mend_shared::sync::lock(&self.session);
        let placeholder = Session::in_memory(clock.clone()).expect("placeholder");
        drop(std::mem::replace(&mut *guard, placeholder));
        *guard = Session::open_with_clock(&self.data_path(), clock).expect("reopen");
    }
}
