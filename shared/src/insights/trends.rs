//! Trust and mood over time: each partner's daily check-ins, a 7-day trailing average, and
//! weekly means.

use super::range::{couple, mondays};
use crate::doc::SharedState;
use crate::ids::PartnerId;
use crate::model::CheckIn;
use crate::schedule::week_start;
use crate::time::Day;

/// What a check-in measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Trust, 0–10.
    Trust,
    /// Mood, 1–5.
    Mood,
}

impl Metric {
    /// The metric in words.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Trust => "Trust",
            Metric::Mood => "Mood",
        }
    }

    /// The lowest and highest value a check-in can hold.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Metric::Trust => (0.0, 10.0),
            Metric::Mood => (1.0, 5.0),
        }
    }

    /// This metric's value in a check-in.
    pub fn of(self, checkin: &CheckIn) -> f64 {
        match self {
            Metric::Trust => f64::from(checkin.trust),
            Metric::Mood => f64::from(checkin.mood),
        }
    }
}

/// Days in the trailing average's window (the day itself and the six before it).
pub const AVERAGE_WINDOW_DAYS: i64 = 7;

/// One partner's trust or mood over a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Whose.
    pub partner: PartnerId,
    /// Their display name.
    pub name: String,
    /// Trust or mood.
    pub metric: Metric,
    /// Each day they checked in, with its value, oldest first.
    pub daily: Vec<(Day, f64)>,
    /// For each day of the range whose 7-day window (that day and the six before, reaching back
    /// before the range if needed) holds a check-in: the mean over the days in the window that
    /// have one. Days with no check-in in their window have no point, so a line breaks there.
    pub average: Vec<(Day, f64)>,
}

/// Each partner's trend of `metric` from `from` to `to` (inclusive), in [`couple`] order.
pub fn trends(state: &SharedState, metric: Metric, from: Day, to: Day) -> Vec<Trend> {
    couple(state)
        .into_iter()
        .map(|p| {
            let window_start = from.plus_days(1 - AVERAGE_WINDOW_DAYS);
            let values: Vec<(Day, f64)> = state
                .checkins_of(&p.id)
                .filter(|c| c.date >= window_start && c.date <= to)
                .map(|c| (c.date, metric.of(c)))
                .collect();
            Trend {
                partner: p.id.clone(),
                name: p.name.clone(),
                metric,
                daily: values.iter().copied().filter(|(d, _)| *d >= from).collect(),
                average: trailing_average(&values, from, to),
            }
        })
        .collect()
}

/// The trailing mean for each day from `from` to `to` over `values` (one per day, oldest
/// first), skipping days whose window is empty.
pub fn trailing_average(values: &[(Day, f64)], from: Day, to: Day) -> Vec<(Day, f64)> {
    let mut out = Vec::new();
    let (mut head, mut tail) = (0, 0);
    let mut sum = 0.0;
    let mut day = from;
    while day <= to {
        while head < values.len() && values[head].0 <= day {
            sum += values[head].1;
            head += 1;
        }
        let window_start = day.plus_days(1 - AVERAGE_WINDOW_DAYS);
        while tail < head && values[tail].0 < window_start {
            sum -= values[tail].1;
            tail += 1;
        }
        if head > tail {
            out.push((day, sum / (head - tail) as f64));
        }
        day = day.plus_days(1);
    }
    out
}

/// One week's mean of a metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekMean {
    /// Monday of the week.
    pub week_of: Day,
    /// The mean over the week's check-ins, if there were any.
    pub mean: Option<f64>,
    /// How many check-ins it is built from.
    pub checkins: usize,
}

/// Weekly means of `metric` for every Monday-to-Sunday week touching `from..=to`, counting only
/// check-ins within the range.
///
/// With `partner`, that partner's own mean and check-in count. With `None`, the couple's
/// combined mean: each partner's own weekly mean, weighted equally, so whoever checks in more
/// often doesn't outweigh the other. A combined week has a mean only when every partner of the
/// couple checked in that week (otherwise who happened to check in would move the mean by
/// itself), and its `checkins` is the fewest any partner made — so a combined week is as well
/// supported as its thinnest partner.
pub fn weekly_means(
    state: &SharedState,
    partner: Option<&PartnerId>,
    metric: Metric,
    from: Day,
    to: Day,
) -> Vec<WeekMean> {
    match partner {
        Some(p) => own_weekly_means(state, p, metric, from, to),
        None => {
            let partners: Vec<Vec<WeekMean>> =
                couple(state).into_iter().map(|p| own_weekly_means(state, &p.id, metric, from, to)).collect();
            mondays(from, to)
                .enumerate()
                .map(|(i, week_of)| {
                    let weeks: Vec<&WeekMean> = partners.iter().filter_map(|p| p.get(i)).collect();
                    let everyone = !weeks.is_empty() && weeks.iter().all(|w| w.mean.is_some());
                    if !everyone {
                        return WeekMean { week_of, mean: None, checkins: 0 };
                    }
                    let sum: f64 = weeks.iter().filter_map(|w| w.mean).sum();
                    let fewest = weeks.iter().map(|w| w.checkins).min().unwrap_or(0);
                    WeekMean { week_of, mean: Some(sum / weeks.len() as f64), checkins: fewest }
                })
                .collect()
        }
    }
}

/// One partner's weekly means of `metric` over the weeks touching `from..=to`.
fn own_weekly_means(
    state: &SharedState,
    partner: &PartnerId,
    metric: Metric,
    from: Day,
    to: Day,
) -> Vec<WeekMean> {
    let mut weeks: Vec<WeekMean> =
        mondays(from, to).map(|week_of| WeekMean { week_of, mean: None, checkins: 0 }).collect();
    let Some(first) = weeks.first().map(|w| w.week_of) else { return weeks };
    let mut sums = vec![0.0; weeks.len()];
    for c in state.checkins_of(partner).filter(|c| c.date >= from && c.date <= to) {
        let i = (first.days_until(week_start(c.date)) / 7) as usize;
        if let (Some(w), Some(sum)) = (weeks.get_mut(i), sums.get_mut(i)) {
            w.checkins += 1;
            *sum += metric.of(c);
        }
    }
    for (w, sum) in weeks.iter_mut().zip(sums) {
        w.mean = (w.checkins > 0).then(|| sum / w.checkins as f64);
    }
    weeks
}

/// Daily points as one point per Monday-to-Sunday week: the mean of that week's points, placed
/// on its Monday, oldest first (weeks without points have none).
pub fn weekly_points(daily: &[(Day, f64)]) -> Vec<(Day, f64)> {
    let mut out: Vec<(Day, f64, usize)> = Vec::new();
    for &(day, value) in daily {
        let monday = week_start(day);
        match out.last_mut() {
            Some((m, sum, n)) if *m == monday => {
                *sum += value;
                *n += 1;
            }
            _ => out.push((monday, value, 1)),
        }
    }
    out.into_iter().map(|(m, sum, n)| (m, sum / n as f64)).collect()
}
