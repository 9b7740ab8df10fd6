//! Guarding the couple's words in the browser: the app lock (set, lock now, waits after wrong
//! tries, back after a restart), a sealed backup file restored on a fresh phone, and a lost phone
//! replaced by the partner's phone.

use super::support::*;
use mend_shared::backup::is_sealed;
use mend_shared::model::{JournalDraft, Visibility};
use mend_shared::time::{Day, ManualClock};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::sync::Arc;
use thirtyfour::prelude::*;

const PIN: &str = "482913";
const PASSPHRASE: &str = "lantern orchard velvet tuesday";

async fn try_pin(d: &WebDriver, pin: &str) {
    type_into(d, "lock-input", pin).await;
    click(d, "lock-unlock").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_locks_the_app_wrong_tries_earn_a_wait_and_the_lock_returns_after_a_restart() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 12, 2).unwrap(), 1));
    let preview = PreviewServer::start_with_clock(&["a"], &relay.url(), &clock).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    open_tab(d, &preview.phone_url("a"), true).await;
    start_alone(d, "Anastasia").await;
    assert!(!present(d, "lock-now").await, "no lock button while the lock is off");
    click(d, "open-settings").await;
    click(d, "lock-kind-pin").await;
    type_into(d, "lock-new", "123456").await;
    type_into(d, "lock-confirm", "123456").await;
    click(d, "lock-turn-on").await;
    wait_text(d, "lock-new-error", "first anyone would try").await;
    type_into(d, "lock-new", PIN).await;
    type_into(d, "lock-confirm", PIN).await;
    click(d, "lock-turn-on").await;
    wait_text(d, "lock-on", "The app lock is on, with a PIN.").await;
    screenshot_at(d, "lock-title", "20-lock-settings").await;

    // Lock now: one tap, and nothing of the couple shows.
    click(d, "lock-now").await;
    by_id(d, "lock-screen").await;
    let page = d.find(By::Tag("body")).await.unwrap().text().await.unwrap();
    assert!(!page.contains("Anastasia") && !page.contains("Today"), "the lock screen shows nothing: {page}");
    assert!(!present(d, "sync-badge").await && !present(d, "tab-today").await);
    screenshot(d, "21-lock-screen").await;

    // Five wrong tries, then a wait that the screen counts down.
    for left in ["4 more tries", "3 more tries", "2 more tries", "One more try"] {
        try_pin(d, "111333").await;
        wait_text(d, "lock-status", left).await;
    }
    try_pin(d, "111333").await;
    wait_text(d, "lock-wait", "You can try again in 0:30").await;
    let unlock = by_id(d, "lock-unlock").await;
    assert!(!unlock.is_enabled().await.unwrap(), "no tries during the wait");
    click(d, "lock-forgot").await;
    wait_text(d, "lock-forgot-text", "replace your lost phone").await;
    screenshot(d, "22-lock-wrong-pin-wait").await;
    assert_eq!(preview.phone("a").read(|s| s.unlock_wait().unwrap().as_secs()), 30);

    // Half a minute later the right PIN opens the app.
    clock.advance(chrono::Duration::seconds(30));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !by_id(d, "lock-unlock").await.is_enabled().await.unwrap() {
        assert!(std::time::Instant::now() < deadline, "the wait never ended");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    try_pin(d, PIN).await;
    by_id(d, "tab-today").await;

    // Time away (the window loses focus) locks it again at once.
    d.execute("window.dispatchEvent(new Event('blur'));", vec![]).await.unwrap();
    by_id(d, "lock-screen").await;
    try_pin(d, PIN).await;
    by_id(d, "tab-today").await;

    // After the preview restarts, the app opens locked.
    let clock_again = clock.clone();
    let relay_url = relay.url();
    let preview = preview.restart(move |dir| open_phone_with_clock(dir, &relay_url, &clock_again)).await;
    d.goto(&preview.phone_url("a")).await.unwrap();
    by_id(d, "lock-screen").await;
    screenshot(d, "23-locked-after-restart").await;
    try_pin(d, PIN).await;
    by_id(d, "tab-today").await;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sealed_backup_file_restores_a_fresh_phone_after_a_wrong_then_the_right_passphrase() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start(&["a", "b"], &relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    // Ana's old phone: a check-in and a private entry, then a sealed backup saved as a file.
    open_tab(d, &preview.phone_url("a"), true).await;
    start_alone(d, "Ana").await;
    click(d, "mood-3").await;
    click(d, "checkin-save").await;
    wait_text(d, "checkin-status", "Saved").await;
    let diary = JournalDraft { body: "SECRET-DIARY-LINE".into(), ..Default::default() };
    preview.phone("a").edit(|s| s.add_journal_entry(Visibility::Private, diary)).unwrap();
    click(d, "open-settings").await;
    type_into(d, "backup-passphrase", "password1234").await;
    type_into(d, "backup-passphrase-confirm", "password1234").await;
    click(d, "backup-export").await;
    wait_text(d, "backup-passphrase-error", "too easy to guess").await;
    type_into(d, "backup-passphrase", PASSPHRASE).await;
    type_into(d, "backup-passphrase-confirm", PASSPHRASE).await;
    click(d, "backup-export").await;
    wait_text(d, "backup-status", "sealed backup is ready").await;
    screenshot_at(d, "backup-title", "24-sealed-backup-made").await;
    let name = by_id(d, "backup-download").await.attr("download").await.unwrap().unwrap();
    click(d, "backup-download").await;
    let file = browser.downloaded(&name).await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(is_sealed(&text), "the saved file is a sealed backup");
    assert!(!text.contains("SECRET-DIARY-LINE") && !text.contains("Ana"), "and shows nothing readable");

    // A fresh phone restores it during onboarding: the file, a wrong passphrase, the right one.
    open_tab(d, &preview.phone_url("b"), false).await;
    click(d, "onboarding-restore").await;
    by_id(d, "backup-import-file").await.send_keys(file.display().to_string()).await.unwrap();
    wait_text(d, "backup-import-chosen", &name).await;
    type_into(d, "backup-import-passphrase", "lantern orchard velvet monday").await;
    click(d, "backup-import").await;
    wait_text(d, "backup-status", "that passphrase doesn't open this backup").await;
    screenshot(d, "25-restore-wrong-passphrase").await;
    assert!(preview.phone("b").read(|s| s.me().is_none()), "nothing changed");
    type_into(d, "backup-import-passphrase", PASSPHRASE).await;
    click(d, "backup-import").await;
    wait_text(d, "backup-status", "Restored").await;
    by_id(d, "onboarding-invite").await;
    screenshot(d, "26-restored-from-sealed-backup").await;
    let same = |name: &str| preview.phone(name).read(|s| (s.my_id().cloned(), s.private().clone()));
    assert_eq!(same("b"), same("a"), "the same partner, private journal included");
    click(d, "onboarding-alone").await;
    let mood = by_id(d, "mood-3").await;
    assert_eq!(mood.attr("aria-pressed").await.unwrap().as_deref(), Some("true"), "today's check-in is back");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bens_phone_replaces_anas_lost_phone_through_the_screens() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired_with_spares(&relay.url(), &["c"]).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    let (lost, ben, new) = (preview.phone("a"), preview.phone("b"), preview.phone("c"));
    lost.edit(|s| {
        s.save_checkin(mend_shared::model::CheckInDraft { mood: 4, trust: 7, ..Default::default() })
    })
    .unwrap();
    let ana_id = lost.read(|s| s.my_id().cloned());
    wait_for(|| ben.read(|s| (s.shared().checkins.len() == 1).then_some(()))).await;
    let old_room = lost.read(|s| mend_shared::sync::KeyStore::of(s).load().unwrap().unwrap().derive().room);

    // Ana lost her phone. Ben starts the replacement in Settings.
    let ben_tab = open_tab(d, &preview.phone_url("b"), true).await;
    click(d, "open-settings").await;
    click(d, "settings-replace").await;
    let code = wait_text(d, "pair-code", "-").await.text().await.unwrap();
    wait_text(d, "replace-explain", "the lost phone can't read anything written from then on").await;
    screenshot_at(d, "pair-title", "27-replace-code").await;

    // Her new phone joins with the code and is Ana again.
    open_tab(d, &preview.phone_url("c"), false).await;
    click(d, "onboarding-replaced").await;
    wait_text(d, "replaced-private-note", "comes back only from a sealed backup").await;
    screenshot(d, "28-replaced-explained").await;
    type_into(d, "pair-code-input", &code).await;
    click(d, "pair-join").await;
    wait_text(d, "replaced-done", "You're back").await;
    screenshot(d, "29-replaced-done").await;
    click(d, "replaced-continue").await;
    let mood = by_id(d, "tab-today").await;
    drop(mood);
    to(d, &ben_tab).await;
    wait_text(d, "pair-status", "new phone has joined").await;

    assert_eq!(new.read(|s| s.my_id().cloned()), ana_id, "the new phone is Ana, not a stranger");
    assert_eq!(new.read(|s| s.shared().partners.len()), 2);
    wait_for(|| (new.read(|s| s.shared().clone()) == ben.read(|s| s.shared().clone())).then_some(())).await;
    let new_room = new.read(|s| mend_shared::sync::KeyStore::of(s).load().unwrap().unwrap().derive().room);
    assert_ne!(new_room, old_room, "the couple moved to a new room");
    assert!(relay_has_no_room(&relay, &old_room), "the old room is gone");
    browser.quit().await;
}

fn relay_has_no_room(relay: &RelayProcess, room: &mend_shared::protocol::RoomId) -> bool {
    relay.stored_bundle_seqs(room).is_empty()
}
