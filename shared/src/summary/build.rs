//! Building a counselor summary from the couple's shared state and their choices.

use super::document::{Block, CounselorSummary, Section, SectionKind};
use super::request::{SummaryError, SummaryRequest, written_within};
use crate::doc::SharedState;
use crate::guide::steps;
use crate::ids::EntryId;
use crate::insights::{
    Metric, WeekMean, checkin_regularity, couple, promise_consistency, promise_share, weekly_means,
};
use crate::model::{CheckIn, Partner};
use crate::time::Day;
use std::collections::BTreeSet;

impl CounselorSummary {
    /// Build the summary the couple asked for, as of `today`.
    ///
    /// It reads only the couple's [`SharedState`] — the private document is out of reach by
    /// construction, so no private journal entry can appear even if its id is chosen. Nothing
    /// dated outside `from..=to`, and nothing not chosen, is included.
    pub fn build(state: &SharedState, request: &SummaryRequest, today: Day) -> Result<Self, SummaryError> {
        let (from, to) = (request.from, request.to);
        if from > to {
            return Err(SummaryError::EndBeforeStart { from, to });
        }
        if to > today {
            return Err(SummaryError::EndsInFuture { to, today });
        }
        if !request.chooses_anything() {
            return Err(SummaryError::NothingChosen);
        }
        let partners = couple(state);
        let mut sections = vec![overview(state, request, &partners, today)];
        if request.include_trends {
            sections.push(trends(state, &partners, from, to));
        }
        if request.include_regularity {
            sections.push(regularity(state, from, to, today));
        }
        if request.include_promises {
            sections.push(promises(state, &partners, from, to, today));
        }
        if request.include_checkin_words {
            sections.push(checkin_words(state, from, to));
        }
        let (journal, left_out_entries) = journal(state, &request.journal_entries, from, to);
        if let Some(section) = journal {
            sections.push(section);
        }
        if request.include_apologies {
            sections.push(apologies(state, from, to));
        }
        if request.include_guide_progress {
            sections.push(guide_progress(state, &partners, to));
        }
        Ok(CounselorSummary {
            title: "A summary for our counselor, made with Mend".to_string(),
            from,
            to,
            prepared_on: today,
            sections,
            left_out_entries,
        })
    }
}

/// A day as people read it: "4 May 2026".
pub(super) fn long_day(day: Day) -> String {
    day.0.format("%-d %b %Y").to_string()
}

fn names(partners: &[&Partner]) -> String {
    match partners {
        [] => "The couple".to_string(),
        [one] => one.name.clone(),
        [rest @ .., last] => {
            let firsts: Vec<&str> = rest.iter().map(|p| p.name.as_str()).collect();
            format!("{} and {}", firsts.join(", "), last.name)
        }
    }
}

fn overview(state: &SharedState, request: &SummaryRequest, partners: &[&Partner], today: Day) -> Section {
    let days = request.from.days_until(request.to) + 1;
    let mut included = Vec::new();
    if request.include_regularity {
        included.push("check-in regularity");
    }
    if request.include_trends {
        included.push("trust and mood");
    }
    if request.include_promises {
        included.push("promises");
    }
    if request.include_checkin_words {
        included.push("check-in words");
    }
    if !request.journal_entries.is_empty() {
        included.push("chosen journal entries");
    }
    if request.include_apologies {
        included.push("apologies");
    }
    if request.include_guide_progress {
        included.push("guide progress");
    }
    Section {
        kind: SectionKind::Overview,
        heading: "About this summary".to_string(),
        blocks: vec![
            Block::Paragraph(format!(
                "{} · {} to {} ({days} {}) · prepared on {}.",
                names(partners),
                long_day(request.from),
                long_day(request.to),
                if days == 1 { "day" } else { "days" },
                long_day(today)
            )),
            Block::Paragraph(
                "The couple chose to make this summary and chose what is in it. Ratings come from \
                 their own daily check-ins in the Mend app: trust from 0 to 10, mood from 1 to 5. \
                 Weeks run Monday to Sunday; the first and last weeks may be partial."
                    .to_string(),
            ),
            Block::Paragraph(format!("Included: {}.", included.join(", "))),
        ]
        .into_iter()
        .chain(parts(state, partners))
        .collect(),
    }
}

/// Each partner's part, for those who chose to share it with their partner; a part kept private
/// is not in the shared state, so it can't reach a summary. Nothing is said of anyone else.
fn parts(state: &SharedState, partners: &[&Partner]) -> Option<Block> {
    let shared: Vec<String> = partners
        .iter()
        .filter_map(|p| state.shared_part_of(&p.id).map(|s| format!("{} — “{}”", p.name, s.part.label())))
        .collect();
    (!shared.is_empty()).then(|| {
        Block::Paragraph(format!("In their own words, as each chose to share: {}.", shared.join("; ")))
    })
}

fn one_decimal(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{:.0}%", v * 100.0))
}

fn trends(state: &SharedState, partners: &[&Partner], from: Day, to: Day) -> Section {
    let mut headers = vec!["Week of".to_string()];
    let mut columns: Vec<Vec<WeekMean>> = Vec::new();
    for p in partners {
        for metric in [Metric::Trust, Metric::Mood] {
            headers.push(format!("{} · {}", p.name, metric.label().to_lowercase()));
            columns.push(weekly_means(state, Some(&p.id), metric, from, to));
        }
    }
    let weeks: Vec<Day> = columns.first().map(|c| c.iter().map(|w| w.week_of).collect()).unwrap_or_default();
    let rows = weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let mut row = vec![long_day(*week)];
            row.extend(columns.iter().map(|c| one_decimal(c.get(i).and_then(|w| w.mean))));
            row
        })
        .collect();
    let mut blocks = Vec::new();
    for p in partners {
        let overall = |metric| {
            let all: Vec<f64> = state
                .checkins_of(&p.id)
                .filter(|c| c.date >= from && c.date <= to)
                .map(|c| Metric::of(metric, c))
                .collect();
            (!all.is_empty()).then(|| all.iter().sum::<f64>() / all.len() as f64)
        };
        let line = match (overall(Metric::Trust), overall(Metric::Mood)) {
            (Some(trust), Some(mood)) => {
                format!("{}: trust averaged {trust:.1} and mood {mood:.1} over these dates.", p.name)
            }
            _ => format!("{}: no check-ins in these dates.", p.name),
        };
        blocks.push(Block::Paragraph(line));
    }
    blocks.push(Block::Table { headers, rows });
    Section { kind: SectionKind::Trends, heading: "Trust and mood, week by week".to_string(), blocks }
}

fn regularity(state: &SharedState, from: Day, to: Day, today: Day) -> Section {
    let partners = checkin_regularity(state, from, to, today);
    let mut headers = vec!["Week of".to_string()];
    headers.extend(partners.iter().map(|p| p.name.clone()));
    let weeks: Vec<Day> =
        partners.first().map(|p| p.weeks.iter().map(|w| w.week_of).collect()).unwrap_or_default();
    let rows = weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let mut row = vec![long_day(*week)];
            row.extend(partners.iter().map(|p| match p.weeks.get(i) {
                Some(w) if w.out_of > 0 => format!("{} of {}", w.days, w.out_of),
                _ => "—".to_string(),
            }));
            row
        })
        .collect();
    Section {
        kind: SectionKind::Regularity,
        heading: "Check-ins, week by week".to_string(),
        blocks: vec![
            Block::Paragraph("Days each partner checked in, out of the days they could.".to_string()),
            Block::Table { headers, rows },
        ],
    }
}

fn promises(state: &SharedState, partners: &[&Partner], from: Day, to: Day, today: Day) -> Section {
    let consistency = promise_consistency(state, from, to, today);
    let mut headers = vec!["Week of".to_string()];
    headers.extend(consistency.partners.iter().map(|p| p.name.clone()));
    headers.push("Together".to_string());
    let rows = consistency
        .together
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let mut row = vec![long_day(week.week_of)];
            row.extend(consistency.partners.iter().map(|p| percent(p.weeks.get(i).and_then(|w| w.share()))));
            row.push(percent(week.share()));
            row
        })
        .collect();
    let mut blocks = vec![
        Block::Paragraph(
            "Share of scheduled promise-days kept each week (partly kept counts as half). A day \
             not yet marked is only counted once it is over."
                .to_string(),
        ),
        Block::Table { headers, rows },
    ];
    let mut list_rows = Vec::new();
    for p in partners {
        for promise in state.promises.iter().filter(|pr| pr.owner == p.id) {
            let share = promise_share(state, promise, from, to, today);
            if share.slots == 0 {
                continue;
            }
            list_rows.push(vec![
                promise.title.clone(),
                p.name.clone(),
                promise.cadence.describe(),
                format!("{} of {} scheduled", percent(share.share()), share.slots),
            ]);
        }
    }
    if !list_rows.is_empty() {
        blocks.push(Block::Table {
            headers: vec!["Promise".into(), "Whose".into(), "How often".into(), "Kept".into()],
            rows: list_rows,
        });
    }
    Section { kind: SectionKind::Promises, heading: "Promises".to_string(), blocks }
}

fn checkin_words(state: &SharedState, from: Day, to: Day) -> Section {
    let mut in_range: Vec<&CheckIn> = state
        .checkins
        .iter()
        .filter(|c| c.date >= from && c.date <= to)
        .filter(|c| !(c.feel.is_empty() && c.need.is_empty() && c.appreciate.is_empty()))
        .collect();
    in_range.sort_by(|a, b| a.date.cmp(&b.date).then(a.written_at.cmp(&b.written_at)));
    let mut blocks: Vec<Block> = in_range
        .into_iter()
        .map(|c| {
            let parts =
                [("What I feel", &c.feel), ("What I need", &c.need), ("What I appreciate", &c.appreciate)]
                    .into_iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(label, text)| (label.to_string(), text.clone()))
                    .collect();
            Block::Item { title: long_day(c.date), meta: state.name_of(&c.partner), parts }
        })
        .collect();
    if blocks.is_empty() {
        blocks.push(Block::Paragraph("No words were written with check-ins in these dates.".to_string()));
    }
    Section { kind: SectionKind::CheckinWords, heading: "In their own words: check-ins".to_string(), blocks }
}

/// The chosen shared entries written within the range, oldest first, and how many chosen ids
/// were left out. Only the shared journal is searched.
fn journal(state: &SharedState, chosen: &[EntryId], from: Day, to: Day) -> (Option<Section>, usize) {
    let unique: BTreeSet<&EntryId> = chosen.iter().collect();
    let mut found: Vec<_> = unique
        .iter()
        .filter_map(|id| state.journal.get(id.as_str()))
        .filter(|e| written_within(e, Some(from), Some(to)))
        .collect();
    let left_out = unique.len() - found.len();
    if unique.is_empty() {
        return (None, 0);
    }
    found.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    let mut blocks: Vec<Block> = found
        .into_iter()
        .map(|e| Block::Item {
            title: if e.title.is_empty() { "Journal entry".to_string() } else { e.title.clone() },
            meta: format!("{} · {}", state.name_of(&e.author), long_day(e.created_at.day())),
            parts: vec![(String::new(), e.body.clone())],
        })
        .collect();
    if blocks.is_empty() {
        blocks.push(Block::Paragraph("None of the chosen entries fall within these dates.".to_string()));
    }
    (
        Some(Section { kind: SectionKind::Journal, heading: "Chosen journal entries".to_string(), blocks }),
        left_out,
    )
}

fn apologies(state: &SharedState, from: Day, to: Day) -> Section {
    let mut list: Vec<_> =
        state.apologies.iter().filter(|a| (from..=to).contains(&a.created_at.day())).collect();
    list.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    let mut blocks: Vec<Block> = list
        .into_iter()
        .map(|a| {
            let mut parts = vec![
                ("What happened".to_string(), a.what_happened.clone()),
                ("Its impact".to_string(), a.impact.clone()),
                ("My part".to_string(), a.my_part.clone()),
                ("What I will do differently".to_string(), a.will_do.clone()),
            ];
            if let Some(p) = a.promise.as_ref().and_then(|id| state.promise(id)) {
                parts.push(("Promise made with it".to_string(), p.title.clone()));
            }
            if let Some(r) = state.responses.get(a.id.as_str()).filter(|r| r.at.day() <= to) {
                let words = if r.text.is_empty() {
                    r.kind.label().to_string()
                } else {
                    format!("{}: {}", r.kind.label(), r.text)
                };
                parts.push((format!("{}'s response", state.name_of(&r.by)), words));
            }
            Block::Item {
                title: "Apology".to_string(),
                meta: format!("{} · {}", state.name_of(&a.author), long_day(a.created_at.day())),
                parts,
            }
        })
        .collect();
    if blocks.is_empty() {
        blocks.push(Block::Paragraph("No apologies were written in these dates.".to_string()));
    }
    Section { kind: SectionKind::Apologies, heading: "Apologies".to_string(), blocks }
}

fn guide_progress(state: &SharedState, partners: &[&Partner], to: Day) -> Section {
    let mut headers = vec!["Step".to_string()];
    headers.extend(partners.iter().map(|p| p.name.clone()));
    let rows = steps()
        .iter()
        .map(|step| {
            let mut row = vec![format!("{}. {}", step.number, step.title)];
            row.extend(partners.iter().map(|p| {
                match state.progress.get(&format!("{}/{}", step.id, p.id)) {
                    Some(pr) if pr.completed_at.is_some_and(|c| c.day() <= to) => "Done",
                    Some(pr) if pr.started_at.day() <= to => "Started",
                    _ => "Not started",
                }
                .to_string()
            }));
            row
        })
        .collect();
    Section {
        kind: SectionKind::GuideProgress,
        heading: format!("The guide, as of {}", long_day(to)),
        blocks: vec![Block::Table { headers, rows }],
    }
}
