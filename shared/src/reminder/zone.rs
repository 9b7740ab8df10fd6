//! The phone's time zone for reminders: a named zone with its daylight-saving rules where the
//! device has one, or the clock's fixed offset where it doesn't (or where they disagree, as with
//! a test's hand-set clock), so "today" for a reminder is always the session's today.

use super::ReminderError;
use crate::time::Clock;
use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use std::str::FromStr;

/// Where wall-clock times are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A zone from the tz database, daylight-saving changes included.
    Named(Tz),
    /// One offset from UTC all year.
    Fixed(FixedOffset),
}

impl Zone {
    /// The zone with this tz database name (`Europe/Berlin`).
    pub fn named(name: &str) -> Result<Self, ReminderError> {
        Tz::from_str(name).map(Zone::Named).map_err(|_| ReminderError::UnknownZone(name.to_string()))
    }

    /// The device's zone as `clock` sees it now: the device's named zone if its offset now is the
    /// clock's, otherwise the clock's own offset. Asked afresh each time, so travel is followed.
    pub fn of_device(clock: &dyn Clock) -> Self {
        let now = clock.now();
        let named = iana_time_zone::get_timezone().ok().and_then(|name| Tz::from_str(&name).ok());
        match named {
            Some(tz) if tz.offset_from_utc_datetime(&now.naive_utc()).fix() == *now.offset() => {
                Zone::Named(tz)
            }
            _ => Zone::Fixed(*now.offset()),
        }
    }

    /// The zone's name for people (`Europe/Berlin`, or `UTC+02:00`).
    pub fn name(&self) -> String {
        match self {
            Zone::Named(tz) => tz.name().to_string(),
            Zone::Fixed(offset) => format!("UTC{offset}"),
        }
    }

    /// The wall-clock time at `instant`.
    pub fn wall(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Named(tz) => instant.with_timezone(tz).naive_local(),
            Zone::Fixed(offset) => instant.with_timezone(offset).naive_local(),
        }
    }

    /// The instants showing `wall` on the clock: none in a spring-forward gap, two in a fall-back
    /// hour.
    pub(super) fn instants(&self, wall: NaiveDateTime) -> LocalResult<DateTime<Utc>> {
        match self {
            Zone::Named(tz) => tz.from_local_datetime(&wall).map(|t| t.with_timezone(&Utc)),
            Zone::Fixed(offset) => offset.from_local_datetime(&wall).map(|t| t.with_timezone(&Utc)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Day, ManualClock};

    #[test]
    fn a_zone_is_known_by_its_tz_name() {
        assert_eq!(Zone::named("Europe/Berlin").unwrap().name(), "Europe/Berlin");
        assert_eq!(
            Zone::named("Mars/Olympus").unwrap_err(),
            ReminderError::UnknownZone("Mars/Olympus".into())
        );
    }

    #[test]
    fn a_clock_whose_offset_the_device_zone_cannot_have_keeps_its_own_offset() {
        // No zone on Earth is at +14:30, so whatever the machine's zone, the clock wins.
        let odd = FixedOffset::east_opt(14 * 3600 + 1800).unwrap();
        let clock = ManualClock::new(Utc::now().with_timezone(&odd));
        assert_eq!(Zone::of_device(&clock), Zone::Fixed(odd));
        let noon = ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 2);
        let zone = Zone::of_device(&noon);
        assert_eq!(zone.wall(noon.now().with_timezone(&Utc)), noon.now().naive_local());
    }
}
