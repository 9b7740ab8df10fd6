//! The daily reminder in the browser: turned on in Settings, quiet on a day already checked in,
//! and shown inside the app (the preview's delivery) in neutral words when the phone's clock
//! reaches its time the next day.

use super::support::*;
use mend_shared::reminder::all_words;
use mend_shared::time::{Day, ManualClock};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_reminder_set_in_settings_skips_a_checked_in_day_and_shows_when_the_clock_reaches_it() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    // Wednesday 2 December 2026, noon, UTC+1.
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 12, 2).unwrap(), 1));
    let preview = PreviewServer::start_with_clock(&["a"], &relay.url(), &clock).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    open_tab(d, &preview.phone_url("a"), true).await;
    start_alone(d, "Anastasia").await;

    // Settings: on, at 12:10, every day, quiet on a day already checked in (the default).
    click(d, "open-settings").await;
    wait_text(d, "reminder-next", "No reminder is planned.").await;
    click(d, "reminder-on").await;
    set_value(d, "reminder-time", "12:10").await;
    click(d, "reminder-day-sun").await;
    click(d, "reminder-save").await;
    wait_text(d, "reminder-status", "Saved").await;
    wait_text(d, "reminder-next", "Next: Wednesday 2 December at 12:10.").await;
    let saved = preview.phone("a").read(|s| s.reminder()).unwrap();
    assert!(saved.on && saved.skip_if_checked_in && saved.at_text() == "12:10");
    assert!(!saved.days.contains(chrono::Weekday::Sun));
    screenshot_at(d, "reminder-title", "40-reminder-settings").await;

    // A check-in today: today's reminder stays quiet, the next is tomorrow's.
    click(d, "tab-today").await;
    click(d, "mood-3").await;
    click(d, "checkin-save").await;
    wait_text(d, "checkin-status", "Saved").await;
    click(d, "open-settings").await;
    wait_text(d, "reminder-next", "Next: Thursday 3 December at 12:10.").await;
    // Wednesday 12:15, five minutes past the time.
    clock.advance(chrono::Duration::minutes(15));
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert!(!present(d, "reminder-banner").await, "no reminder on a day already checked in");

    // Thursday 12:11, a minute past the time: the reminder shows inside the app.
    clock.advance(chrono::Duration::hours(24) - chrono::Duration::minutes(4));
    let banner = wait_text(d, "reminder-banner", "Go to today").await.text().await.unwrap();
    assert!(all_words().iter().any(|w| banner.contains(w.title) && banner.contains(w.body)), "{banner}");
    assert!(!banner.contains("Anastasia") && !banner.contains("Mend"), "{banner}");
    assert!(!banner.chars().any(char::is_numeric), "the reminder counts nothing: {banner}");
    screenshot(d, "41-reminder-shown").await;

    // It leads to the day's check-in and goes away.
    click(d, "reminder-banner-checkin").await;
    by_id(d, "checkin-save").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while present(d, "reminder-banner").await {
        assert!(std::time::Instant::now() < deadline, "the reminder stayed after it was followed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.quit().await;
}
