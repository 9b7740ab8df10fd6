//! Chart-ready models the app can draw as SVG without logic of its own: it maps each point to
//! coordinates with [`ChartModel::x_fraction`] and [`ChartModel::y_fraction`] and draws each
//! [`Series::segments`] as dots or a polyline.

use crate::ids::PartnerId;
use crate::time::Day;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesStyle {
    /// A dot per point (daily check-ins).
    Dots,
    /// A line through the points, broken where there is a gap.
    Line,
}

/// One line or set of dots on a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend text, e.g. "Ana · 7-day average".
    pub label: String,
    /// Whose data, or `None` for both partners together.
    pub partner: Option<PartnerId>,
    /// Dots or a line.
    pub style: SeriesStyle,
    /// Days between neighbouring points when nothing is missing (1 for daily, 7 for weekly); a
    /// wider gap breaks a line.
    pub step_days: i64,
    /// The points, oldest first.
    pub points: Vec<(Day, f64)>,
}

impl Series {
    /// The points in unbroken runs: a line is drawn as one polyline per segment; dots come as a
    /// single segment.
    pub fn segments(&self) -> Vec<&[(Day, f64)]> {
        if self.style == SeriesStyle::Dots {
            return if self.points.is_empty() { Vec::new() } else { vec![&self.points[..]] };
        }
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..=self.points.len() {
            let broken =
                i == self.points.len() || self.points[i - 1].0.days_until(self.points[i].0) > self.step_days;
            if broken && i > start {
                out.push(&self.points[start..i]);
                start = i;
            }
        }
        out
    }
}

/// A chart: its axes' extent and the series to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartModel {
    /// The chart's title, e.g. "Trust".
    pub title: String,
    /// The first and last day on the x axis (inclusive).
    pub x_days: (Day, Day),
    /// The lowest and highest value on the y axis.
    pub y_range: (f64, f64),
    /// Values to draw gridlines and labels at, lowest first.
    pub y_ticks: Vec<f64>,
    /// What the y values are, e.g. "out of 10" or "% kept".
    pub y_unit: String,
    /// One line saying how to read the chart (what a dot and a line are).
    pub caption: String,
    /// The series, in legend order.
    pub series: Vec<Series>,
}

impl ChartModel {
    /// Where `day` falls on the x axis, from 0 (first day) to 1 (last day).
    pub fn x_fraction(&self, day: Day) -> f64 {
        let span = self.x_days.0.days_until(self.x_days.1);
        if span <= 0 {
            return 0.5;
        }
        self.x_days.0.days_until(day) as f64 / span as f64
    }

    /// Where `value` falls on the y axis, from 0 (bottom) to 1 (top); an SVG's y is `1 − this`.
    pub fn y_fraction(&self, value: f64) -> f64 {
        let (lo, hi) = self.y_range;
        if hi <= lo {
            return 0.5;
        }
        ((value - lo) / (hi - lo)).clamp(0.0, 1.0)
    }

    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }
}
