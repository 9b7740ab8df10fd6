//! How long the app may be out of sight before it locks by itself.

use std::time::Duration;

/// The choices Settings offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum AwayLimit {
    /// Lock as soon as the app is hidden or loses focus.
    #[default]
    #[serde(rename = "0")]
    AtOnce,
    /// After one minute away.
    #[serde(rename = "1m")]
    OneMinute,
    /// After five minutes away.
    #[serde(rename = "5m")]
    FiveMinutes,
    /// After fifteen minutes away.
    #[serde(rename = "15m")]
    FifteenMinutes,
}

impl AwayLimit {
    /// Every choice, shortest first.
    pub const ALL: [AwayLimit; 4] =
        [AwayLimit::AtOnce, AwayLimit::OneMinute, AwayLimit::FiveMinutes, AwayLimit::FifteenMinutes];

    /// The time away that locks the app.
    pub fn duration(self) -> Duration {
        Duration::from_secs(match self {
            AwayLimit::AtOnce => 0,
            AwayLimit::OneMinute => 60,
            AwayLimit::FiveMinutes => 5 * 60,
            AwayLimit::FifteenMinutes => 15 * 60,
        })
    }

    /// Whether having been away for `away` locks the app.
    pub fn locks_after(self, away: Duration) -> bool {
        away >= self.duration()
    }

    /// A stable id (element ids, settings).
    pub fn id(self) -> &'static str {
        match self {
            AwayLimit::AtOnce => "now",
            AwayLimit::OneMinute => "1",
            AwayLimit::FiveMinutes => "5",
            AwayLimit::FifteenMinutes => "15",
        }
    }

    /// The words Settings shows.
    pub fn label(self) -> &'static str {
        match self {
            AwayLimit::AtOnce => "At once",
            AwayLimit::OneMinute => "After 1 minute",
            AwayLimit::FiveMinutes => "After 5 minutes",
            AwayLimit::FifteenMinutes => "After 15 minutes",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_once_locks_on_any_absence_and_longer_limits_only_past_their_time() {
        assert!(AwayLimit::AtOnce.locks_after(Duration::ZERO));
        assert!(!AwayLimit::OneMinute.locks_after(Duration::from_secs(59)));
        assert!(AwayLimit::OneMinute.locks_after(Duration::from_secs(60)));
        assert!(!AwayLimit::FifteenMinutes.locks_after(Duration::from_secs(14 * 60)));
    }
}
