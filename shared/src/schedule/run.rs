//! The current run: how many scheduled periods in a row were shown up for, counted positively.
//!
//! A period still under way never ends a run; it joins the run once it is met. A run that ended
//! simply isn't shown — nothing here speaks of a run being "lost".

use super::periods::periods;
use crate::doc::SharedState;
use crate::model::{Cadence, Promise};
use crate::time::Day;

/// What a run counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunUnit {
    /// Days (a daily promise).
    Day,
    /// Weeks (an "n times a week" promise).
    Week,
}

/// A run of periods kept (or partly kept) one after another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Periods in a row, up to now.
    pub count: u32,
    /// Days or weeks.
    pub unit: RunUnit,
}

impl Run {
    /// The run in words, e.g. "1 day" or "3 weeks".
    pub fn describe(&self) -> String {
        let unit = match (self.unit, self.count) {
            (RunUnit::Day, 1) => "day",
            (RunUnit::Day, _) => "days",
            (RunUnit::Week, 1) => "week",
            (RunUnit::Week, _) => "weeks",
        };
        format!("{} {unit}", self.count)
    }
}

/// The current run of `promise` as of `today`; `None` for one-off promises, which have no rhythm.
pub fn current_run(state: &SharedState, promise: &Promise, today: Day) -> Option<Run> {
    let unit = match promise.cadence {
        Cadence::Daily => RunUnit::Day,
        Cadence::PerWeek { .. } => RunUnit::Week,
        Cadence::OneOff { .. } => return None,
    };
    let periods = periods(state, promise, today);
    let mut rest = periods.iter().rev().peekable();
    // The period under way doesn't break the run while it can still be met.
    rest.next_if(|p| !p.settled && !p.met());
    let count = rest.take_while(|p| p.met()).count();
    Some(Run { count: u32::try_from(count).unwrap_or(u32::MAX), unit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_read_naturally() {
        assert_eq!(Run { count: 1, unit: RunUnit::Day }.describe(), "1 day");
        assert_eq!(Run { count: 12, unit: RunUnit::Day }.describe(), "12 days");
        assert_eq!(Run { count: 1, unit: RunUnit::Week }.describe(), "1 week");
        assert_eq!(Run { count: 0, unit: RunUnit::Week }.describe(), "0 weeks");
    }
}
