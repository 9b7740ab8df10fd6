//! The daily reminder: when it comes across daylight-saving changes, time zones, travel, midnight
//! and skipped days (checked against a minute-by-minute walk of the wall clock), that a day with
//! my check-in stays quiet, that its settings stay in the private document, and that its words
//! never name anyone, say what Mend is for, or count.

#[allow(dead_code)]
#[path = "core/support.rs"]
mod support;

use automerge::ReadDoc;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::TZ_VARIANTS;
use mend_shared::doc::Setting;
use mend_shared::model::CheckInDraft;
use mend_shared::reminder::{ReminderError, ReminderSettings, WEEK, Weekdays, Zone, all_words, words_for};
use mend_shared::time::{Clock, Day, ManualClock};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use support::*;

fn zone(name: &str) -> Zone {
    Zone::named(name).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn daily(at: &str) -> ReminderSettings {
    ReminderSettings::from_form(true, at, Weekdays::ALL, true).unwrap()
}

/// The rule walked out by hand: minute by minute, the first instant of each wall-clock day whose
/// time is at or past the chosen one; the earliest such instant after `after` on a chosen day
/// that isn't skipped.
fn walk_the_clock(
    settings: &ReminderSettings,
    after: DateTime<Utc>,
    zone: &Zone,
    checked_in: impl Fn(Day) -> bool,
) -> Option<DateTime<Utc>> {
    let start = after - Duration::days(2);
    let start = start - Duration::seconds(i64::from(start.second()));
    let mut first_of_day: BTreeMap<Day, DateTime<Utc>> = BTreeMap::new();
    let mut t = start;
    while t < after + Duration::days(17) {
        let wall = zone.wall(t);
        let day = Day(wall.date());
        if wall.time() >= settings.at && settings.days.contains(wall.date().weekday()) {
            first_of_day.entry(day).or_insert(t);
        }
        t += Duration::minutes(1);
    }
    first_of_day
        .into_iter()
        .filter(|(day, at)| *at > after && !(settings.skip_if_checked_in && checked_in(*day)))
        .map(|(_, at)| at)
        .min()
}

/// Zones with daylight-saving quirks: the usual hour, half an hour (Lord Howe), two hours
/// (Troll), negative DST (Dublin), changes at midnight (Santiago, Havana), 45-minute offsets
/// (Chatham), and Ramadan switches (Casablanca).
const QUIRKY_ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Europe/Dublin",
    "Europe/London",
    "Antarctica/Troll",
    "Africa/Casablanca",
    "America/Nuuk",
    "Asia/Gaza",
];

/// The instants in `year` at which `zone`'s offset changes (to the hour).
fn transitions(zone: &Zone, year: i32) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut t = utc(year, 1, 1, 0, 0);
    let offset = |t: DateTime<Utc>| zone.wall(t) - t.naive_utc();
    while t.year() == year {
        let next = t + Duration::hours(1);
        if offset(next) != offset(t) {
            out.push(next);
        }
        t = next;
    }
    out
}

fn settings_strategy() -> impl Strategy<Value = ReminderSettings> {
    (0u32..24, 0u32..60, 1u8..128, any::<bool>()).prop_map(|(h, m, days, skip)| {
        let days =
            Weekdays::of(WEEK.into_iter().enumerate().filter(|(i, _)| days & (1 << i) != 0).map(|(_, d)| d));
        ReminderSettings {
            on: true,
            at: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
            days,
            skip_if_checked_in: skip,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn next_reminder_matches_the_wall_clock_walk_around_daylight_saving_changes(
        settings in settings_strategy(),
        zone_index in 0..QUIRKY_ZONES.len(),
        year in 2021i32..2031,
        which in 0usize..4,
        minutes in -2880i64..2880,
        seconds in 0i64..60,
        checked in 0i64..3,
    ) {
        let zone = zone(QUIRKY_ZONES[zone_index]);
        let changes = transitions(&zone, year);
        prop_assume!(!changes.is_empty());
        let after = changes[which % changes.len()] + Duration::minutes(minutes) + Duration::seconds(seconds);
        // One of the next few days already has my check-in.
        let checked_day = Day(zone.wall(after).date()).plus_days(checked);
        let checked_in = |day: Day| day == checked_day;
        let expected = walk_the_clock(&settings, after, &zone, checked_in);
        let got = settings.next_after(after, &zone, checked_in);
        prop_assert_eq!(got.map(|f| f.at), expected);
        if let Some(fire) = got {
            prop_assert!(fire.at > after);
            prop_assert_eq!(zone.wall(fire.at), fire.wall);
            prop_assert!(fire.wall.time() >= settings.at);
            prop_assert!(settings.days.contains(fire.day.0.weekday()));
        }
    }

    #[test]
    fn next_reminder_matches_the_wall_clock_walk_in_any_zone(
        settings in settings_strategy(),
        zone_index in 0..TZ_VARIANTS.len(),
        minutes_since_2000 in 0i64..(38 * 365 * 24 * 60),
    ) {
        let zone = Zone::Named(TZ_VARIANTS[zone_index]);
        let after = utc(2000, 1, 1, 0, 0) + Duration::minutes(minutes_since_2000);
        let expected = walk_the_clock(&settings, after, &zone, |_| false);
        prop_assert_eq!(settings.next_after(after, &zone, |_| false).map(|f| f.at), expected);
    }

    #[test]
    fn upcoming_reminders_are_in_order_one_per_day_at_most(
        settings in settings_strategy(),
        zone_index in 0..QUIRKY_ZONES.len(),
        minutes_since_2026 in 0i64..(365 * 24 * 60),
    ) {
        let zone = zone(QUIRKY_ZONES[zone_index]);
        let after = utc(2026, 1, 1, 0, 0) + Duration::minutes(minutes_since_2026);
        let fires = settings.upcoming(after, &zone, 14, |_| false);
        prop_assert_eq!(fires.len(), 14);
        for pair in fires.windows(2) {
            prop_assert!(pair[0].at < pair[1].at);
            prop_assert!(pair[0].day < pair[1].day);
        }
    }
}

#[test]
fn in_a_spring_forward_gap_it_comes_when_the_clock_jumps_past_the_chosen_time() {
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
    // Saturday evening, 21:00 CET.
    let fire = daily("02:30").next_after(utc(2026, 3, 28, 20, 0), &zone("Europe/Berlin"), |_| false).unwrap();
    assert_eq!(fire.day.to_string(), "2026-03-29");
    assert_eq!(fire.at, utc(2026, 3, 29, 1, 0));
    assert_eq!(fire.wall.time().to_string(), "03:00:00");
    // The next day is back at 02:30 on the clock.
    let next = daily("02:30").next_after(fire.at, &zone("Europe/Berlin"), |_| false).unwrap();
    assert_eq!(next.at, utc(2026, 3, 30, 0, 30));
}

#[test]
fn in_a_fall_back_hour_it_comes_once_the_first_time_the_clock_shows_it() {
    // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    let settings = daily("02:30");
    let berlin = zone("Europe/Berlin");
    // Saturday evening, 22:00 CEST.
    let fire = settings.next_after(utc(2026, 10, 24, 20, 0), &berlin, |_| false).unwrap();
    assert_eq!(fire.at, utc(2026, 10, 25, 0, 30), "02:30 CEST");
    let next = settings.next_after(fire.at, &berlin, |_| false).unwrap();
    assert_eq!(next.day.to_string(), "2026-10-26", "not again at 02:30 CET");
}

#[test]
fn an_evening_reminder_keeps_its_wall_clock_time_across_the_change() {
    let settings = daily("20:30");
    let ny = zone("America/New_York");
    // 2026-03-08: New York goes from UTC-5 to UTC-4 at 02:00.
    let sat = settings.next_after(utc(2026, 3, 7, 12, 0), &ny, |_| false).unwrap();
    let sun = settings.next_after(sat.at, &ny, |_| false).unwrap();
    assert_eq!(sat.at, utc(2026, 3, 8, 1, 30));
    assert_eq!(sun.at, utc(2026, 3, 9, 0, 30));
    assert_eq!(sun.at - sat.at, Duration::hours(23));
}

#[test]
fn a_midnight_reminder_comes_at_the_start_of_the_next_day() {
    let settings = daily("00:00");
    let berlin = zone("Europe/Berlin");
    let fire = settings.next_after(utc(2026, 5, 4, 21, 59), &berlin, |_| false).unwrap();
    assert_eq!(fire.at, utc(2026, 5, 4, 22, 0));
    assert_eq!(fire.day.to_string(), "2026-05-05");
    // Where the clock springs forward at midnight, the day starts at 01:00 and so does it.
    let santiago = zone("America/Santiago");
    let sept = settings.next_after(utc(2026, 9, 5, 12, 0), &santiago, |_| false).unwrap();
    assert_eq!(sept.wall.to_string(), "2026-09-06 01:00:00");
}

#[test]
fn a_day_the_zone_skipped_has_no_reminder() {
    // Samoa moved across the date line: 2011-12-30 never happened in Apia.
    let settings = daily("09:00");
    let apia = zone("Pacific/Apia");
    let before = settings.next_after(utc(2011, 12, 29, 0, 0), &apia, |_| false).unwrap();
    assert_eq!(before.day.to_string(), "2011-12-29");
    let after = settings.next_after(before.at, &apia, |_| false).unwrap();
    assert_eq!(after.day.to_string(), "2011-12-31");
}

#[test]
fn a_day_not_chosen_is_skipped() {
    let weekdays = Weekdays::of([Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]);
    let settings = ReminderSettings::from_form(true, "08:00", weekdays, false).unwrap();
    // Friday 2026-05-08, 09:00 in London: the next is Monday.
    let fire = settings.next_after(utc(2026, 5, 8, 8, 0), &zone("Europe/London"), |_| false).unwrap();
    assert_eq!(fire.day.to_string(), "2026-05-11");
}

#[test]
fn a_weekly_reminder_whose_day_already_has_my_check_in_comes_the_week_after() {
    let settings = ReminderSettings::from_form(true, "00:00", Weekdays::of([Weekday::Mon]), true).unwrap();
    // Saturday 2021-03-27, a minute before midnight in Berlin, the night before the clocks go
    // forward; Monday the 29th already has my check-in (found by the walk above).
    let checked = |day: Day| day.to_string() == "2021-03-29";
    let fire = settings.next_after(utc(2021, 3, 27, 22, 59), &zone("Europe/Berlin"), checked).unwrap();
    assert_eq!(fire.day.to_string(), "2021-04-05");
    assert_eq!(fire.at, utc(2021, 4, 4, 22, 0));
}

#[test]
fn after_travel_it_comes_at_the_same_time_on_the_new_clock() {
    let settings = daily("20:30");
    let now = utc(2026, 5, 4, 10, 0);
    let home = settings.next_after(now, &zone("Europe/Berlin"), |_| false).unwrap();
    let away = settings.next_after(now, &zone("America/New_York"), |_| false).unwrap();
    assert_eq!(home.at, utc(2026, 5, 4, 18, 30));
    assert_eq!(away.at, utc(2026, 5, 5, 0, 30));
    assert_eq!(home.wall.time(), away.wall.time());
}

#[test]
fn an_off_reminder_never_comes() {
    let off = ReminderSettings { on: false, ..daily("20:00") };
    assert!(off.next_after(utc(2026, 5, 4, 10, 0), &zone("Europe/Berlin"), |_| false).is_none());
    assert!(off.upcoming(utc(2026, 5, 4, 10, 0), &zone("Europe/Berlin"), 14, |_| false).is_empty());
}

#[test]
fn a_day_with_my_check_in_stays_quiet_only_when_asked_to() {
    let clock = Arc::new(ManualClock::at_noon(day(2026, 5, 4), 2));
    let (mut ana, _file) = session_named("Ana", clock.clone());
    let here = Zone::Fixed(*clock.now().offset());
    ana.set_reminder(&daily("20:30")).unwrap();
    assert_eq!(ana.reminder_plan(&here)[0].fire.day, day(2026, 5, 4));
    ana.save_checkin(CheckInDraft { mood: 3, trust: 5, ..Default::default() }).unwrap();
    let plan = ana.reminder_plan(&here);
    assert_eq!(plan[0].fire.day, day(2026, 5, 5), "today is checked in");
    assert_eq!(plan.len(), 14);
    ana.set_reminder(&ReminderSettings { skip_if_checked_in: false, ..daily("20:30") }).unwrap();
    assert_eq!(ana.reminder_plan(&here)[0].fire.day, day(2026, 5, 4), "asked to come anyway");
}

#[test]
fn reminder_settings_live_in_the_private_document_and_reopen_intact() {
    let clock = clock();
    let (mut ana, file) = session_named("Ana", clock.clone());
    assert_eq!(ana.reminder().unwrap(), ReminderSettings::default(), "off until turned on");
    let settings = ReminderSettings::from_form(true, "07:45", Weekdays::of([Weekday::Sat]), false).unwrap();
    ana.set_reminder(&settings).unwrap();
    assert!(ana.private().setting(Setting::Reminder).is_some());
    let shared = ana.shared_doc().unwrap().automerge().get(automerge::ROOT, "setting/reminder").unwrap();
    assert!(shared.is_none(), "nothing of it in the shared document");
    drop(ana);
    let reopened = mend_shared::session::Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(reopened.reminder().unwrap(), settings);
}

#[test]
fn unreadable_saved_settings_are_reported_and_plan_nothing() {
    let clock = clock();
    let (mut ana, _file) = session_named("Ana", clock.clone());
    ana.set_setting(Setting::Reminder, "{\"v\":9}").unwrap();
    assert!(matches!(ana.reminder(), Err(ReminderError::Unreadable(_))));
    assert!(ana.reminder_plan(&Zone::Fixed(*clock.now().offset())).is_empty());
}

#[test]
fn reminder_words_never_name_anyone_say_what_mend_is_for_or_count() {
    let telling = [
        "mend",
        "partner",
        "trust",
        "relationship",
        "couple",
        "check",
        "apolog",
        "promise",
        "love",
        "affair",
        "streak",
        "missed",
        "days",
        "again",
        "still",
        "ana",
        "ben",
    ];
    for words in all_words() {
        let text = format!("{} {}", words.title, words.body).to_lowercase();
        for word in telling {
            assert!(!text.contains(word), "{text:?} says {word:?}");
        }
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text:?} has a number");
    }
    assert_eq!(all_words()[0].title, "A moment for yourself?");
}

#[test]
fn reminder_words_depend_on_the_date_alone_and_take_turns() {
    let monday = day(2026, 5, 4);
    assert_eq!(words_for(monday), words_for(monday));
    let week: std::collections::BTreeSet<_> = (0..7).map(|n| words_for(monday.plus_days(n)).title).collect();
    assert_eq!(week.len(), all_words().len());
}
