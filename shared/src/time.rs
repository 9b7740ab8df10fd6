//! Calendar days, timestamps with their UTC offset, and the clock the session reads.

use autosurgeon::{Hydrate, HydrateError, Reconcile, Reconciler};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, Utc};
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;

/// A local calendar day (`YYYY-MM-DD`): check-ins and outcomes belong to their author's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Day(pub NaiveDate);

impl Day {
    /// Build a day from year, month and day numbers, if they form a real date.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Day)
    }

    /// The day `n` days later (or earlier for negative `n`).
    pub fn plus_days(self, n: i64) -> Self {
        Day(self.0 + Duration::days(n))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        (later.0 - self.0).num_days()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Day {
    type Err = chrono::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Day)
    }
}

impl Reconcile for Day {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.str(self.to_string())
    }
}

impl Hydrate for Day {
    fn hydrate_string(s: &str) -> Result<Self, HydrateError> {
        s.parse().map_err(|_| HydrateError::unexpected("a YYYY-MM-DD date", s.to_string()))
    }
}

/// A moment in time together with the writer's UTC offset, stored as RFC 3339 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Stamp(pub DateTime<FixedOffset>);

impl Stamp {
    /// The writer's local calendar day at this moment.
    pub fn day(&self) -> Day {
        Day(self.0.date_naive())
    }

    /// Milliseconds since the Unix epoch (UTC).
    pub fn unix_millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    /// The same moment in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339())
    }
}

impl Reconcile for Stamp {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.str(self.0.to_rfc3339())
    }
}

impl Hydrate for Stamp {
    fn hydrate_string(s: &str) -> Result<Self, HydrateError> {
        DateTime::parse_from_rfc3339(s)
            .map(Stamp)
            .map_err(|_| HydrateError::unexpected("an RFC 3339 timestamp", s.to_string()))
    }
}

/// Where the session reads "now" from: the phone's clock, or a test's hand-set clock.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current local time with its UTC offset.
    fn now(&self) -> DateTime<FixedOffset>;

    /// The current moment as a [`Stamp`].
    fn stamp(&self) -> Stamp {
        Stamp(self.now())
    }

    /// Today's local calendar day.
    fn today(&self) -> Day {
        Day(self.now().date_naive())
    }
}

/// The device clock in its local time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
}

/// A clock that only moves when told to: for tests, simulations and benchmarks.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<FixedOffset>>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: DateTime<FixedOffset>) -> Self {
        Self(Mutex::new(start))
    }

    /// A clock at local noon of `day` with the given UTC offset in hours (clamped to ±23).
    pub fn at_noon(day: Day, offset_hours: i32) -> Self {
        let offset = FixedOffset::east_opt(offset_hours.clamp(-23, 23) * 3600).unwrap_or(Utc.fix());
        let local_noon = day.0.and_time(NaiveTime::MIN) + Duration::hours(12);
        let utc = local_noon - Duration::seconds(i64::from(offset.local_minus_utc()));
        Self::new(DateTime::from_naive_utc_and_offset(utc, offset))
    }

    /// Move the clock to `to`.
    pub fn set(&self, to: DateTime<FixedOffset>) {
        *self.lock() = to;
    }

    /// Move the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.lock();
        *now += by;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<FixedOffset>> {
        // A poisoned clock still holds a valid time.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<FixedOffset> {
        *self.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_keeps_the_writers_offset_and_local_day() {
        let s: Stamp = Stamp(DateTime::parse_from_rfc3339("2026-03-01T23:30:00-05:00").unwrap());
        assert_eq!(s.day().to_string(), "2026-03-01");
        assert_eq!(s.utc().date_naive().to_string(), "2026-03-02");
    }

    #[test]
    fn the_manual_clock_moves_only_when_told() {
        let clock = ManualClock::at_noon(Day::ymd(2026, 1, 31).unwrap(), 2);
        assert_eq!(clock.today().to_string(), "2026-01-31");
        clock.advance(Duration::hours(12));
        assert_eq!(clock.today().to_string(), "2026-02-01");
        assert_eq!(clock.now().offset().local_minus_utc(), 7200);
    }

    #[test]
    fn days_count_between_dates() {
        let a = Day::ymd(2026, 2, 27).unwrap();
        assert_eq!(a.plus_days(3).to_string(), "2026-03-02");
        assert_eq!(a.days_until(a.plus_days(3)), 3);
        assert!("2026-13-01".parse::<Day>().is_err());
    }
}
