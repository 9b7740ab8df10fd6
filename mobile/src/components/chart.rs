//! A chart drawn as inline SVG from mend-shared's `ChartModel`: the app only maps its fractions to
//! coordinates, and says in words what the chart shows for screen readers.

use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PartnerId;
use mend_shared::insights::{ChartModel, Series, SeriesStyle};
use mend_shared::time::Day;

const WIDTH: f64 = 340.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

/// One series ready to draw.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    class: String,
    label: String,
    style: SeriesStyle,
    /// `points` attributes, one per unbroken run of a line.
    lines: Vec<String>,
    /// Dot centres, as `cx` and `cy` attributes.
    dots: Vec<(String, String)>,
}

fn x_of(model: &ChartModel, day: Day) -> f64 {
    LEFT + model.x_fraction(day) * (WIDTH - LEFT - RIGHT)
}

fn y_of(model: &ChartModel, value: f64) -> f64 {
    TOP + (1.0 - model.y_fraction(value)) * (HEIGHT - TOP - BOTTOM)
}

/// A value as the chart's unit says it: "6.5 out of 10", "80% kept".
fn with_unit(value: f64, unit: &str) -> String {
    if unit.starts_with('%') { format!("{value:.0}{unit}") } else { format!("{value:.1} {unit}") }
}

/// A tick's label: whole numbers without decimals, percentages with a sign.
fn tick_label(value: f64, unit: &str) -> String {
    let number = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") };
    if unit.starts_with('%') { format!("{number}%") } else { number }
}

/// What the chart shows, in one sentence per series.
fn describe(model: &ChartModel) -> String {
    let (from, to) = model.x_days;
    let mut text = format!("{}, {} to {}.", model.title, words::month_day(from), words::month_day(to));
    if model.is_empty() {
        text.push_str(" Nothing to show in this range yet.");
        return text;
    }
    for series in model.series.iter().filter(|s| !s.points.is_empty()) {
        let line = match (series.style, series.points.last()) {
            (SeriesStyle::Dots, _) => format!(" {}: {} days.", series.label, series.points.len()),
            (SeriesStyle::Line, Some((day, v))) => {
                format!(" {}: {} on {}.", series.label, with_unit(*v, &model.y_unit), words::month_day(*day))
            }
            (SeriesStyle::Line, None) => String::new(),
        };
        text.push_str(&line);
    }
    text
}

/// Each series' class: `series-0`, `series-1` by partner in order of appearance, or
/// `series-together` for both together.
fn series_class(partners: &mut Vec<PartnerId>, series: &Series) -> String {
    match &series.partner {
        Some(p) => {
            let at = partners.iter().position(|q| q == p).unwrap_or_else(|| {
                partners.push(p.clone());
                partners.len() - 1
            });
            format!("series-{at}")
        }
        None => "series-together".to_string(),
    }
}

fn draw(model: &ChartModel) -> Vec<Drawn> {
    let mut partners = Vec::new();
    model
        .series
        .iter()
        .map(|series| {
            let class = series_class(&mut partners, series);
            let mut drawn = Drawn {
                class,
                label: series.label.clone(),
                style: series.style,
                lines: Vec::new(),
                dots: Vec::new(),
            };
            for segment in series.segments() {
                let points = segment.iter().map(|(d, v)| (x_of(model, *d), y_of(model, *v)));
                match series.style {
                    SeriesStyle::Dots => {
                        drawn.dots.extend(points.map(|(x, y)| (format!("{x:.1}"), format!("{y:.1}"))))
                    }
                    SeriesStyle::Line if segment.len() == 1 => {
                        drawn.dots.extend(points.map(|(x, y)| (format!("{x:.1}"), format!("{y:.1}"))))
                    }
                    SeriesStyle::Line => drawn
                        .lines
                        .push(points.map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")),
                }
            }
            drawn
        })
        .collect()
}

/// The chart of `model` as SVG with the element id `id`, its legend and, when there is nothing to
/// draw, a quiet line instead (`{id}-empty`).
#[component]
pub fn Chart(id: String, model: ChartModel) -> Element {
    let label = describe(&model);
    if model.is_empty() {
        return rsx! {
            p { id: "{id}-empty", class: "quiet chart-empty", "Nothing to show in this range yet." }
        };
    }
    let drawn = draw(&model);
    let bottom = HEIGHT - BOTTOM;
    let (grid_left, grid_right, tick_x, x_label_y) = (
        format!("{LEFT}"),
        format!("{}", WIDTH - RIGHT),
        format!("{}", LEFT - 4.0),
        format!("{:.1}", bottom + 15.0),
    );
    let ticks: Vec<(String, String, String)> = model
        .y_ticks
        .iter()
        .map(|v| {
            let y = y_of(&model, *v);
            (format!("{y:.1}"), format!("{:.1}", y + 3.5), tick_label(*v, &model.y_unit))
        })
        .collect();
    let (from, to) = model.x_days;
    let mut days = vec![(from, if to == from { "middle" } else { "start" })];
    if from.days_until(to) >= 14 {
        days.push((from.plus_days(from.days_until(to) / 2), "middle"));
    }
    if to != from {
        days.push((to, "end"));
    }
    let x_labels: Vec<(String, &str, String)> = days
        .into_iter()
        .map(|(d, anchor)| (format!("{:.1}", x_of(&model, d)), anchor, words::month_day(d)))
        .collect();
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    rsx! {
        div { class: "chart",
            svg {
                id: "{id}",
                view_box: "{view_box}",
                role: "img",
                "aria-label": "{label}",
                "xmlns": "http://www.w3.org/2000/svg",
                g { class: "axes", "aria-hidden": "true",
                    for (i, (y, text_y, text)) in ticks.into_iter().enumerate() {
                        g { key: "{i}",
                            line { class: "grid", x1: "{grid_left}", x2: "{grid_right}", y1: "{y}", y2: "{y}" }
                            text { class: "tick", x: "{tick_x}", y: "{text_y}", text_anchor: "end", "{text}" }
                        }
                    }
                    for (i, (x, anchor, text)) in x_labels.into_iter().enumerate() {
                        text { key: "{i}", class: "tick", x: "{x}", y: "{x_label_y}", text_anchor: "{anchor}", "{text}" }
                    }
                }
                for (i, series) in drawn.iter().enumerate() {
                    g { key: "{i}", class: "{series.class}",
                        for (j, (cx, cy)) in series.dots.iter().enumerate() {
                            circle { key: "{j}", class: "dot", cx: "{cx}", cy: "{cy}", r: "2.4" }
                        }
                        for (j, points) in series.lines.iter().enumerate() {
                            polyline { key: "{j}", class: "line", points: "{points}" }
                        }
                    }
                }
            }
            ul { id: "{id}-legend", class: "chart-legend",
                for (i, series) in drawn.iter().enumerate() {
                    li { key: "{i}", class: "{series.class}",
                        span {
                            class: if series.style == SeriesStyle::Dots { "key-dot" } else { "key-line" },
                            "aria-hidden": "true",
                        }
                        "{series.label}"
                    }
                }
            }
        }
    }
}
