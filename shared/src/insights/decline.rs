//! A gentle suggestion to see a counselor when trust has kept easing down for three weeks.
//!
//! The rule, precisely:
//! - Look at weekly mean trust for complete Monday-to-Sunday weeks only (the week under way is
//!   left out), for each partner's own check-ins and for the couple combined — each partner's
//!   weekly mean weighted equally, so whoever checks in more often doesn't outweigh the other
//!   (see [`weekly_means`]).
//! - A week counts only with at least [`MIN_CHECKINS_PER_WEEK`] check-ins in that series (for
//!   the combined series: from each partner); a thinner or missing week breaks the run —
//!   nothing is guessed across a gap.
//! - A series is declining when its most recent complete week is lower than the week before,
//!   and that one lower than the week before it, for at least [`DECLINE_WEEKS`] weeks in a row,
//!   *and* the total drop from the week before the run to the latest week is at least
//!   [`MIN_TOTAL_DROP`] points on the 0–10 scale, so a slow drift of a tenth a week doesn't
//!   count. Both conditions are said in the suggestion's words.
//! - The suggestion is made once. If exactly one partner's own trust declines, it is about
//!   that series (one partner explains it, even when the combined series follows); otherwise,
//!   if the combined series declines, about that; otherwise, if both partners' own series
//!   decline, about the one with the larger drop. The words name no one, so they read as an
//!   observation, never as blame.

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
    let partners = couple(state);
    let mut own: Vec<Vec<(Day, f64)>> = partners
        .iter()
        .filter_map(|p| declining_run(&weekly_means(state, Some(&p.id), Metric::Trust, from, to)))
        .collect();
    let whose = |w| Whose { alone: partners.len() < 2, who: w };
    if own.len() == 1 && partners.len() > 1 {
        return own.pop().map(|run| suggest(&run, whose(Who::OneOfYou)));
    }
    if let Some(run) = declining_run(&weekly_means(state, None, Metric::Trust, from, to)) {
        return Some(suggest(&run, whose(Who::Together)));
    }
    own.into_iter()
        .max_by(|a, b| drop_of(a).total_cmp(&drop_of(b)))
        .map(|run| suggest(&run, whose(Who::OneOfYou)))
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

/// Whose trust a suggestion is about, in words that name no one.
#[derive(Debug, Clone, Copy)]
struct Whose {
    /// Only one partner has joined yet.
    alone: bool,
    who: Who,
}

#[derive(Debug, Clone, Copy)]
enum Who {
    OneOfYou,
    Together,
}

fn suggest(weeks: &[(Day, f64)], whose: Whose) -> CounselorSuggestion {
    let (first, last) = match (weeks.first(), weeks.last()) {
        (Some(a), Some(b)) => (a.1, b.1),
        _ => (0.0, 0.0),
    };
    let whose = match whose {
        Whose { alone: true, .. } => "the trust you have been recording",
        Whose { who: Who::Together, .. } => "the trust you have both been recording, taken together,",
        Whose { who: Who::OneOfYou, .. } => "the trust one of you has been recording",
    };
    let reason_in_words = format!(
        "Over the last {n} weeks, {whose} has eased a little lower each week, from {first:.1} to {last:.1} \
         out of 10. Mend mentions this only when trust has eased lower for {DECLINE_WEEKS} weeks or more \
         in a row and by {MIN_TOTAL_DROP:.1} points or more in all. Harder stretches are a normal part of \
         rebuilding, and this isn't anyone's failing. If it would help, a couples counselor can offer a \
         calm, outside view — the \"Seek professional help\" step has a few thoughts on finding one, \
         whenever you are ready.",
        n = weeks.len().saturating_sub(1),
    );
    CounselorSuggestion { reason_in_words, weeks: weeks.to_vec() }
}
