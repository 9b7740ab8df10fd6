//! Check-in regularity: per week, the days each partner checked in.

use super::range::{couple, mondays};
use crate::doc::SharedState;
use crate::ids::PartnerId;
use crate::time::Day;

/// One week of check-ins for one partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCount {
    /// Monday of the week.
    pub week_of: Day,
    /// Days with a check-in.
    pub days: u8,
    /// Days of the week that could hold one: 7, fewer at the range's edges (a week still under
    /// way counts only the days already over, plus today once checked in — today is never held
    /// against anyone), and 0 before the partner joined.
    pub out_of: u8,
}

impl WeekCount {
    /// The share of possible days checked in, or `None` when no day was possible.
    pub fn share(&self) -> Option<f64> {
        (self.out_of > 0).then(|| f64::from(self.days) / f64::from(self.out_of))
    }
}

/// One partner's weekly check-in regularity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRegularity {
    /// Whose check-ins.
    pub partner: PartnerId,
    /// Their display name.
    pub name: String,
    /// Every week touching the range, oldest first.
    pub weeks: Vec<WeekCount>,
}

/// Each partner's check-in regularity over `from..=to` as of `today`, in [`couple`] order. A
/// partner's weeks count from their own first day: the earlier of their profile's day and their
/// first check-in. Today counts as a possible day only once the partner has checked in.
pub fn checkin_regularity(state: &SharedState, from: Day, to: Day, today: Day) -> Vec<PartnerRegularity> {
    couple(state)
        .into_iter()
        .map(|p| {
            let first_checkin = state.checkins_of(&p.id).next().map(|c| c.date);
            let start = first_checkin.map_or(p.joined_at.day(), |d| d.min(p.joined_at.day())).max(from);
            let checked_in_today = state.checkin(today, &p.id).is_some();
            // The last day that can count: yesterday while today's check-in is still to come.
            let last_day = if checked_in_today { to.min(today) } else { to.min(today.plus_days(-1)) };
            let mut weeks: Vec<WeekCount> = mondays(from, to)
                .map(|week_of| {
                    let first = week_of.max(start);
                    let last = week_of.plus_days(6).min(last_day);
                    let possible = (first.days_until(last) + 1).clamp(0, 7);
                    WeekCount { week_of, days: 0, out_of: u8::try_from(possible).unwrap_or(0) }
                })
                .collect();
            if let Some(first_week) = weeks.first().map(|w| w.week_of) {
                for c in state.checkins_of(&p.id).filter(|c| c.date >= start && c.date <= to) {
                    let i = (first_week.days_until(c.date) / 7) as usize;
                    if let Some(w) = weeks.get_mut(i) {
                        w.days = w.days.saturating_add(1);
                    }
                }
            }
            PartnerRegularity { partner: p.id.clone(), name: p.name.clone(), weeks }
        })
        .collect()
}
