//! The app with three years of a couple's data: time from start to the first screen rendered, and
//! a check-in saved through the screen (tap, validate, durable write, re-render).
//!
//! Run: `cargo bench -p mend-mobile --bench app`

#[path = "../tests/support/screen.rs"]
#[allow(dead_code)]
mod screen;

use criterion::{Criterion, criterion_group, criterion_main};
use mend_mobile::Phone;
use mend_shared::session::{SampleSpec, Session};
use mend_shared::time::{Clock, Day, ManualClock};
use screen::Screen;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
