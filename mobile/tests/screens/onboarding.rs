//! Onboarding: a name, what is private and what is shared, then invite, join, or start alone.

use crate::support::services::CODE;
use crate::support::{Screen, TestPhone};
use mend_mobile::services::{ServiceError, SessionBackups};
use mend_shared::model::{CheckInDraft, JournalDraft, Visibility};
use mend_shared::sync::{SyncState, SyncStatus};
use std::sync::Arc;

/// Through the name step to the three ways to begin.
fn to_choices(screen: &mut Screen) {
    screen.input("onboarding-name", "Ana");
    screen.click("onboarding-continue");
}

#[test]
fn a_new_phone_starts_with_onboarding_that_says_what_is_private_and_what_is_shared() {
    let phone = TestPhone::fresh();
    let screen = Screen::new(&phone.phone);
    assert!(screen.shows("Welcome to Mend"));
    let privacy = screen.text("privacy-note");
    assert!(privacy.contains("never sent to your partner or the relay"), "{privacy}");
    assert!(privacy.contains("end-to-end encrypted"), "{privacy}");
    assert!(screen.tag("onboarding-name").contains("aria-invalid=\"false\""));
    assert!(!screen.has("tab-today"), "no tabs before there is a profile");
}

#[test]
fn an_empty_name_is_refused_next_to_the_field_and_nothing_is_saved() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    screen.input("onboarding-name", "   ");
    screen.click("onboarding-continue");
    assert_eq!(screen.text("onboarding-name-error"), "name can't be empty");
    assert!(screen.tag("onboarding-name").contains("aria-invalid=\"true\""));
    assert!(
        screen.tag("onboarding-name").contains("onboarding-name-error"),
        "the error is tied to the field"
    );
    assert!(phone.with(|s| s.me().is_none()));
}

#[test]
fn starting_on_my_own_makes_the_profile_and_opens_today() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    screen.input("onboarding-name", " Ana ");
    screen.click("onboarding-continue");
    assert!(screen.shows("Hi Ana"));
    assert!(screen.has("onboarding-invite") && screen.has("onboarding-join"));
    assert_eq!(phone.with(|s| s.me().unwrap().name.clone()), "Ana");
    screen.click("onboarding-alone");
    assert!(screen.has("tab-today"));
    assert!(screen.shows("Today's check-in"));
}

#[test]
fn without_pairing_on_this_phone_inviting_says_so_kindly_and_lets_me_step_back() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    assert!(screen.text("pair-status").contains("pair later from Settings"));
    screen.click("pair-cancel");
    assert!(screen.has("onboarding-alone"));
}

#[tokio::test]
async fn inviting_shows_a_code_waits_for_the_partner_and_then_continues() {
    let test_phone = TestPhone::fresh();
    let (phone, pairing) = test_phone.with_fake_pairing();
    let mut screen = Screen::new(&phone);
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    screen.settle().await;
    assert_eq!(screen.text("pair-code"), CODE);
    assert_eq!(screen.text("pair-status"), "Waiting for your partner…");
    pairing.accept(Ok(()));
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("You're paired"));
    screen.click("pair-done");
    assert!(screen.has("tab-today"));
}

#[tokio::test]
async fn an_invitation_that_fails_says_why_and_can_be_tried_again() {
    let test_phone = TestPhone::fresh();
    let (phone, pairing) = test_phone.with_fake_pairing();
    let mut screen = Screen::new(&phone);
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    screen.settle().await;
    pairing.accept(Err(ServiceError::new("The code expired before your partner joined.")));
    screen.settle().await;
    assert_eq!(screen.text("pair-status"), "The code expired before your partner joined.");
    screen.click("pair-retry");
    screen.settle().await;
    assert_eq!(screen.text("pair-code"), CODE, "a fresh invitation");
}

#[tokio::test]
async fn joining_with_a_wrong_code_shows_the_reason_and_the_right_code_pairs() {
    let test_phone = TestPhone::fresh();
    let (phone, _pairing) = test_phone.with_fake_pairing();
    let mut screen = Screen::new(&phone);
    to_choices(&mut screen);
    screen.click("onboarding-join");
    assert!(screen.tag("pair-join").contains("disabled"), "nothing to join with yet");
    screen.input("pair-code-input", "7-harbor-lantern-loud");
    screen.click("pair-join");
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("That code didn't work"));
    screen.click("pair-retry");
    screen.input("pair-code-input", CODE);
    screen.click("pair-join");
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("You're paired"));
}

#[tokio::test]
async fn the_sync_badge_shows_during_onboarding_and_pairing() {
    let test_phone = TestPhone::fresh();
    let (phone, pairing) = test_phone.with_fake_pairing();
    let mut screen = Screen::new(&phone);
    assert_eq!(screen.text("sync-badge"), "Not paired");
    to_choices(&mut screen);
    screen.click("onboarding-invite");
    screen.settle().await;
    assert_eq!(screen.text("sync-badge"), "Not paired");
    pairing.accept(Ok(()));
    phone.set_sync_status(SyncStatus { state: SyncState::Synced, ..Default::default() });
    screen.settle().await;
    assert_eq!(screen.text("sync-badge"), "Synced", "the badge follows sync while still onboarding");
}

const PASSPHRASE: &str = "lantern orchard velvet tuesday";

/// The sealed backup text Settings shows after "Make a sealed backup".
async fn exported_backup(phone: &mend_mobile::Phone) -> String {
    let mut screen = Screen::new(phone);
    screen.click("open-settings");
    screen.input("backup-passphrase", PASSPHRASE);
    screen.input("backup-passphrase-confirm", PASSPHRASE);
    screen.click("backup-export");
    screen.wait_until(30, "the sealed backup", |s| s.has("backup-json")).await;
    assert!(screen.tag("backup-download").contains("download=\"mend-backup-"));
    let tag = screen.tag("backup-json");
    let start = tag.find("value=\"").unwrap() + "value=\"".len();
    let end = start + tag[start..].find('"').unwrap();
    crate::support::screen::unescape(&tag[start..end])
}

#[tokio::test]
async fn a_new_phone_restores_a_sealed_backup_from_the_old_phone_and_carries_on_as_the_same_partner() {
    let old = TestPhone::named("Ana");
    old.phone.edit(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 7, ..Default::default() })).unwrap();
    let private = JournalDraft { body: "only for me".into(), ..Default::default() };
    old.phone.edit(|s| s.add_journal_entry(Visibility::Private, private)).unwrap();
    // The backup travels as a file, as a person would carry it to the new phone.
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("mend-backup.json");
    std::fs::write(&file, exported_backup(&old.phone.clone().with_backups(Arc::new(SessionBackups))).await)
        .unwrap();

    let new = TestPhone::fresh();
    let phone = new.phone.clone().with_backups(Arc::new(SessionBackups));
    let mut screen = Screen::new(&phone);
    screen.click("onboarding-restore");
    assert!(screen.tag("backup-import").contains("disabled"));
    screen.input("backup-import-text", &std::fs::read_to_string(&file).unwrap());
    screen.input("backup-import-passphrase", "lantern orchard velvet monday");
    screen.click("backup-import");
    screen.wait_until(30, "the refusal", |s| s.has("backup-status")).await;
    assert!(screen.text("backup-status").contains("that passphrase doesn't open this backup"));
    assert!(new.with(|s| s.me().is_none()), "nothing changed");
    screen.input("backup-import-passphrase", PASSPHRASE);
    screen.click("backup-import");
    screen.wait_until(30, "the restore", |s| s.shows("Hi Ana")).await;
    assert!(screen.text("backup-status").starts_with("Restored"));
    assert_eq!(new.with(|s| s.my_id().cloned()), old.with(|s| s.my_id().cloned()), "the same partner");
    assert_eq!(new.with(|s| s.private().journal.len()), 1, "the private journal came too");
    screen.click("onboarding-alone");
    assert!(screen.tag("mood-4").contains(r#"aria-pressed="true""#), "today's check-in is back");
    assert_eq!(screen.text("checkin-status"), "Saved");
}

#[tokio::test]
async fn a_backup_that_cannot_be_restored_says_why_and_the_phone_stays_new() {
    let new = TestPhone::fresh();
    let phone = new.phone.clone().with_backups(Arc::new(SessionBackups));
    let mut screen = Screen::new(&phone);
    screen.click("onboarding-restore");
    screen.input("backup-import-text", r#"{"format":"something-else"}"#);
    assert!(!screen.has("backup-import-passphrase"), "a passphrase is asked only for a sealed backup");
    screen.click("backup-import");
    screen.wait_until(10, "the refusal", |s| s.has("backup-status")).await;
    let status = screen.text("backup-status");
    assert!(status.starts_with("Nothing was restored: this file isn't a Mend backup"), "{status}");
    assert!(new.with(|s| s.me().is_none() && s.shared().partners.is_empty()));
    screen.click("restore-cancel");
    assert!(screen.has("onboarding-name"), "back to choosing a name");
}
