//! Which stretch of time insights look at, and when the couple began.

use crate::doc::SharedState;
use crate::model::Partner;
use crate::time::Day;

/// The stretch of time the insights screen shows, always ending today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InsightRange {
    /// The last 30 days.
    Last30Days,
    /// The last 90 days.
    Last90Days,
    /// The last 365 days.
    LastYear,
    /// Everything since the couple began.
    All,
}

impl InsightRange {
    /// Every range, in the order the app offers them.
    pub const ALL: [InsightRange; 4] =
        [InsightRange::Last30Days, InsightRange::Last90Days, InsightRange::LastYear, InsightRange::All];

    /// How many days the range covers (`None` for everything).
    pub fn days(self) -> Option<i64> {
        match self {
            InsightRange::Last30Days => Some(30),
            InsightRange::Last90Days => Some(90),
            InsightRange::LastYear => Some(365),
            InsightRange::All => None,
        }
    }

    /// The range in words.
    pub fn label(self) -> &'static str {
        match self {
            InsightRange::Last30Days => "30 days",
            InsightRange::Last90Days => "90 days",
            InsightRange::LastYear => "1 year",
            InsightRange::All => "All",
        }
    }

    /// The first and last day the range covers as of `today`. It never starts before the couple
    /// began (so a young couple's charts aren't mostly empty), and with no history at all it is
    /// just today.
    pub fn span(self, state: &SharedState, today: Day) -> (Day, Day) {
        let began = began(state).unwrap_or(today).min(today);
        let from = match self.days() {
            Some(n) => today.plus_days(1 - n).max(began),
            None => began,
        };
        (from, today)
    }
}

/// The day the couple began using Mend: the earliest of any partner's profile (its local day)
/// and any check-in's date — a check-in may be written for a day before the profile was made.
/// `None` while the shared document holds neither.
pub fn began(state: &SharedState) -> Option<Day> {
    let first_profile = state.partners.iter().map(|p| p.joined_at.day()).min();
    // Check-in keys start with the date, so the first row is the earliest.
    let first_checkin = state.checkins.iter().next().map(|c| c.date);
    match (first_profile, first_checkin) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The couple's partners in a stable order: who joined first, then by id.
pub fn couple(state: &SharedState) -> Vec<&Partner> {
    let mut partners: Vec<&Partner> = state.partners.iter().collect();
    partners.sort_by(|a, b| a.joined_at.cmp(&b.joined_at).then(a.id.cmp(&b.id)));
    partners
}

/// Every Monday from the week holding `from` to the week holding `to`, oldest first.
pub(crate) fn mondays(from: Day, to: Day) -> impl Iterator<Item = Day> {
    let first = crate::schedule::week_start(from);
    let last = crate::schedule::week_start(to);
    let weeks = first.days_until(last).max(-7) / 7 + 1;
    (0..weeks).map(move |i| first.plus_days(7 * i))
}
