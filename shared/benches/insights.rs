//! Benchmarks of insights over three years of a couple's generated history: every insight with
//! its chart models, for the whole history and for each range the app offers, and a year-long
//! counselor summary rendered both ways.
//!
//! Run: `cargo bench -p mend-shared --bench insights`

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use mend_shared::insights::{InsightRange, Insights};
use mend_shared::session::{SampleSpec, Session};
use mend_shared::summary::{CounselorSummary, SummaryRequest};
use mend_shared::time::{Day, ManualClock};
use std::sync::Arc;
use std::time::Instant;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mend.sqlite");
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 11, 25).unwrap(), 1));
    let started = Instant::now();
    Session::create_sample_file(&path, clock.clone(), "Ana", "Ben", SampleSpec::three_years()).unwrap();
    // Insights read the typed state the app has right after opening.
    let s = Session::open_with_clock(&path, clock).unwrap();
    let (state, today) = (s.shared(), s.today());
    eprintln!(
        "generated and reopened in {:?}: {} check-ins, {} promises, {} outcomes",
        started.elapsed(),
        state.checkins.len(),
        state.promises.len(),
        state.outcomes.len()
    );
    let all = Insights::compute(state, today, InsightRange::All);
    eprintln!(
        "all-time insights: {} days, {} trust points per partner, {} weeks of promises",
        all.from.days_until(all.to) + 1,
        all.trust[0].daily.len(),
        all.consistency.together.len()
    );

    let mut group = c.benchmark_group("three_years");
    group.sample_size(20);
    group.bench_function("insights_all_time_with_charts", |b| {
        b.iter(|| Insights::compute(black_box(state), today, InsightRange::All))
    });
    group.bench_function("insights_every_range_with_charts", |b| {
        b.iter(|| InsightRange::ALL.map(|r| Insights::compute(black_box(state), today, r)))
    });
    group.bench_function("insights_last_30_days_with_charts", |b| {
        b.iter(|| Insights::compute(black_box(state), today, InsightRange::Last30Days))
    });
    let request = SummaryRequest {
        include_regularity: true,
        include_trends: true,
        include_promises: true,
        include_checkin_words: true,
        include_apologies: true,
        include_guide_progress: true,
        ..SummaryRequest::new(today.plus_days(-364), today)
    };
    group.bench_function("counselor_summary_one_year_markdown_and_html", |b| {
        b.iter(|| {
            let summary = CounselorSummary::build(black_box(state), &request, today).unwrap();
            (summary.to_markdown(), summary.to_html())
        })
    });
    group.finish();
}

criterion_group!(insights, benches);
criterion_main!(insights);
