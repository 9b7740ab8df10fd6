//! Helpers shared by the core tests: clocks, temp files and quick profiles.

use mend_shared::session::Session;
use mend_shared::time::{Day, ManualClock};
use std::path::PathBuf;
use std::sync::Arc;

pub fn day(y: i32, m: u32, d: u32) -> Day {
    Day::ymd(y, m, d).unwrap()
}

pub fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::at_noon(day(2026, 5, 4), 2))
}

/// A temp folder holding one data file; the folder is removed when dropped.
pub struct TempFile {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn temp_file() -> TempFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mend.sqlite");
    TempFile { _dir: dir, path }
}

/// A session with a profile named `name`, on a fresh file.
pub fn session_named(name: &str, clock: Arc<ManualClock>) -> (Session, TempFile) {
    let file = temp_file();
    let mut s = Session::open_with_clock(&file.path, clock).unwrap();
    s.create_profile(name).unwrap();
    (s, file)
}

/// Exchange every change between two sessions, both ways.
pub fn sync_pair(a: &mut Session, b: &mut Session) {
    let from_a = a.shared_doc().unwrap().changes_since(&[]);
    let from_b = b.shared_doc().unwrap().changes_since(&[]);
    a.apply_shared_changes(&from_b).unwrap();
    b.apply_shared_changes(&from_a).unwrap();
}
