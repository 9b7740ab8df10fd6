//! Milestones: 30, 90, 180 and 365 days since the couple began.

use super::range::began;
use crate::doc::SharedState;
use crate::time::Day;

/// The milestones, in days since the couple began.
pub const MILESTONE_DAYS: [u32; 4] = [30, 90, 180, 365];

/// One milestone and when it falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    /// Days since the couple began.
    pub days: u32,
    /// The day it is reached: the day the couple began plus `days`.
    pub on: Day,
    /// Whether today is on or after that day.
    pub reached: bool,
}

impl Milestone {
    /// The milestone in words: "30 days", "3 months", "6 months", "1 year".
    pub fn label(&self) -> String {
        match self.days {
            90 => "3 months".to_string(),
            180 => "6 months".to_string(),
            365 => "1 year".to_string(),
            n => format!("{n} days"),
        }
    }
}

/// Where the couple stands against the milestones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestones {
    /// The day the couple began (see [`began`](super::began)).
    pub began: Day,
    /// Whole days from that day to today (0 on the first day).
    pub days_since: i64,
    /// Every milestone, in order, with whether it is reached.
    pub all: Vec<Milestone>,
    /// The next milestone not yet reached, with the days left until it (none after a year).
    pub next: Option<(Milestone, i64)>,
}

impl Milestones {
    /// The milestones reached so far, in order.
    pub fn reached(&self) -> impl Iterator<Item = &Milestone> {
        self.all.iter().filter(|m| m.reached)
    }
}

/// The milestones as of `today`, or `None` before the couple has any history.
pub fn milestones(state: &SharedState, today: Day) -> Option<Milestones> {
    let began = began(state)?;
    Some(milestones_from(began, today))
}

/// The milestones for a couple that began on `began`, as of `today`.
pub fn milestones_from(began: Day, today: Day) -> Milestones {
    let all: Vec<Milestone> = MILESTONE_DAYS
        .iter()
        .map(|&days| {
            let on = began.plus_days(i64::from(days));
            Milestone { days, on, reached: today >= on }
        })
        .collect();
    let next = all.iter().find(|m| !m.reached).map(|m| (*m, today.days_until(m.on)));
    Milestones { began, days_since: began.days_until(today), all, next }
}
