//! The strength score: an exponential average of a promise's scheduled slots, Loop-style.
//!
//! Each slot moves the score by `score = score·α + value·(1−α)`, with
//! `α = 0.5^(√(1/freq)/13)` and `freq` the expected times per day (Loop Habit Tracker's rule), so a
//! daily promise has α ≈ 0.948: one "not this time" after months of keeping it costs about five
//! points, while steady misses bring it down over a few weeks. Unlike Loop, the average is
//! bias-corrected (divided by `1 − α^n`), so a new promise isn't shown as weak merely for being new:
//! its score is the fair, recency-weighted share of what was kept so far.

use super::periods::periods;
use crate::doc::SharedState;
use crate::model::{Cadence, Promise};
use crate::time::Day;

/// How consistently a promise is kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strength {
    /// The score from 0 to 1, or `None` while nothing has been counted yet.
    pub score: Option<f64>,
    /// How many scheduled slots the score is built from.
    pub counted: usize,
}

impl Strength {
    /// The score as a whole percentage.
    pub fn percent(&self) -> Option<u8> {
        self.score.map(|s| (s.clamp(0.0, 1.0) * 100.0).round() as u8)
    }

    /// The score over a row of slot values (each 0 to 1), with smoothing factor `alpha`.
    pub fn over(values: impl IntoIterator<Item = f64>, alpha: f64) -> Self {
        let mut raw = 0.0;
        let mut weight = 1.0;
        let mut counted = 0;
        for v in values {
            raw = raw * alpha + v.clamp(0.0, 1.0) * (1.0 - alpha);
            weight *= alpha;
            counted += 1;
        }
        let score = (counted > 0).then(|| raw / (1.0 - weight));
        Strength { score, counted }
    }
}

/// The smoothing factor for a cadence, per scheduled slot: `0.5^(√(1/freq)/13)`.
///
/// A week of "n times" is n slots at a frequency of n/7 a day, so the days a weekly promise
/// doesn't ask for never count, and each of its slots weighs a little more than a daily one's.
/// A one-off promise has a single slot, so its factor only matters for the formula's sake.
pub fn alpha(cadence: Cadence) -> f64 {
    let per_day = match cadence {
        Cadence::Daily => 1.0,
        Cadence::PerWeek { times } => f64::from(times.clamp(1, 7)) / 7.0,
        Cadence::OneOff { .. } => 1.0,
    };
    0.5_f64.powf((1.0 / per_day).sqrt() / 13.0)
}

/// The strength of `promise` as of `today`.
pub fn strength(state: &SharedState, promise: &Promise, today: Day) -> Strength {
    let values = periods(state, promise, today).into_iter().flat_map(|p| p.slots);
    Strength::over(values, alpha(promise.cadence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_daily_promise_smooths_with_alpha_near_0_948() {
        assert!((alpha(Cadence::Daily) - 0.9481).abs() < 1e-3);
        assert!(alpha(Cadence::PerWeek { times: 1 }) < alpha(Cadence::PerWeek { times: 3 }));
        assert_eq!(alpha(Cadence::PerWeek { times: 7 }), alpha(Cadence::Daily));
    }

    #[test]
    fn nothing_counted_means_no_score_rather_than_zero() {
        let s = Strength::over([], 0.9);
        assert_eq!((s.score, s.percent(), s.counted), (None, None, 0));
        assert_eq!(Strength::over([1.0], 0.9).percent(), Some(100));
        assert_eq!(Strength::over([0.5], 0.9).percent(), Some(50));
    }
}
