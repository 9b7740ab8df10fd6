//! A promise's history as scheduled periods, each with the slots it counts toward the score.

use crate::doc::SharedState;
use crate::model::{Cadence, Outcome, OutcomeKind, Promise, PromiseStatus};
use crate::time::Day;
use chrono::Weekday;

/// One scheduled period of a promise: a day, a week, or a one-off's whole span.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// First day of the period that belongs to the promise.
    pub first: Day,
    /// Last day of the period.
    pub last: Day,
    /// How many times the period asks for (1 for a day or a one-off; up to n for a week).
    pub quota: u8,
    /// Kept or partly kept marks in the period.
    pub done: u8,
    /// The values this period adds to the score, in order: 1 kept, ½ partly, 0 not kept. A period
    /// still under way counts only what was already marked (an unmarked slot is not yet a miss).
    pub slots: Vec<f64>,
    /// Whether the period is over (or already fully met), so nothing about it can still change.
    pub settled: bool,
}

impl Period {
    /// Whether the period asked for was shown up for: every slot kept or partly kept.
    pub fn met(&self) -> bool {
        self.done >= self.quota
    }
}

/// The Monday starting `day`'s week (weeks run Monday to Sunday).
pub fn week_start(day: Day) -> Day {
    Day(day.0.week(Weekday::Mon).first_day())
}

/// The last day that can count for `promise` seen from `today`: today, or the day it was retired.
pub(super) fn horizon(promise: &Promise, today: Day) -> Day {
    match promise.status {
        PromiseStatus::Retired => promise.updated_at.day().min(today),
        _ => today,
    }
}

/// How many times the week starting `monday` asks for: `times`, scaled down (rounding up) when the
/// promise began part-way through that week, so a Thursday start isn't held to a full week.
pub(super) fn week_quota(times: u8, starts_on: Day, monday: Day) -> u8 {
    let days = 7 - monday.days_until(starts_on).clamp(0, 6);
    let scaled = (u32::from(times) * days as u32).div_ceil(7);
    u8::try_from(scaled).unwrap_or(times).clamp(1, times.max(1))
}

/// Whether an outcome counts as showing up (kept or partly kept).
pub(super) fn shows_up(o: &Outcome) -> bool {
    matches!(o.kind, OutcomeKind::Kept | OutcomeKind::Partial)
}

/// The promise's periods from its first day up to `today` (or its retirement), oldest first.
pub fn periods(state: &SharedState, promise: &Promise, today: Day) -> Vec<Period> {
    let outcomes: Vec<&Outcome> = state.outcomes_of(&promise.id).collect();
    let end = horizon(promise, today);
    if end < promise.starts_on {
        return Vec::new();
    }
    match promise.cadence {
        Cadence::Daily => daily(promise.starts_on, end, &outcomes),
        Cadence::PerWeek { times } => weekly(times, promise.starts_on, end, &outcomes),
        Cadence::OneOff { due } => one_off(promise.starts_on, due, end, &outcomes),
    }
}

fn daily(starts: Day, end: Day, outcomes: &[&Outcome]) -> Vec<Period> {
    let mut marks = outcomes.iter().peekable();
    let mut out = Vec::new();
    let mut day = starts;
    while day <= end {
        while marks.next_if(|o| o.date < day).is_some() {}
        let mark = marks.next_if(|o| o.date == day);
        let slots = match mark {
            Some(o) => vec![o.kind.weight()],
            None if day < end => vec![0.0],
            None => Vec::new(),
        };
        let done = u8::from(mark.is_some_and(|o| shows_up(o)));
        out.push(Period {
            first: day,
            last: day,
            quota: 1,
            done,
            slots,
            settled: day < end || mark.is_some(),
        });
        day = day.plus_days(1);
    }
    out
}

fn weekly(times: u8, starts: Day, end: Day, outcomes: &[&Outcome]) -> Vec<Period> {
    let mut out = Vec::new();
    let mut monday = week_start(starts);
    while monday <= end {
        let sunday = monday.plus_days(6);
        let first = monday.max(starts);
        let quota = week_quota(times, starts, monday);
        let mut shown: Vec<&Outcome> =
            outcomes.iter().copied().filter(|o| o.date >= first && o.date <= sunday && shows_up(o)).collect();
        // The week's best marks fill its slots (a "not this time" made up later in the week
        // doesn't count), then in date order so the history reads as it happened.
        shown.sort_by(|a, b| b.kind.weight().total_cmp(&a.kind.weight()).then(a.date.cmp(&b.date)));
        shown.truncate(usize::from(quota));
        shown.sort_by_key(|o| o.date);
        let done = u8::try_from(shown.len()).unwrap_or(quota);
        let mut slots: Vec<f64> = shown.iter().map(|o| o.kind.weight()).collect();
        let over = sunday < end;
        if over {
            slots.resize(usize::from(quota), 0.0);
        }
        out.push(Period { first, last: sunday, quota, done, slots, settled: over || done >= quota });
        monday = monday.plus_days(7);
    }
    out
}

fn one_off(starts: Day, due: Day, end: Day, outcomes: &[&Outcome]) -> Vec<Period> {
    let in_span = outcomes.iter().filter(|o| o.date >= starts && o.date <= due.max(starts));
    let best = in_span.map(|o| o.kind).max_by(|a, b| a.weight().total_cmp(&b.weight()));
    let kept = best == Some(OutcomeKind::Kept);
    let over = due < end;
    let slots = match best {
        _ if kept => vec![1.0],
        Some(kind) if over => vec![kind.weight()],
        None if over => vec![0.0],
        _ => Vec::new(),
    };
    let done = u8::from(best.is_some_and(|k| k != OutcomeKind::Missed));
    vec![Period { first: starts, last: due.max(starts), quota: 1, done, slots, settled: kept || over }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Day {
        Day::ymd(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-05-04 is a Monday; 2026-05-10 the Sunday after.
        assert_eq!(week_start(d(2026, 5, 4)), d(2026, 5, 4));
        assert_eq!(week_start(d(2026, 5, 10)), d(2026, 5, 4));
        assert_eq!(week_start(d(2026, 5, 11)), d(2026, 5, 11));
    }

    #[test]
    fn a_week_joined_late_asks_for_a_fair_share() {
        let monday = d(2026, 5, 4);
        assert_eq!(week_quota(3, monday, monday), 3);
        assert_eq!(week_quota(3, d(2026, 5, 7), monday), 2, "Thursday to Sunday is 4 of 7 days");
        assert_eq!(week_quota(3, d(2026, 5, 10), monday), 1, "a Sunday start still asks once");
        assert_eq!(week_quota(7, d(2026, 5, 10), monday), 1);
        assert_eq!(week_quota(1, d(2026, 5, 9), monday), 1);
        assert_eq!(week_quota(3, d(2026, 4, 1), monday), 3, "later weeks ask for the full amount");
    }
}
