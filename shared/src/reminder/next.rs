//! When the reminder comes next. One rule covers every calendar oddity: on a chosen day it comes
//! at the first moment whose wall-clock time is at or past the chosen time. So in a
//! spring-forward gap it comes when the clock jumps past it, in a fall-back hour it comes once
//! (the first time), and on a day a zone skipped entirely it doesn't come.

use super::{ReminderSettings, Zone};
use crate::time::Day;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDateTime, Utc};

/// How many days ahead to look, from the day before today: a week to the next chosen day, a
/// week more when that day already has my check-in (a reminder on one day a week then comes the
/// week after), today, and a day a zone may skip.
const LOOKAHEAD_DAYS: i64 = 16;

/// How far past the chosen time to look for one that exists: to the end of the day, since a
/// zone may skip anything from half an hour (Lord Howe) to a whole day (Samoa, 2011-12-30).
/// Zone changes since 1970 fall on whole minutes, so stepping by minutes finds the gap's end.
const LONGEST_GAP_MINUTES: i64 = 24 * 60;

/// One coming reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fire {
    /// The moment it comes.
    pub at: DateTime<Utc>,
    /// The wall-clock time it comes at, in the zone it was planned in (what a phone's calendar
    /// trigger is given).
    pub wall: NaiveDateTime,
    /// The local day it belongs to.
    pub day: Day,
}

impl ReminderSettings {
    /// The first reminder strictly after `after`, read in `zone`. `checked_in` tells whether a day
    /// already has my check-in (asked only when such days are skipped). `None` when it is off.
    pub fn next_after(
        &self,
        after: DateTime<Utc>,
        zone: &Zone,
        checked_in: impl Fn(Day) -> bool,
    ) -> Option<Fire> {
        if !self.on {
            return None;
        }
        // Start a day early: a fall-back change can put `after` on a wall date one behind.
        let first = Day(zone.wall(after).date()).plus_days(-1);
        (0..=LOOKAHEAD_DAYS)
            .map(|n| first.plus_days(n))
            .filter(|day| self.days.contains(day.0.weekday()))
            .filter_map(|day| self.on_day(day, zone))
            .filter(|fire| fire.at > after)
            .find(|fire| !(self.skip_if_checked_in && checked_in(fire.day)))
    }

    /// The next `count` reminders after `after`, in order (fewer when it is off).
    pub fn upcoming(
        &self,
        after: DateTime<Utc>,
        zone: &Zone,
        count: usize,
        checked_in: impl Fn(Day) -> bool,
    ) -> Vec<Fire> {
        let mut fires = Vec::with_capacity(count);
        let mut from = after;
        while fires.len() < count {
            let Some(fire) = self.next_after(from, zone, &checked_in) else { break };
            from = fire.at;
            fires.push(fire);
        }
        fires
    }

    /// The moment the reminder comes on `day` (ignoring skips), if that day has one.
    fn on_day(&self, day: Day, zone: &Zone) -> Option<Fire> {
        let wanted = day.0.and_time(self.at);
        for minutes in 0..=LONGEST_GAP_MINUTES {
            let wall = wanted + Duration::minutes(minutes);
            if wall.date() != day.0 {
                return None;
            }
            match zone.instants(wall) {
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => {
                    return Some(Fire { at, wall, day });
                }
                LocalResult::None => continue,
            }
        }
        None
    }
}
