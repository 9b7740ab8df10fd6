//! The app with three years of a couple's data: time from start to the first screen rendered, a
//! check-in saved through the screen (tap, validate, durable write, re-render), and the Insights
//! screen rendered from scratch (VirtualDom rebuild + SSR) for each range, target ≤ 100 ms.
//!
//! Run: `cargo bench -p mend-mobile --bench app`

#[path = "../tests/support/screen.rs"]
#[allow(dead_code)]
mod screen;

use criterion::{Criterion, criterion_group, criterion_main};
use dioxus::prelude::*;
use mend_mobile::Phone;
use mend_mobile::state::AppState;
use mend_mobile::views::InsightsScreen;
use mend_shared::insights::InsightRange;
use mend_shared::session::{SampleSpec, Session};
use mend_shared::time::{Clock, Day, ManualClock};
use screen::Screen;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The Insights screen alone, opening on `range`, over the phone in root context.
#[component]
fn InsightsAlone(range: InsightRange) -> Element {
    let phone = use_context::<Phone>();
    use_context_provider(|| AppState::new(phone));
    rsx! {
        InsightsScreen { initial: range }
    }
}

/// Build the Insights screen for `range` from nothing and render it to HTML.
fn render_insights(phone: &Phone, range: InsightRange) -> String {
    let mut dom = VirtualDom::new_with_props(InsightsAlone, InsightsAloneProps { range })
        .with_root_context(phone.clone());
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mend.sqlite");
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 11, 25).unwrap(), 1));
    Session::create_sample_file(&path, clock.clone(), "Ana", "Ben", SampleSpec::three_years()).unwrap();
    let mut group = c.benchmark_group("app_three_years");
    group.sample_size(20);

    // Open the data file and render the first screen (Today) to HTML. The background load of the
    // automerge document is awaited untimed so iterations don't overlap.
    group.bench_function("start_to_first_screen", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let phone = Phone::new(Session::open_with_clock(&path, clock.clone()).unwrap());
                let screen = Screen::new(&phone);
                assert!(screen.has("checkin-save"));
                total += started.elapsed();
                phone.with_session(|s| s.ensure_loaded().map(drop)).unwrap();
            }
            total
        })
    });

    let phone = Phone::new(Session::open_with_clock(&path, clock.clone()).unwrap());
    phone.with_session(|s| s.ensure_loaded().map(drop)).unwrap();

    // The Insights screen from scratch: insights computed, every chart drawn, HTML written.
    for range in InsightRange::ALL {
        let html = render_insights(&phone, range);
        let drawn = html.matches("<circle").count() + html.matches("<polyline").count();
        eprintln!(
            "insights {range:?}: {} KiB of HTML, {drawn} SVG shapes, {} polyline points",
            html.len() / 1024,
            html.split(" points=\"")
                .skip(1)
                .map(|r| r[..r.find('"').unwrap()].split(' ').count())
                .sum::<usize>()
        );
        assert!(html.contains("id=\"chart-trust\"") && html.contains("id=\"milestone-365\""));
        let name =
            format!("insights_screen_rebuild_and_ssr_{}", range.label().replace(' ', "_").to_lowercase());
        group.bench_function(name, |b| b.iter(|| render_insights(&phone, range)));
    }

    // Switching range on a screen already shown: recompute, diff, re-render.
    let mut screen = Screen::new(&phone);
    screen.click("tab-insights");
    group.bench_function("insights_switch_30_days_to_all_and_back", |b| {
        b.iter(|| {
            screen.click("insights-range-all");
            screen.click("insights-range-30");
        })
    });

    let mut screen = Screen::new(&phone);
    let mut mood = 0;
    group.bench_function("check_in_saved_through_the_screen", |b| {
        b.iter(|| {
            mood = mood % 5 + 1;
            screen.click(&format!("mood-{mood}"));
            screen.click("checkin-save");
        })
    });
    group.finish();
    assert!(phone.read(|s| s.shared().checkin(clock.today(), s.my_id().unwrap()).is_some()));
}

criterion_group!(app, benches);
criterion_main!(app);
