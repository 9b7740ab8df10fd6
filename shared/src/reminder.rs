//! The daily reminder: its settings (in the private document, never synced), when it comes next
//! in the phone's time zone, and what it says.
//!
//! It is off until the person turns it on. It comes at a chosen time on chosen days, stays quiet
//! on a day with a check-in already made (if asked to), follows daylight-saving changes and
//! travel, and its words never name the partner, the app's purpose, or any count.
//!
//! ```
//! use mend_shared::reminder::{ReminderSettings, Weekdays, Zone};
//! use chrono::{TimeZone, Utc};
//!
//! let settings = ReminderSettings::from_form(true, "20:30", Weekdays::ALL, true).unwrap();
//! let berlin = Zone::named("Europe/Berlin").unwrap();
//! // Saturday 2026-03-28, 21:00 in Berlin (CET, UTC+1): today's has passed.
//! let now = Utc.with_ymd_and_hms(2026, 3, 28, 20, 0, 0).unwrap();
//! let next = settings.next_after(now, &berlin, |_| false).unwrap();
//! // Clocks go forward that night; Sunday's comes at 20:30 CEST, 18:30 UTC.
//! assert_eq!(next.at, Utc.with_ymd_and_hms(2026, 3, 29, 18, 30, 0).unwrap());
//! // Checked in on Sunday already? Then Monday's.
//! let monday = settings.next_after(now, &berlin, |day| day.to_string() == "2026-03-29").unwrap();
//! assert_eq!(monday.day.to_string(), "2026-03-30");
//! ```

mod error;
mod next;
mod settings;
mod words;
mod zone;

pub use error::ReminderError;
pub use next::Fire;
pub use settings::{ReminderSettings, WEEK, Weekdays, day_key};
pub use words::{NEUTRAL_TITLE, ReminderWords, all_words, words_for};
pub use zone::Zone;

use chrono::Duration;

/// How many reminders a phone is given ahead of time. The app hands the phone a fresh list
/// whenever it runs, so two weeks of daily reminders outlast any ordinary gap; someone who
/// hasn't opened Mend for longer than that isn't reminded again until they do.
pub const PLANNED_AHEAD: usize = 14;

/// A reminder more late than this isn't shown (the app was closed or the computer asleep when it
/// was due): a late nudge is worse than none, and missed ones never pile up.
pub fn late_limit() -> Duration {
    Duration::minutes(30)
}
