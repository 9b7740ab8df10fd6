//! The app lock on screen: it opens locked, shows nothing of the couple, says how many tries are
//! left, opens for the right PIN, and is set and taken off in Settings.

use crate::support::{Screen, TestPhone};
use mend_shared::lock::{AwayLimit, LockKind, NewLock};

const PIN: &str = "482913";

fn locked_ana() -> TestPhone {
    let ana = TestPhone::named("Anastasia");
    ana.with(|s| {
        s.set_app_lock(NewLock { kind: LockKind::Pin, secret: PIN, confirm: PIN, away: AwayLimit::AtOnce })
    })
    .unwrap();
    ana
}

#[tokio::test]
async fn a_locked_phone_opens_on_the_lock_screen_showing_nothing_of_the_couple() {
    let ana = locked_ana();
    let mut screen = Screen::new(&ana.phone);
    assert!(screen.has("lock-screen"));
    let page = screen.page();
    for hidden in ["Anastasia", "Today", "Synced", "Not paired"] {
        assert!(!page.contains(hidden), "the lock screen shows {hidden:?}:\n{page}");
    }
    assert!(!screen.has("tab-today") && !screen.has("sync-badge") && !screen.has("open-settings"));
    assert!(screen.tag("lock-input").contains(r#"type="password""#));
    assert!(screen.tag("lock-input").contains(r#"inputmode="numeric""#), "a PIN brings up the number pad");

    screen.input("lock-input", "111333");
    screen.click("lock-unlock");
    screen.wait_until(30, "the wrong PIN's answer", |s| s.has("lock-status")).await;
    assert_eq!(screen.text("lock-status"), "That isn't it. 4 more tries before a short wait.");
    assert!(screen.has("lock-screen"));

    screen.input("lock-input", PIN);
    screen.click("lock-unlock");
    screen.wait_until(30, "the app", |s| s.has("tab-today")).await;
    assert!(screen.shows("Anastasia") || screen.has("checkin-save"));
}

#[tokio::test]
async fn lock_now_is_one_tap_from_every_screen_while_the_lock_is_on() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    assert!(!screen.has("lock-now"), "no lock button while the lock is off");
    screen.click("open-settings");
    screen.input("lock-new", PIN);
    screen.input("lock-confirm", PIN);
    screen.click("lock-turn-on");
    assert_eq!(screen.text("lock-on"), "The app lock is on, with a PIN.");
    assert!(
        screen.tag("lock-away-now").contains(r#"aria-pressed="true""#),
        "at once, unless chosen otherwise"
    );
    screen.click("lock-away-5");
    assert_eq!(ana.with(|s| s.app_lock().unwrap().unwrap().away), AwayLimit::FiveMinutes);
    screen.click("tab-promises");
    screen.click("lock-now");
    assert!(screen.has("lock-screen") && !screen.has("tab-promises"));
}

#[tokio::test]
async fn a_pin_that_breaks_a_rule_is_refused_next_to_its_field_and_nothing_is_stored() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    screen.click("open-settings");
    screen.input("lock-new", "4829");
    screen.input("lock-confirm", "4829");
    screen.click("lock-turn-on");
    assert_eq!(screen.text("lock-new-error"), "A PIN needs at least 6 digits.");
    screen.input("lock-new", PIN);
    screen.input("lock-confirm", "482931");
    screen.click("lock-turn-on");
    assert_eq!(screen.text("lock-confirm-error"), "The two entries don't match.");
    assert!(ana.with(|s| s.app_lock().unwrap()).is_none());
    screen.click("lock-kind-passphrase");
    assert!(!screen.tag("lock-new").contains("numeric"));
    screen.input("lock-new", "password");
    screen.input("lock-confirm", "password");
    screen.click("lock-turn-on");
    assert!(screen.text("lock-new-error").starts_with("That passphrase is easy to guess"));
}

#[tokio::test]
async fn only_the_current_pin_turns_the_lock_off() {
    let ana = locked_ana();
    let mut screen = Screen::new(&ana.phone);
    screen.input("lock-input", PIN);
    screen.click("lock-unlock");
    screen.wait_until(30, "the app", |s| s.has("open-settings")).await;
    screen.click("open-settings");
    screen.input("lock-current", "111333");
    screen.click("lock-turn-off");
    screen.wait_until(30, "the refusal", |s| s.has("lock-current-error")).await;
    assert_eq!(screen.text("lock-current-error"), "That isn't it; the lock stays on.");
    assert!(ana.with(|s| s.app_lock().unwrap()).is_some());
    screen.input("lock-current", PIN);
    screen.click("lock-turn-off");
    screen.wait_until(30, "the lock off", |s| s.has("lock-turn-on")).await;
    assert!(ana.with(|s| s.app_lock().unwrap()).is_none());
    assert!(!screen.has("lock-now"));
}
