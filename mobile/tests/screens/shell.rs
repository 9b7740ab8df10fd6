//! The frame around every screen: tabs that reach every screen, the sync badge, Settings in
//! the top bar, and views that follow changes made outside them.

use crate::support::{Screen, TestPhone, send};
use mend_shared::model::CheckInDraft;
use mend_shared::sync::{SyncState, SyncStatus};

#[test]
fn the_tab_bar_reaches_every_screen_and_marks_the_current_one() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    assert!(screen.tag("tab-today").contains(r#"aria-current="page""#));
    assert!(screen.shows("Today's check-in"));
    for (tab, words) in [
        ("tab-promises", "New promise"),
        ("tab-journal", "Your journal"),
        ("tab-guide", "Seven steps you can take together"),
        ("tab-insights", "How your check-ins and promises move"),
        ("tab-today", "Today's check-in"),
    ] {
        screen.click(tab);
        assert!(screen.shows(words), "{tab} shows {words}:\n{}", screen.page());
        assert!(screen.tag(tab).contains(r#"aria-current="page""#), "{tab} is marked current");
    }
}

#[test]
fn settings_open_from_the_top_bar() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    assert!(screen.tag("open-settings").contains(r#"aria-label="Settings""#));
    screen.click("open-settings");
    assert_eq!(screen.text("top-title-text"), "Settings");
    for tab in ["tab-today", "tab-promises", "tab-journal", "tab-guide", "tab-insights"] {
        assert!(screen.tag(tab).contains(r#"aria-current="false""#), "no tab is current on Settings");
    }
}

#[test]
fn the_sync_badge_always_says_in_words_that_this_phone_is_not_paired_yet() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    for tab in ["tab-today", "tab-promises", "tab-guide", "open-settings"] {
        screen.click(tab);
        assert_eq!(screen.text("sync-badge"), "Not paired");
        assert!(screen.tag("sync-badge").contains("Only on this phone until you pair"));
    }
}

#[tokio::test]
async fn the_badge_follows_the_sync_status_the_engine_sets() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    screen.settle().await;
    ana.phone.set_sync_status(SyncStatus { state: SyncState::Offline, ..Default::default() });
    screen.settle().await;
    assert_eq!(screen.text("sync-badge"), "Offline");
    assert!(screen.tag("sync-badge").contains("sync-offline"));
    ana.phone.set_sync_status(SyncStatus { state: SyncState::Synced, ..Default::default() });
    screen.settle().await;
    assert_eq!(screen.text("sync-badge"), "Synced");
}

#[tokio::test]
async fn a_partners_changes_applied_by_sync_show_without_touching_the_screen() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    crate::support::pair(&ana, &ben);
    let mut screen = Screen::new(&ben.phone);
    screen.settle().await;
    assert!(screen.shows("once their phone syncs"));
    ana.with(|s| s.save_checkin(CheckInDraft { mood: 5, trust: 8, ..Default::default() })).unwrap();
    send(&ana, &ben);
    screen.settle().await;
    assert!(screen.shows("Ana's check-in"), "{}", screen.page());
    assert_eq!(screen.text("partner-trust"), "8 / 10");
}

#[tokio::test]
async fn a_new_phone_shows_today_while_its_older_days_arrive_and_sums_them_up_once_they_are_in() {
    // Ben's phone after more than a year; Ana's new phone takes it all in at once.
    let ben = TestPhone::named("Ben");
    ben.with(|s| s.generate_sample("Ana", mend_shared::session::SampleSpec::weeks(400))).unwrap();
    let ana_id = ben.with(|s| s.partner().unwrap().id.clone());
    let ana = TestPhone::fresh();
    send(&ben, &ana);
    ana.with(|s| s.adopt_profile(&ana_id)).unwrap();

    let mut screen = Screen::new(&ana.phone);
    assert!(screen.shows("Today's check-in"));
    assert!(screen.text("history-arriving").contains("Bringing in your earlier days"));
    screen.click("tab-insights");
    assert!(screen.has("waiting-for-history"), "insights over part of the history would mislead");
    assert!(!screen.has("chart-trust"));

    // The sync engine reads the older days and tells the app.
    ana.with(|s| {
        let job = s.history_job().unwrap().unwrap();
        s.take_history(job.read().unwrap()).unwrap()
    });
    ana.phone.changed_elsewhere();
    screen.settle().await;
    assert!(!screen.has("history-arriving"));
    assert!(!screen.has("waiting-for-history"));
    assert!(screen.has("chart-trust"));
}
