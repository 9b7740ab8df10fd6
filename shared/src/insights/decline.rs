//! A gentle suggestion to see a counselor when trust has kept easing down for three weeks.
//!
//! The rule, precisely:
//! - Look at weekly mean trust for complete Monday-to-Sunday weeks only (the week under way is
//!   left out), for three series: both partners' check-ins pooled, and each partner's own.
//! - A week counts only with at least [`MIN_CHECKINS_PER_WEEK`] check-ins in that series; a
//!   thinner or missing week breaks the run — nothing is guessed across a gap.
//! - A series is declining when its most recent complete week is lower than the week before,
//!   and that one lower than the week before it, for at least [`DECLINE_WEEKS`] weeks in a row,
//!   *and* the total drop from the week before the run to the latest week is at least
//!   [`MIN_TOTAL_DROP`] points on the 0–10 scale (so a slow drift of a tenth a week doesn't count).
//! - If any series declines, the suggestion is made once, about the pooled series if it
//!   declines, otherwise about the partner series with the larger drop — in words that name no
//!   one, so it reads as an observation, never as blame.

use super::range::couple;
use super::trends::{Metric, WeekMean, weekly_means};
use crate::doc::SharedState;
use crate::schedule::week_start;
use crate::time::Day;

/// Weeks in a row that must each be lower than the week before.
pub const DECLINE_WEEKS: usize = 3;
/// The smallest total drop, in trust points, from the week before the decline to the latest week.
pub const MIN_TOTAL_DROP: f64 = 1.5;
/// Check-ins a week needs before its mean is trusted.
pub const MIN_CHECKINS_PER_WEEK: usize = 2;
/// How many complete weeks back the rule looks (a longer decline is reported up to this far).
pub const LOOKBACK_WEEKS: i64 = 12;

/// A calm, optional suggestion to talk to a counselor, with the weeks behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct CounselorSuggestion {
    /// What was noticed and what might help, in calm words.
    pub reason_in_words: String,
    /// The weeks behind it, oldest first: the week before the decline, then each lower week
    /// (Monday, mean trust).
    pub weeks: Vec<(Day, f64)>,
}

/// The suggestion as of `today`, or `None` when trust hasn't kept easing down.
pub fn counselor_suggestion(state: &SharedState, today: Day) -> Option<CounselorSuggestion> {
    let this_week = week_start(today);
    let from = this_week.plus_days(-7 * LOOKBACK_WEEKS);
    let to = this_week.plus_days(-1);
    let pooled = weekly_means(state, None, Metric::Trust, from, to);
    if let Some(weeks) = declining_run(&pooled) {
        return Some(suggest(&weeks, true));
    }
    couple(state)
        .into_iter()
        .filter_map(|p| declining_run(&weekly_means(state, Some(&p.id), Metric::Trust, from, to)))
        .max_by(|a, b| drop_of(a).total_cmp(&drop_of(b)))
        .map(|weeks| suggest(&weeks, false))
}

/// The declining run at the end of `weeks` (consecutive weeks, oldest first, the last being the
/// most recent complete week), if it satisfies the rule: the week before the run, then each
/// lower week.
pub fn declining_run(weeks: &[WeekMean]) -> Option<Vec<(Day, f64)>> {
    let usable = |w: &WeekMean| w.mean.filter(|_| w.checkins >= MIN_CHECKINS_PER_WEEK);
    let mut run: Vec<(Day, f64)> = Vec::new();
    for w in weeks.iter().rev() {
        let Some(mean) = usable(w) else { break };
        match run.last() {
            Some(&(_, later)) if mean <= later => break,
            _ => run.push((w.week_of, mean)),
        }
    }
    run.reverse();
    let declines = run.len().saturating_sub(1);
    (declines >= DECLINE_WEEKS && drop_of(&run) >= MIN_TOTAL_DROP).then_some(run)
}

fn drop_of(run: &[(Day, f64)]) -> f64 {
    match (run.first(), run.last()) {
        (Some(a), Some(b)) => a.1 - b.1,
        _ => 0.0,
    }
}

fn suggest(weeks: &[(Day, f64)], both: bool) -> CounselorSuggestion {
    let (first, last) = match (weeks.first(), weeks.last()) {
        (Some(a), Some(b)) => (a.1, b.1),
        _ => (0.0, 0.0),
    };
    let whose = if both {
        "the trust you have both been recording"
    } else {
        "the trust one of you has been recording"
    };
    let reason_in_words = format!(
        "Over the last {n} weeks, {whose} has eased a little lower each week, from {first:.1} to {last:.1} \
         out of 10. Harder stretches are a normal part of rebuilding, and this isn't anyone's failing. \
         If it would help, a couples counselor can offer a calm, outside view — the \"Seek professional \
         help\" step has a few thoughts on finding one, whenever you are ready.",
        n = weeks.len().saturating_sub(1),
    );
    CounselorSuggestion { reason_in_words, weeks: weeks.to_vec() }
}
