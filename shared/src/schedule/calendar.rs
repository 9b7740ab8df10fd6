//! A month of one promise's days, laid out Monday-first, with each day's mark and acknowledgements.

use super::marking::{can_mark, replies_to_mark};
use super::periods::horizon;
use crate::doc::SharedState;
use crate::model::{AckKind, OutcomeKind, Promise};
use crate::time::Day;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl Month {
    /// The month `day` falls in.
    pub fn of(day: Day) -> Self {
        Month { year: day.0.year(), month: day.0.month() }
    }

    /// The month's first day, if the month is real.
    pub fn first(self) -> Option<Day> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).map(Day)
    }

    /// The month before.
    pub fn prev(self) -> Self {
        if self.month <= 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { month: self.month - 1, ..self }
        }
    }

    /// The month after.
    pub fn next(self) -> Self {
        if self.month >= 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { month: self.month + 1, ..self }
        }
    }

    /// Every day of the month, in order.
    pub fn days(self) -> impl Iterator<Item = Day> {
        let first = self.first();
        let next = self.next().first();
        let len = match (first, next) {
            (Some(a), Some(b)) => a.days_until(b),
            _ => 0,
        };
        first.into_iter().flat_map(move |f| (0..len).map(move |i| f.plus_days(i)))
    }
}

impl fmt::Display for Month {
    /// "May 2026".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.first() {
            Some(day) => write!(f, "{}", day.0.format("%B %Y")),
            None => write!(f, "{}-{:02}", self.year, self.month),
        }
    }
}

/// One day in a promise's month calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    /// The day.
    pub day: Day,
    /// The promise's mark that day, if any.
    pub outcome: Option<OutcomeKind>,
    /// The note with the mark (empty if none).
    pub note: String,
    /// The other partner's acknowledgements of that mark.
    pub acks: Vec<AckKind>,
    /// Whether the day falls within the promise's life (from its first day up to today or its
    /// retirement), so there is something to look at.
    pub in_range: bool,
    /// Whether the owner can still mark this day (see [`super::can_mark`]).
    pub markable: bool,
    /// Whether this is today.
    pub today: bool,
}

/// A promise's month: weeks as rows of seven Monday-first cells, `None` outside the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCalendar {
    /// Which month.
    pub month: Month,
    /// The rows.
    pub weeks: Vec<[Option<CalendarDay>; 7]>,
}

/// The calendar of `promise` for `month`, as seen on `today`.
pub fn month_calendar(state: &SharedState, promise: &Promise, month: Month, today: Day) -> MonthCalendar {
    let end = horizon(promise, today);
    let mut weeks: Vec<[Option<CalendarDay>; 7]> = Vec::new();
    for day in month.days() {
        let column = day.0.weekday().num_days_from_monday() as usize;
        if weeks.is_empty() || column == 0 {
            weeks.push(Default::default());
        }
        let outcome = state.outcome(&promise.id, day);
        let acks = match outcome {
            Some(_) => replies_to_mark(state, promise, day).into_iter().map(|a| a.kind).collect(),
            None => Vec::new(),
        };
        let cell = CalendarDay {
            day,
            outcome: outcome.map(|o| o.kind),
            note: outcome.map(|o| o.note.clone()).unwrap_or_default(),
            acks,
            in_range: day >= promise.starts_on && day <= end,
            markable: can_mark(promise, day, today),
            today: day == today,
        };
        if let Some(row) = weeks.last_mut() {
            row[column] = Some(cell);
        }
    }
    MonthCalendar { month, weeks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_step_across_years_and_name_themselves() {
        let dec = Month { year: 2025, month: 12 };
        assert_eq!(dec.next(), Month { year: 2026, month: 1 });
        assert_eq!(dec.next().prev(), dec);
        assert_eq!(dec.to_string(), "December 2025");
        assert_eq!(Month { year: 2028, month: 2 }.days().count(), 29);
        assert_eq!(Month::of(Day::ymd(2026, 5, 31).unwrap()), Month { year: 2026, month: 5 });
    }
}
