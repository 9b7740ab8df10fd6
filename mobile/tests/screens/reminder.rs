//! Settings' daily reminder: off until turned on; its time, days and "not on a day I've already
//! checked in" saved on this phone; refused when it couldn't work; and shown inside the app, in
//! neutral words, when its time comes while the app runs.

use crate::support::{Screen, TestPhone};
use chrono::{Duration, NaiveTime, Weekday};
use mend_shared::model::CheckInDraft;
use mend_shared::reminder::{NEUTRAL_TITLE, ReminderSettings, Weekdays, all_words};

fn open_settings(phone: &mend_mobile::Phone) -> Screen {
    let mut screen = Screen::new(phone);
    screen.click("open-settings");
    screen
}

fn saved(phone: &TestPhone) -> ReminderSettings {
    phone.with(|s| s.reminder()).unwrap()
}

#[test]
fn the_reminder_is_off_until_turned_on_and_the_card_says_its_words_never_name_anyone() {
    let ana = TestPhone::named("Ana");
    let screen = open_settings(&ana.phone);
    assert!(!saved(&ana).on);
    assert!(!screen.tag("reminder-on").contains("checked=true"), "{}", screen.tag("reminder-on"));
    assert_eq!(screen.text("reminder-next"), "No reminder is planned.");
    let card = screen.page();
    assert!(card.contains(NEUTRAL_TITLE));
    assert!(card.contains("never your partner's name"));
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        let tag = screen.tag(&format!("reminder-day-{day}"));
        assert!(tag.contains(r#"aria-pressed="true""#), "every day is chosen at first: {tag}");
    }
}

#[test]
fn turning_it_on_saves_the_time_days_and_quiet_days_and_shows_when_it_comes_next() {
    // Monday 4 May 2026, noon.
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    screen.check("reminder-on");
    assert!(screen.tag("reminder-on").contains("checked=true"));
    screen.input("reminder-time", "20:30");
    screen.click("reminder-day-sat");
    screen.click("reminder-day-sun");
    assert!(screen.tag("reminder-day-sun").contains(r#"aria-pressed="false""#));
    screen.uncheck("reminder-skip");
    screen.click("reminder-save");
    assert_eq!(screen.text("reminder-status"), "Saved");
    let weekdays = Weekdays::ALL.with(Weekday::Sat, false).with(Weekday::Sun, false);
    let expected = ReminderSettings {
        on: true,
        at: NaiveTime::from_hms_opt(20, 30, 0).unwrap(),
        days: weekdays,
        skip_if_checked_in: false,
    };
    assert_eq!(saved(&ana), expected);
    assert_eq!(screen.text("reminder-next"), "Next: Monday 4 May at 20:30.");

    // Opened again, the card shows what was saved.
    let again = open_settings(&ana.phone);
    assert!(again.tag("reminder-time").contains(r#"value="20:30""#));
    assert!(again.tag("reminder-day-sat").contains(r#"aria-pressed="false""#));
    assert!(again.tag("reminder-day-mon").contains(r#"aria-pressed="true""#));
}

#[test]
fn a_day_already_checked_in_stays_quiet_when_asked_to() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    screen.check("reminder-on");
    screen.input("reminder-time", "20:30");
    screen.check("reminder-skip");
    screen.click("reminder-save");
    assert_eq!(screen.text("reminder-next"), "Next: Monday 4 May at 20:30.");
    ana.with(|s| s.save_checkin(CheckInDraft { mood: 3, trust: 6, ..Default::default() })).unwrap();
    let screen = open_settings(&ana.phone);
    assert_eq!(screen.text("reminder-next"), "Next: Tuesday 5 May at 20:30.");
}

#[test]
fn a_time_that_isnt_one_or_no_days_at_all_is_refused_and_nothing_is_saved() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_settings(&ana.phone);
    screen.check("reminder-on");
    screen.input("reminder-time", "8pm");
    screen.click("reminder-save");
    assert_eq!(
        screen.text("reminder-time-error"),
        "“8pm” isn't a time of day; use hours and minutes, like 20:30."
    );
    assert!(screen.tag("reminder-time").contains(r#"aria-describedby="reminder-time-error""#));
    assert!(!saved(&ana).on);

    screen.input("reminder-time", "07:15");
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        screen.click(&format!("reminder-day-{day}"));
    }
    screen.click("reminder-save");
    assert!(!screen.has("reminder-time-error") || screen.text("reminder-time-error").is_empty());
    assert_eq!(screen.text("reminder-days-error"), "Choose at least one day, or turn the reminder off.");
    assert!(!saved(&ana).on);
    assert!(!screen.has("reminder-status"));
}

#[tokio::test]
async fn when_its_time_comes_while_the_app_runs_a_neutral_reminder_shows_and_leads_to_today() {
    let ana = TestPhone::named("Anastasia");
    let phone = mend_mobile::connect(ana.phone.clone());
    let mut screen = open_settings(&phone);
    screen.check("reminder-on");
    screen.input("reminder-time", "12:05");
    screen.click("reminder-save");
    screen.settle().await;
    assert!(!screen.has("reminder-banner"), "nothing shows before its time");

    ana.clock.advance(Duration::minutes(6));
    screen.wait_until(20, "the reminder", |s| s.has("reminder-banner")).await;
    let banner = screen.text("reminder-banner");
    assert!(all_words().iter().any(|w| banner.contains(w.title) && banner.contains(w.body)), "{banner}");
    for never in ["Anastasia", "partner", "Mend", "trust", "missed"] {
        assert!(
            !banner.to_lowercase().contains(&never.to_lowercase()),
            "the reminder says {never:?}: {banner}"
        );
    }
    assert!(!banner.chars().any(char::is_numeric), "the reminder counts nothing: {banner}");
    screen.click("reminder-banner-checkin");
    assert!(!screen.has("reminder-banner"));
    assert!(screen.has("checkin-save"), "the reminder leads to today's check-in");
}
