//! Benchmarks over three years of a couple's generated history: opening a session from SQLite to
//! typed state, one durable check-in, and the data file's size.
//!
//! Run: `cargo bench -p mend-shared --bench session`

use criterion::{Criterion, criterion_group, criterion_main};
use mend_shared::doc::{CrdtDoc, DocState, SharedState};
use mend_shared::model::CheckInDraft;
use mend_shared::session::{SampleSpec, Session};
use mend_shared::store::DocKind;
use mend_shared::time::{Day, ManualClock};
use std::sync::Arc;
use std::time::Instant;

fn three_year_file() -> (tempfile::TempDir, std::path::PathBuf, Arc<ManualClock>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mend.sqlite");
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 11, 25).unwrap(), 1));
    let started = Instant::now();
    Session::create_sample_file(&path, clock.clone(), "Ana", "Ben", SampleSpec::three_years()).unwrap();
    let s = Session::open_with_clock(&path, clock.clone()).unwrap();
    let st = s.shared();
    eprintln!(
        "generated in {:?}: {} check-ins, {} promises, {} outcomes, {} acknowledgements, {} journal entries",
        started.elapsed(),
        st.checkins.len(),
        st.promises.len(),
        st.outcomes.len(),
        st.acks.len(),
        st.journal.len()
    );
    drop(s);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let mib = entry.metadata().unwrap().len() as f64 / (1024.0 * 1024.0);
        eprintln!("{}: {mib:.2} MiB", entry.file_name().to_string_lossy());
    }
    (dir, path, clock)
}

fn benches(c: &mut Criterion) {
    let (_dir, path, clock) = three_year_file();
    let mut group = c.benchmark_group("three_years");
    group.sample_size(20);

    // What the app waits for before its first screen: typed state from the SQLite view.
    // Only the open is timed; the background document load is then awaited untimed, so one
    // iteration's loader never competes with the next iteration's open.
    group.bench_function("open_session_to_typed_state", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                let mut s = Session::open_with_clock(&path, clock.clone()).unwrap();
                assert_eq!(s.shared().checkins.len(), 2200);
                total += started.elapsed();
                s.ensure_loaded().unwrap();
            }
            total
        })
    });
    let store = mend_shared::store::Store::open(&path).unwrap();
    group.bench_function("read_view_rows", |b| b.iter(|| store.view_rows(DocKind::Shared).unwrap()));
    let rows = store.view_rows(DocKind::Shared).unwrap();
    eprintln!(
        "view rows: {}, {:.2} MiB",
        rows.len(),
        rows.iter().map(|r| r.1.len()).sum::<usize>() as f64 / 1048576.0
    );
    group.bench_function("typed_state_from_view_rows", |b| {
        b.iter(|| SharedState::from_view(rows.clone()).unwrap())
    });
    // Until the automerge documents are parsed too (done in the background after opening).
    group.bench_function("open_session_and_load_documents", |b| {
        b.iter(|| {
            let mut s = Session::open_with_clock(&path, clock.clone()).unwrap();
            s.ensure_loaded().unwrap();
            s
        })
    });

    let saved = {
        let mut s = Session::open_with_clock(&path, clock.clone()).unwrap();
        s.shared_doc().unwrap().save()
    };
    eprintln!("shared document save: {:.2} MiB", saved.len() as f64 / (1024.0 * 1024.0));
    group.bench_function("load_automerge_document", |b| b.iter(|| CrdtDoc::load(&saved).unwrap()));
    let doc = CrdtDoc::load(&saved).unwrap();
    group.bench_function("hydrate_typed_state", |b| b.iter(|| SharedState::hydrate(&doc).unwrap()));

    let mut session = Session::open_with_clock(&path, clock.clone()).unwrap();
    session.ensure_loaded().unwrap();
    let mut mood = 0;
    group.bench_function("one_check_in_durable", |b| {
        b.iter(|| {
            mood = mood % 5 + 1;
            session
                .save_checkin(CheckInDraft { mood, trust: 7, feel: "steady".into(), ..Default::default() })
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(session, benches);
criterion_main!(session);
