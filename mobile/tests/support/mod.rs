//! Test support: phones over temp folders with a hand-set clock, a `Screen` that renders the App
//! with dioxus-ssr and dispatches synthetic events to elements found by their id, and fake
//! pairing and backup services.
#![allow(dead_code)]

pub mod screen;
pub mod services;

pub use screen::Screen;
#[allow(unused_imports)]
pub use services::{FakeBackups, FakePairing};

use mend_mobile::Phone;
use mend_shared::crypto::PairSecret;
use mend_shared::session::Session;
use mend_shared::sync::KeyStore;
use mend_shared::time::{Day, ManualClock};
use std::sync::Arc;

/// Monday 2026-05-04: "today" in every test unless a test moves the clock.
pub fn monday() -> Day {
    Day::ymd(2026, 5, 4).unwrap()
}

/// A phone over a temp data folder, with the clock it reads.
pub struct TestPhone {
    pub phone: Phone,
    pub clock: Arc<ManualClock>,
    _dir: tempfile::TempDir,
}

impl TestPhone {
    /// A fresh phone with no profile yet, at noon on [`monday`].
    pub fn fresh() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::at_noon(monday(), 2));
        let session = Session::open_with_clock(&dir.path().join("mend.sqlite"), clock.clone()).unwrap();
        TestPhone { phone: Phone::new(session), clock, _dir: dir }
    }

    /// A phone whose partner profile is `name`.
    pub fn named(name: &str) -> Self {
        let p = Self::fresh();
        p.phone.edit(|s| s.create_profile(name)).unwrap();
        p
    }

    /// Run `f` on the session.
    pub fn with<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        self.phone.with_session(f)
    }

    /// Move the clock forward by whole days.
    pub fn advance_days(&self, days: i64) {
        self.clock.advance(chrono::Duration::days(days));
    }

    /// The key file of this phone: mend-shared's record that it is paired.
    pub fn keys(&self) -> KeyStore {
        KeyStore::beside(&self._dir.path().join("mend.sqlite"))
    }

    /// This phone's app with a [`FakePairing`] that writes its real key file, and that service.
    pub fn with_fake_pairing(&self) -> (Phone, Arc<FakePairing>) {
        let pairing = Arc::new(FakePairing::on(self));
        (self.phone.clone().with_pairing(pairing.clone()), pairing)
    }

    /// Whether mend-shared counts this phone as paired.
    pub fn is_paired(&self) -> bool {
        self.phone.is_paired()
    }
}

/// Make `a` and `b` a couple the way pairing leaves them: the same pair secret in each phone's
/// key file (the relay itself is exercised in the preview and browser tests).
pub fn pair(a: &TestPhone, b: &TestPhone) {
    let secret = PairSecret::random();
    a.keys().save(&secret).unwrap();
    b.keys().save(&secret).unwrap();
}

/// Hand every change of `from`'s shared document to `to`, as the relay would.
pub fn send(from: &TestPhone, to: &TestPhone) {
    let changes = from.with(|s| s.shared_doc().unwrap().changes_since(&[]));
    to.phone.apply_remote(|s| s.apply_shared_changes(&changes)).unwrap();
}

/// The App for `phone`, opened on a guide step from the guide tab, as a partner would.
pub fn open_step(phone: &TestPhone, step: mend_shared::guide::StepId) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("tab-guide");
    screen.click(&format!("step-{step}"));
    screen
}

/// Exchange changes both ways between paired phones (pairing them first if they aren't yet).
pub fn sync(a: &TestPhone, b: &TestPhone) {
    if !(a.is_paired() && b.is_paired()) {
        pair(a, b);
    }
    send(a, b);
    send(b, a);
}
