//! The daily reminder's settings, kept in the private document (never synced): on or off, the
//! time of day, the days of the week, and whether a day with a check-in already made is skipped.

use super::ReminderError;
use chrono::{NaiveTime, Timelike, Weekday};
use std::fmt;

/// Days of the week the reminder may come on.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weekdays(u8);

/// Monday first, as the Settings card lists them.
pub const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

impl Weekdays {
    /// No day.
    pub const NONE: Weekdays = Weekdays(0);
    /// Every day.
    pub const ALL: Weekdays = Weekdays(0b111_1111);

    /// These days.
    pub fn of(days: impl IntoIterator<Item = Weekday>) -> Self {
        days.into_iter().fold(Self::NONE, |set, d| set.with(d, true))
    }

    /// Whether `day` is one of them.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & bit(day) != 0
    }

    /// The same set with `day` in (`on`) or out.
    pub fn with(self, day: Weekday, on: bool) -> Self {
        if on { Weekdays(self.0 | bit(day)) } else { Weekdays(self.0 & !bit(day)) }
    }

    /// Whether no day is chosen.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The chosen days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        WEEK.into_iter().filter(move |d| self.contains(*d))
    }
}

fn bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

impl fmt::Debug for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(day_key)).finish()
    }
}

/// The short stable name a day is stored and addressed by (`mon` … `sun`).
pub fn day_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn parse_day(key: &str) -> Result<Weekday, ReminderError> {
    WEEK.into_iter().find(|d| day_key(*d) == key).ok_or_else(|| ReminderError::BadDay(key.to_string()))
}

/// The daily reminder as this phone keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Whether it comes at all. Off until the person turns it on.
    pub on: bool,
    /// The local time of day it comes at, to the minute.
    pub at: NaiveTime,
    /// The days of the week it may come on.
    pub days: Weekdays,
    /// Stay quiet on a day I've already checked in.
    pub skip_if_checked_in: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            on: false,
            at: NaiveTime::from_hms_opt(20, 0, 0).unwrap_or(NaiveTime::MIN),
            days: Weekdays::ALL,
            skip_if_checked_in: true,
        }
    }
}

/// The stored form (a JSON object in one private setting); `v` lets a newer Mend change it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    v: u32,
    on: bool,
    at: String,
    days: Vec<String>,
    skip_if_checked_in: bool,
}

const STORED_VERSION: u32 = 1;

impl ReminderSettings {
    /// Settings from what the Settings card holds: `at` as typed or picked (`HH:MM`, seconds
    /// allowed and dropped). The reminder being on with no day chosen is refused.
    pub fn from_form(
        on: bool,
        at: &str,
        days: Weekdays,
        skip_if_checked_in: bool,
    ) -> Result<Self, ReminderError> {
        let at = parse_time(at)?;
        if on && days.is_empty() {
            return Err(ReminderError::NoDays);
        }
        Ok(ReminderSettings { on, at, days, skip_if_checked_in })
    }

    /// The time of day as the card shows it (`HH:MM`).
    pub fn at_text(&self) -> String {
        self.at.format("%H:%M").to_string()
    }

    /// The stored text.
    pub fn to_stored(&self) -> String {
        let stored = Stored {
            v: STORED_VERSION,
            on: self.on,
            at: self.at_text(),
            days: self.days.iter().map(|d| day_key(d).to_string()).collect(),
            skip_if_checked_in: self.skip_if_checked_in,
        };
        // A struct of strings, numbers and bools always serializes.
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Settings from their stored text, checked as strictly as the form.
    pub fn from_stored(text: &str) -> Result<Self, ReminderError> {
        let stored: Stored =
            serde_json::from_str(text).map_err(|e| ReminderError::Unreadable(e.to_string()))?;
        if stored.v != STORED_VERSION {
            return Err(ReminderError::Unreadable(format!("version {} is from a newer Mend", stored.v)));
        }
        let days = stored.days.iter().map(|d| parse_day(d)).collect::<Result<Vec<_>, _>>();
        let days = days.map_err(|e| ReminderError::Unreadable(e.to_string()))?;
        Self::from_form(stored.on, &stored.at, Weekdays::of(days), stored.skip_if_checked_in)
            .map_err(|e| ReminderError::Unreadable(e.to_string()))
    }
}

/// `HH:MM` or `HH:MM:SS` on a 24-hour clock; seconds are dropped (reminders come to the minute).
fn parse_time(text: &str) -> Result<NaiveTime, ReminderError> {
    let trimmed = text.trim();
    let bad = || ReminderError::BadTime(trimmed.to_string());
    let parsed = NaiveTime::parse_from_str(trimmed, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(trimmed, "%H:%M:%S"))
        .map_err(|_| bad())?;
    parsed.with_second(0).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reminder_is_off_until_turned_on() {
        let settings = ReminderSettings::default();
        assert!(!settings.on);
        assert_eq!(settings.days, Weekdays::ALL);
        assert!(settings.skip_if_checked_in);
    }

    #[test]
    fn settings_survive_their_stored_form() {
        let days = Weekdays::of([Weekday::Mon, Weekday::Thu, Weekday::Sun]);
        let settings = ReminderSettings::from_form(true, "07:05", days, false).unwrap();
        assert_eq!(ReminderSettings::from_stored(&settings.to_stored()).unwrap(), settings);
        assert_eq!(settings.at_text(), "07:05");
    }

    #[test]
    fn a_picker_time_with_seconds_comes_to_the_minute() {
        let settings = ReminderSettings::from_form(true, "21:15:42", Weekdays::ALL, true).unwrap();
        assert_eq!(settings.at_text(), "21:15");
    }

    #[test]
    fn a_time_that_is_not_a_time_of_day_is_refused_by_name() {
        for text in ["25:00", "8pm", "", "12:60", "noon"] {
            let err = ReminderSettings::from_form(true, text, Weekdays::ALL, true).unwrap_err();
            assert_eq!(err, ReminderError::BadTime(text.trim().to_string()), "{text}");
        }
    }

    #[test]
    fn on_with_no_day_is_refused_but_off_with_no_day_is_kept() {
        assert_eq!(
            ReminderSettings::from_form(true, "20:00", Weekdays::NONE, true).unwrap_err(),
            ReminderError::NoDays
        );
        assert!(ReminderSettings::from_form(false, "20:00", Weekdays::NONE, true).is_ok());
    }

    #[test]
    fn damaged_or_newer_stored_settings_are_reported_not_guessed() {
        for text in [
            "not json",
            r#"{"v":2,"on":true,"at":"20:00","days":["mon"],"skip_if_checked_in":true}"#,
            r#"{"v":1,"on":true,"at":"20:00","days":["funday"],"skip_if_checked_in":true}"#,
            r#"{"v":1,"on":true,"at":"20:00","days":[],"skip_if_checked_in":true}"#,
        ] {
            assert!(
                matches!(ReminderSettings::from_stored(text), Err(ReminderError::Unreadable(_))),
                "{text}"
            );
        }
    }
}
