//! Settings: name, look, relay address, pairing and unpairing, and backups.

use crate::support::{FakeBackups, Screen, TestPhone, sync};
use mend_mobile::services::KeepData;
use mend_shared::doc::Setting;
use std::sync::Arc;

fn open_settings(phone: &mend_mobile::Phone) -> Screen {
    let mut screen = Screen::new(phone);
    screen.click("open-settings");
    screen
}

#[test]
fn settings_show_how_sharing_works_and_that_nothing_is_tracked() {
    let ana = TestPhone::named("Ana");
    let screen = open_settings(&ana.phone);
    assert_eq!(screen.text("sync-description"), "Only on this phone until you pair with your partner.");
    assert!(screen.shows("Mend never tracks where you are"));
    assert!(screen.shows("Pairing isn't available on this phone yet."));
    assert!(!screen.has("backup-export"), "no backup section without a backup service");
}

#[test]
fn renaming_refuses_an_empty_name_and_saves_a_new_one() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    assert!(screen.tag("settings-name").contains(r#"value="Ana""#));
    screen.input("settings-name", "");
    screen.click("settings-name-save");
    assert_eq!(screen.text("settings-name-error"), "name can't be empty");
    assert_eq!(ana.with(|s| s.me().unwrap().name.clone()), "Ana");
    screen.input("settings-name", "Ana María");
    screen.click("settings-name-save");
    assert!(!screen.has("settings-name-error"));
    assert_eq!(ana.with(|s| s.me().unwrap().name.clone()), "Ana María");
}

#[test]
fn a_relay_address_is_checked_before_it_is_stored() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    screen.input("settings-relay", "relay.example.org");
    screen.click("settings-relay-save");
    assert!(screen.text("settings-relay-error").contains("https://relay.example.org"));
    assert_eq!(ana.with(|s| s.private().setting(Setting::RelayUrl).map(str::to_string)), None);
    screen.input("settings-relay", "https://relay.example.org/");
    screen.click("settings-relay-save");
    assert!(!screen.has("settings-relay-error"));
    let stored = ana.with(|s| s.private().setting(Setting::RelayUrl).map(str::to_string));
    assert_eq!(stored.as_deref(), Some("https://relay.example.org"));
}

#[test]
fn the_look_can_follow_the_phone_or_stay_light_or_dark() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    assert!(screen.html().starts_with(r#"<div class="app theme-system""#));
    screen.click("theme-dark");
    assert!(screen.html().starts_with(r#"<div class="app theme-dark""#));
    assert!(screen.tag("theme-dark").contains(r#"aria-pressed="true""#));
    assert_eq!(
        ana.with(|s| s.private().setting(Setting::Theme).map(str::to_string)).as_deref(),
        Some("dark")
    );
}

#[tokio::test]
async fn pairing_from_settings_goes_through_the_pairing_service_and_then_offers_unpairing() {
    let ana = TestPhone::named("Ana");
    let (phone, pairing) = ana.with_fake_pairing();
    let mut screen = open_settings(&phone);
    screen.click("settings-invite");
    screen.settle().await;
    assert_eq!(screen.text("pair-code"), crate::support::services::CODE);
    assert!(!ana.is_paired(), "nothing is paired while the code waits");
    pairing.accept(Ok(()));
    screen.settle().await;
    screen.click("pair-done");
    assert!(ana.is_paired());
    assert!(!screen.has("settings-invite") && !screen.has("settings-join"), "no second pairing");
    assert!(screen.has("settings-unpair"), "paired now, so unpairing is offered");
    assert!(screen.text("sharing-with").starts_with("You're paired."), "Ben hasn't synced yet");
}

#[tokio::test]
async fn unpairing_asks_whether_to_keep_what_we_shared() {
    let ana = TestPhone::named("Ana");
    let (phone, pairing) = ana.with_fake_pairing();
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    let mut screen = open_settings(&phone);
    assert_eq!(screen.text("sharing-with"), "You're sharing with Ben.");
    screen.click("settings-unpair");
    assert!(screen.text("unpair-question").contains("What should happen to what you shared"));
    screen.click("unpair-cancel");
    assert!(pairing.unpaired.lock().unwrap().is_empty());
    screen.click("settings-unpair");
    screen.click("unpair-keep");
    screen.settle().await;
    assert_eq!(*pairing.unpaired.lock().unwrap(), vec![KeepData::Keep]);
    assert!(screen.text("unpair-status").starts_with("Unpaired. What you shared is still here"));
}

#[tokio::test]
async fn after_unpairing_and_keeping_a_copy_the_partner_is_shown_as_the_past_and_pairing_is_offered_again() {
    let ana = TestPhone::named("Ana");
    let (phone, _pairing) = ana.with_fake_pairing();
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    let mut screen = open_settings(&phone);
    screen.click("settings-unpair");
    screen.click("unpair-keep");
    screen.settle().await;
    assert!(!ana.is_paired());
    assert!(!screen.has("sharing-with"), "no longer sharing with Ben");
    assert!(!screen.has("settings-unpair"));
    let past = screen.text("past-partner");
    assert!(past.contains("not paired with Ben now") && past.contains("no longer syncs"), "{past}");
    assert!(screen.has("settings-invite") && screen.has("settings-join"), "pairing is offered again");
    assert!(screen.has("settings-relay"), "the relay can be changed again");
    // Joining again works from here.
    screen.click("settings-join");
    screen.input("pair-code-input", crate::support::services::CODE);
    screen.click("pair-join");
    screen.settle().await;
    screen.click("pair-done");
    assert!(ana.is_paired());
    assert!(screen.has("settings-unpair"));
}

#[tokio::test]
async fn a_refused_unpair_says_why_and_leaves_the_phone_paired() {
    let ana = TestPhone::named("Ana");
    let (phone, pairing) = ana.with_fake_pairing();
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    *pairing.refuse_unpair.lock().unwrap() = Some("The relay refused the request (403): forbidden.".into());
    let mut screen = open_settings(&phone);
    screen.click("settings-unpair");
    screen.click("unpair-keep");
    screen.settle().await;
    assert!(screen.text("unpair-status").starts_with("The relay refused the request (403)"));
    assert!(screen.text("unpair-status").contains("You're still paired"));
    assert!(ana.is_paired());
    assert_eq!(screen.text("sharing-with"), "You're sharing with Ben.");
}

#[test]
fn while_paired_the_relay_address_is_shown_but_not_editable() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    ana.phone.edit(|s| s.set_relay_url("https://relay.example.org")).unwrap();
    sync(&ana, &ben);
    let (phone, _pairing) = ana.with_fake_pairing();
    let screen = open_settings(&phone);
    assert!(!screen.has("settings-relay") && !screen.has("settings-relay-save"));
    assert_eq!(screen.text("settings-relay-locked"), "https://relay.example.org");
    assert!(screen.shows("To move to another relay, unpair"));
}

#[tokio::test]
async fn a_backup_can_be_made_and_restored_through_the_backup_service() {
    let backups = Arc::new(FakeBackups::default());
    let ana = TestPhone::named("Ana");
    let phone = ana.phone.clone().with_backups(backups.clone());
    let mut screen = open_settings(&phone);
    assert!(screen.tag("backup-export").contains("disabled"), "no backup without a passphrase");
    screen.input("backup-passphrase", "one passphrase here");
    screen.input("backup-passphrase-confirm", "another passphrase");
    screen.click("backup-export");
    screen.wait_until(10, "the service's answer", |s| s.has("backup-passphrase-error")).await;
    assert_eq!(screen.text("backup-passphrase-error"), "The two passphrases don't match.");
    screen.input("backup-passphrase-confirm", "one passphrase here");
    screen.click("backup-export");
    screen.wait_until(10, "the backup", |s| s.has("backup-json")).await;
    assert!(screen.tag("backup-json").contains("Ana"));
    assert!(screen.text("backup-status").starts_with("Your sealed backup is ready"));
    assert!(screen.tag("backup-download").contains(r#"download="mend-backup.json""#));
    assert!(screen.tag("backup-download").contains("href=\"data:application/json;charset=utf-8,"));

    assert!(screen.tag("backup-import").contains("disabled"));
    screen.input("backup-import-text", "not a backup");
    screen.click("backup-import");
    screen
        .wait_until(10, "the refusal", |s| {
            s.has("backup-status") && s.text("backup-status").contains("isn't")
        })
        .await;
    assert_eq!(screen.text("backup-status"), "that isn't a Mend backup");
    screen.input("backup-import-text", r#"{"partners":["Ana"]}"#);
    screen.click("backup-import");
    screen.wait_until(10, "the restore", |s| s.text("backup-status") == "Restored your backup.").await;
    assert_eq!(backups.imported.lock().unwrap().len(), 1);
}

#[test]
fn a_look_that_could_not_be_saved_says_so_and_stays_as_it_was() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    // The phone's storage refuses every write from now on, as a full disk would.
    ana.with(|s| {
        s.store()
            .connection()
            .execute_batch(
                "CREATE TRIGGER full_disk BEFORE INSERT ON chunks BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
            )
            .unwrap()
    });
    screen.click("theme-dark");
    let error = screen.text("theme-error");
    assert!(error.starts_with("The look wasn't changed"), "{error}");
    assert!(error.contains("disk is full"), "{error}");
    assert!(screen.tag("theme-system").contains(r#"aria-pressed="true""#));
    assert!(screen.html().starts_with(r#"<div class="app theme-system""#));
}

#[tokio::test]
async fn a_paired_phone_offers_to_replace_the_partners_lost_phone_with_a_code() {
    let (ana, ben) = (TestPhone::named("Ana"), TestPhone::named("Ben"));
    crate::support::pair(&ana, &ben);
    sync(&ana, &ben);
    let (phone, pairing) = ben.with_fake_pairing();
    let mut screen = open_settings(&phone);
    assert!(screen.shows("Did Ana lose their phone, or was it stolen?"));
    screen.click("settings-replace");
    screen.settle().await;
    assert_eq!(screen.text("pair-title"), "Replace Ana's phone");
    assert_eq!(screen.text("pair-code"), crate::support::services::CODE);
    assert!(
        screen.text("replace-explain").contains("the lost phone can't read anything written from then on")
    );
    pairing.accept(Ok(()));
    screen.settle().await;
    assert!(screen.text("pair-status").starts_with("Ana's new phone has joined"));
}
