//! Insights over time: trust and mood trends, promise consistency, regularity, milestones.
//!
//! Everything here is a pure function of the couple's [`SharedState`] and `today`; nothing is
//! stored. [`Insights::compute`] gathers all of it for one [`InsightRange`], with chart models the
//! app draws as they are:
//!
//! ```
//! use mend_shared::insights::{InsightRange, Insights};
//! use mend_shared::model::CheckInDraft;
//! use mend_shared::session::Session;
//! use mend_shared::time::{Day, ManualClock};
//! use std::sync::Arc;
//!
//! let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 0));
//! let mut s = Session::in_memory(clock).unwrap();
//! s.create_profile("Ana").unwrap();
//! s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() }).unwrap();
//!
//! let insights = Insights::compute(s.shared(), s.today(), InsightRange::Last30Days);
//! assert_eq!(insights.trust[0].daily, vec![(s.today(), 6.0)]);
//! assert_eq!(insights.charts.trust.series.len(), 2, "daily dots and the 7-day average");
//! assert_eq!(insights.milestones.unwrap().next.unwrap().0.days, 30);
//! assert!(insights.suggestion.is_none());
//! ```

mod chart;
mod consistency;
mod decline;
mod milestones;
mod range;
mod regularity;
mod trends;

pub use chart::{ChartModel, Series, SeriesStyle};
pub use consistency::{
    KeptShare, PartnerConsistency, PromiseConsistency, WeekShare, promise_consistency, promise_share,
};
pub use decline::{
    CounselorSuggestion, DECLINE_WEEKS, LOOKBACK_WEEKS, MIN_CHECKINS_PER_WEEK, MIN_TOTAL_DROP,
    counselor_suggestion, declining_run,
};
pub use milestones::{MILESTONE_DAYS, Milestone, Milestones, milestones, milestones_from};
pub use range::{InsightRange, began, couple};
pub use regularity::{PartnerRegularity, WeekCount, checkin_regularity};
pub use trends::{
    AVERAGE_WINDOW_DAYS, Metric, Trend, WeekMean, trailing_average, trends, weekly_means, weekly_points,
};

use crate::doc::SharedState;
use crate::time::Day;

/// Everything the insights screen shows for one range.
#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    /// The range asked for.
    pub range: InsightRange,
    /// The first day covered.
    pub from: Day,
    /// The last day covered (today).
    pub to: Day,
    /// Each partner's trust.
    pub trust: Vec<Trend>,
    /// Each partner's mood.
    pub mood: Vec<Trend>,
    /// Promise consistency per week.
    pub consistency: PromiseConsistency,
    /// Check-in regularity per week.
    pub regularity: Vec<PartnerRegularity>,
    /// Milestones since the couple began (`None` before any history).
    pub milestones: Option<Milestones>,
    /// A gentle suggestion to see a counselor, when trust has kept easing down (it looks at the
    /// most recent weeks whatever the range).
    pub suggestion: Option<CounselorSuggestion>,
    /// The same data as charts.
    pub charts: InsightCharts,
}

/// The insights as charts, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct InsightCharts {
    /// Trust 0–10: each partner's daily dots and 7-day average line.
    pub trust: ChartModel,
    /// Mood 1–5: each partner's daily dots and 7-day average line.
    pub mood: ChartModel,
    /// Percentage of scheduled promise-days kept per week: each partner, and together.
    pub consistency: ChartModel,
    /// Share of days checked in per week, in percent, per partner.
    pub regularity: ChartModel,
}

impl Insights {
    /// Compute every insight for `range` as of `today`.
    pub fn compute(state: &SharedState, today: Day, range: InsightRange) -> Self {
        let (from, to) = range.span(state, today);
        let trust = trends(state, Metric::Trust, from, to);
        let mood = trends(state, Metric::Mood, from, to);
        let consistency = promise_consistency(state, from, to, today);
        let regularity = checkin_regularity(state, from, to, today);
        let charts = InsightCharts {
            trust: trend_chart(Metric::Trust, &trust, from, to),
            mood: trend_chart(Metric::Mood, &mood, from, to),
            consistency: consistency_chart(&consistency, from, to),
            regularity: regularity_chart(&regularity, from, to),
        };
        Insights {
            range,
            from,
            to,
            trust,
            mood,
            consistency,
            regularity,
            milestones: milestones(state, today),
            suggestion: counselor_suggestion(state, today),
            charts,
        }
    }
}

/// The longest range whose trust and mood charts show every day. Beyond it (a year, or
/// everything after six months) each partner's line is a weekly average instead: a phone-wide
/// chart has no room for thousands of daily dots, and weeks are what the guide asks the couple
/// to look back over.
pub const DAILY_CHART_MAX_DAYS: i64 = 180;

/// A trust or mood chart. Up to [`DAILY_CHART_MAX_DAYS`] days: each partner's daily dots and
/// 7-day trailing-average line. Longer: one weekly-average line per partner, a point on each
/// week's Monday.
pub fn trend_chart(metric: Metric, trends: &[Trend], from: Day, to: Day) -> ChartModel {
    let (lo, hi) = metric.bounds();
    let weekly = from.days_until(to) + 1 > DAILY_CHART_MAX_DAYS;
    let series = trends
        .iter()
        .flat_map(|t| {
            let partner = Some(t.partner.clone());
            if weekly {
                return vec![Series {
                    label: format!("{} · weekly average", t.name),
                    partner,
                    style: SeriesStyle::Line,
                    step_days: 7,
                    points: weekly_points(&t.daily),
                }];
            }
            vec![
                Series {
                    label: format!("{} · daily", t.name),
                    partner: partner.clone(),
                    style: SeriesStyle::Dots,
                    step_days: 1,
                    points: t.daily.clone(),
                },
                Series {
                    label: format!("{} · 7-day average", t.name),
                    partner,
                    style: SeriesStyle::Line,
                    step_days: 1,
                    points: t.average.clone(),
                },
            ]
        })
        .collect();
    let y_ticks = match metric {
        Metric::Trust => vec![0.0, 2.5, 5.0, 7.5, 10.0],
        Metric::Mood => vec![1.0, 2.0, 3.0, 4.0, 5.0],
    };
    let y_unit = match metric {
        Metric::Trust => "out of 10",
        Metric::Mood => "out of 5",
    };
    let (x_from, caption) = if weekly {
        (
            crate::schedule::week_start(from),
            "Each line is one of you, week by week: the average of that week's check-ins.",
        )
    } else {
        (from, "Dots are each day's check-in; lines are the 7-day average.")
    };
    ChartModel {
        title: metric.label().to_string(),
        x_days: (x_from, to),
        y_range: (lo, hi),
        y_ticks,
        y_unit: y_unit.to_string(),
        caption: caption.to_string(),
        series,
    }
}

/// The promise consistency chart: percent kept per week, each partner and together (weeks with
/// nothing scheduled have no point). Points sit on each week's Monday.
pub fn consistency_chart(consistency: &PromiseConsistency, from: Day, to: Day) -> ChartModel {
    let points = |weeks: &[WeekShare]| -> Vec<(Day, f64)> {
        weeks.iter().filter_map(|w| w.share().map(|s| (w.week_of, s * 100.0))).collect()
    };
    let mut series: Vec<Series> = consistency
        .partners
        .iter()
        .map(|p| Series {
            label: p.name.clone(),
            partner: Some(p.partner.clone()),
            style: SeriesStyle::Line,
            step_days: 7,
            points: points(&p.weeks),
        })
        .collect();
    series.push(Series {
        label: "Together".to_string(),
        partner: None,
        style: SeriesStyle::Line,
        step_days: 7,
        points: points(&consistency.together),
    });
    ChartModel {
        title: "Promises kept".to_string(),
        x_days: (crate::schedule::week_start(from), to),
        y_range: (0.0, 100.0),
        y_ticks: vec![0.0, 25.0, 50.0, 75.0, 100.0],
        y_unit: "% kept".to_string(),
        caption: "The share of promise-days kept each week; partly kept counts as half, and today is \
            never held against anyone."
            .to_string(),
        series,
    }
}

/// The regularity chart: the share of possible days checked in per week, per partner, in percent
/// (so a week still under way isn't drawn as a dip). Points sit on each week's Monday.
pub fn regularity_chart(regularity: &[PartnerRegularity], from: Day, to: Day) -> ChartModel {
    let series = regularity
        .iter()
        .map(|p| Series {
            label: p.name.clone(),
            partner: Some(p.partner.clone()),
            style: SeriesStyle::Line,
            step_days: 7,
            points: p.weeks.iter().filter_map(|w| w.share().map(|s| (w.week_of, s * 100.0))).collect(),
        })
        .collect();
    ChartModel {
        title: "Check-ins per week".to_string(),
        x_days: (crate::schedule::week_start(from), to),
        y_range: (0.0, 100.0),
        y_ticks: vec![0.0, 25.0, 50.0, 75.0, 100.0],
        y_unit: "% of days".to_string(),
        caption: "The share of days each of you checked in, week by week.".to_string(),
        series,
    }
}
