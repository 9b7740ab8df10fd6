//! The app lock: only an Argon2id hash is kept, apart from the data and any backup; wrong tries
//! earn waits that survive a restart and never wipe anything; only the current secret takes the
//! lock off.

#[allow(dead_code)]
#[path = "core/support.rs"]
mod support;

use mend_shared::crypto::passphrase::KdfParams;
use mend_shared::lock::{AwayLimit, LockError, LockKind, NewLock, UnlockOutcome, UnlockStart, wait_after};
use mend_shared::secrets::{FileSecrets, SecretSlot};
use mend_shared::session::Session;
use mend_shared::time::ManualClock;
use std::sync::Arc;
use std::time::Duration;
use support::*;

const PIN: &str = "482913";
const WRONG: &str = "111333";

fn pin_lock() -> NewLock<'static> {
    NewLock { kind: LockKind::Pin, secret: PIN, confirm: PIN, away: AwayLimit::FiveMinutes }
}

/// Ana's locked phone on disk, with her clock.
fn locked_phone() -> (Session, TempFile, Arc<ManualClock>) {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.set_app_lock(pin_lock()).unwrap();
    (s, file, clock)
}

fn reopen(file: &TempFile, clock: &Arc<ManualClock>) -> Session {
    Session::open_with_clock(&file.path, clock.clone()).unwrap()
}

#[test]
fn the_lock_is_off_until_turned_on_and_then_only_its_hash_is_kept_beside_the_data() {
    let (mut s, file) = session_named("Ana", clock());
    assert_eq!(s.app_lock().unwrap(), None);
    s.set_app_lock(pin_lock()).unwrap();
    let lock = s.app_lock().unwrap().unwrap();
    assert_eq!((lock.kind, lock.away), (LockKind::Pin, AwayLimit::FiveMinutes));

    let stored = FileSecrets::beside(&file.path).path(SecretSlot::AppLock);
    let record = String::from_utf8_lossy(&std::fs::read(&stored).unwrap()).to_string();
    let KdfParams { m, t, p } = KdfParams::CURRENT;
    assert!(record.contains(&format!("$argon2id$v=19$m={m},t={t},p={p}$")), "{record}");
    assert!(!record.contains(PIN), "the PIN itself is never stored");
    drop(s);
    let data = std::fs::read(&file.path).unwrap();
    assert!(!data.windows(9).any(|w| w == b"$argon2id"), "the hash is not in the data file");
    let mut s = reopen(&file, &clock());
    let backup = s.export_backup().unwrap();
    assert!(!backup.contains("argon2") && !backup.contains(PIN), "nor in a backup");
    assert!(s.app_lock().unwrap().is_some(), "the lock is on after a restart");
}

#[test]
fn the_right_pin_unlocks_and_a_wrong_one_does_not() {
    let (mut s, _file, _clock) = locked_phone();
    let outcome = s.try_unlock(WRONG).unwrap();
    assert_eq!(outcome, UnlockOutcome::Wrong { wait: Duration::ZERO, free_tries_left: 4 });
    assert_eq!(s.try_unlock(PIN).unwrap(), UnlockOutcome::Unlocked);
    assert_eq!(
        s.try_unlock(WRONG).unwrap(),
        UnlockOutcome::Wrong { wait: Duration::ZERO, free_tries_left: 4 },
        "a success starts the count again"
    );
}

#[test]
fn five_wrong_tries_earn_a_wait_that_doubles_and_survives_a_restart() {
    let (mut s, file, clock) = locked_phone();
    for left in (0..4).rev() {
        assert_eq!(
            s.try_unlock(WRONG).unwrap(),
            UnlockOutcome::Wrong { wait: Duration::ZERO, free_tries_left: left + 1 }
        );
    }
    assert_eq!(
        s.try_unlock(WRONG).unwrap(),
        UnlockOutcome::Wrong { wait: Duration::from_secs(30), free_tries_left: 0 }
    );
    assert_eq!(
        s.try_unlock(PIN).unwrap(),
        UnlockOutcome::Wait { remaining: Duration::from_secs(30) },
        "not even checked"
    );
    drop(s);

    let mut s = reopen(&file, &clock);
    assert_eq!(s.unlock_wait().unwrap(), Duration::from_secs(30), "a restart doesn't reset the wait");
    clock.advance(chrono::Duration::seconds(29));
    assert!(matches!(s.try_unlock(PIN).unwrap(), UnlockOutcome::Wait { .. }));
    clock.advance(chrono::Duration::seconds(1));
    assert_eq!(
        s.try_unlock(WRONG).unwrap(),
        UnlockOutcome::Wrong { wait: Duration::from_secs(60), free_tries_left: 0 }
    );
    clock.advance(chrono::Duration::seconds(60));
    assert_eq!(s.try_unlock(PIN).unwrap(), UnlockOutcome::Unlocked);
    assert_eq!(s.unlock_wait().unwrap(), Duration::ZERO);
}

#[test]
fn waits_stop_growing_at_fifteen_minutes_even_with_the_clock_turned_back() {
    let (mut s, _file, clock) = locked_phone();
    let mut last = Duration::ZERO;
    for _ in 0..11 {
        clock.advance(chrono::Duration::seconds(last.as_secs() as i64));
        match s.try_unlock(WRONG).unwrap() {
            UnlockOutcome::Wrong { wait, .. } => last = wait,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(last, Duration::from_secs(15 * 60));
    assert_eq!(wait_after(11), last);
    clock.advance(chrono::Duration::days(-30));
    assert_eq!(
        s.unlock_wait().unwrap(),
        Duration::from_secs(15 * 60),
        "a clock turned back can't stretch the wait"
    );
}

#[test]
fn an_attempt_stopped_mid_check_still_counts_as_wrong() {
    let (mut s, file, clock) = locked_phone();
    for _ in 0..5 {
        // Someone force-quits the app while the PIN is being checked.
        let UnlockStart::Check(pending) = s.begin_unlock().unwrap() else { panic!("no wait yet") };
        drop(pending);
    }
    drop(s);
    let s = reopen(&file, &clock);
    assert_eq!(s.unlock_wait().unwrap(), Duration::from_secs(30));
}

#[test]
fn wrong_tries_never_wipe_anything() {
    let (mut s, _file, clock) = locked_phone();
    s.save_checkin(mend_shared::model::CheckInDraft { mood: 3, trust: 5, ..Default::default() }).unwrap();
    let before = (s.shared().clone(), s.private().clone(), s.shared_doc().unwrap().save());
    for _ in 0..8 {
        if let UnlockOutcome::Wrong { wait, .. } = s.try_unlock(WRONG).unwrap() {
            clock.advance(chrono::Duration::seconds(wait.as_secs() as i64));
        }
    }
    assert_eq!((s.shared().clone(), s.private().clone(), s.shared_doc().unwrap().save()), before);
    assert!(s.app_lock().unwrap().is_some());
}

#[test]
fn only_the_current_pin_takes_the_lock_off_and_a_new_one_needs_the_old_one_gone() {
    let (mut s, _file, _clock) = locked_phone();
    let other = NewLock { secret: "905172", confirm: "905172", ..pin_lock() };
    assert!(
        matches!(s.set_app_lock(other), Err(LockError::AlreadyOn)),
        "someone holding the phone can't swap the PIN"
    );
    let UnlockStart::Check(pending) = s.begin_unlock().unwrap() else { panic!() };
    let outcome = s.remove_app_lock(pending.check(WRONG).unwrap()).unwrap();
    assert!(matches!(outcome, UnlockOutcome::Wrong { .. }));
    assert!(s.app_lock().unwrap().is_some(), "still on");
    let UnlockStart::Check(pending) = s.begin_unlock().unwrap() else { panic!() };
    assert_eq!(s.remove_app_lock(pending.check(PIN).unwrap()).unwrap(), UnlockOutcome::Unlocked);
    assert_eq!(s.app_lock().unwrap(), None);
    s.set_app_lock(other).unwrap();
    assert_eq!(s.try_unlock("905172").unwrap(), UnlockOutcome::Unlocked);
}

#[test]
fn the_time_away_can_change_without_the_pin() {
    let (mut s, _file, _clock) = locked_phone();
    s.set_lock_away(AwayLimit::AtOnce).unwrap();
    assert_eq!(s.app_lock().unwrap().unwrap().away, AwayLimit::AtOnce);
}

#[test]
fn a_new_lock_is_checked_before_anything_is_stored() {
    let (mut s, _file) = session_named("Ana", clock());
    let bad = [
        (LockKind::Pin, "4829", "4829"),
        (LockKind::Pin, "123456", "123456"),
        (LockKind::Pin, "482913", "482931"),
        (LockKind::Passphrase, "anaandana", "anaandana"),
        (LockKind::Passphrase, "letmein", "letmein"),
    ];
    for (kind, secret, confirm) in bad {
        let err = s.set_app_lock(NewLock { kind, secret, confirm, away: AwayLimit::AtOnce }).unwrap_err();
        assert!(!err.to_string().is_empty());
        assert_eq!(s.app_lock().unwrap(), None, "{secret}: nothing stored");
    }
    s.set_app_lock(NewLock {
        kind: LockKind::Passphrase,
        secret: "quiet harbor lantern",
        confirm: "quiet harbor lantern",
        away: AwayLimit::OneMinute,
    })
    .unwrap();
    assert_eq!(s.try_unlock("quiet harbor lantern").unwrap(), UnlockOutcome::Unlocked);
}
