//! Benchmarks over three years of a couple's generated history: opening a session from SQLite to
//! typed state, one durable check-in, merging a month written on the other phone (a pull's work
//! on the phone, without network or decryption), and the data file's size.
//!
//! Run: `cargo bench -p mend-shared --bench session`

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mend_shared::doc::{CrdtDoc, DocState, SharedState};
use mend_shared::model::{CheckInDraft, OutcomeKind};
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

    // A new phone's first sync, on the phone: three years (the relay's snapshot) merged into an
    // empty session and stored, until what the first screen shows is in its typed state, then
    // until every day is (as the sync engine reads them, from a copy of the document).
    let empty_session = || {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::open_with_clock(&dir.path().join("mend.sqlite"), clock.clone()).unwrap();
        (dir, s)
    };
    group.bench_function("new_phone_first_screen_of_three_years", |b| {
        b.iter_batched(
            empty_session,
            |(dir, mut s)| {
                s.apply_shared_changes(&saved).unwrap();
                assert!(!s.history_complete() && !s.shared().checkins.is_empty());
                (dir, s)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("new_phone_takes_in_all_of_three_years", |b| {
        b.iter_batched(
            empty_session,
            |(dir, mut s)| {
                s.apply_shared_changes(&saved).unwrap();
                let job = s.history_job().unwrap().unwrap();
                assert!(s.take_history(job.read().unwrap()).unwrap());
                assert_eq!(s.shared().checkins.len(), 2200);
                (dir, s)
            },
            BatchSize::PerIteration,
        )
    });

    // A pull's work on the phone: a month apart on another copy (≈10 changes a day), merged
    // into a fresh copy of the three years; the copy's open and load are not timed.
    let month = a_month_elsewhere(&path);
    eprintln!("a month elsewhere: {} B of changes", month.len());
    group.bench_function("merge_a_month_into_three_years", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let copy = dir.path().join("mend.sqlite");
                std::fs::copy(&path, &copy).unwrap();
                let mut s = Session::open_with_clock(&copy, clock.clone()).unwrap();
                s.ensure_loaded().unwrap();
                (dir, s)
            },
            |(dir, mut s)| {
                let changes = s.apply_shared_changes(&month).unwrap();
                assert!(!changes.keys.is_empty());
                (dir, s)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Thirty days of use on a copy of the file at `path`: check-ins edited through the day, an
/// outcome for every open promise, a reflection. Returns the changes made, as a pull brings them
/// (one bundle).
fn a_month_elsewhere(path: &std::path::Path) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("mend.sqlite");
    std::fs::copy(path, &copy).unwrap();
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 11, 26).unwrap(), 1));
    let mut s = Session::open_with_clock(&copy, clock.clone()).unwrap();
    let base = s.shared_doc().unwrap().heads();
    let me = s.my_id().unwrap().clone();
    let prompt = mend_shared::guide::steps()[0].prompts[0].id;
    for day in 0..30 {
        for take in 0..4 {
            let draft = CheckInDraft {
                mood: 1 + take,
                trust: 5,
                feel: format!("day {day} take {take}"),
                ..Default::default()
            };
            s.save_checkin(draft).unwrap();
        }
        let today = s.today();
        let open: Vec<_> = s
            .shared()
            .promises
            .iter()
            .filter(|p| p.owner == me && p.is_open())
            .map(|p| p.id.clone())
            .collect();
        for (i, id) in open.iter().take(3).enumerate() {
            s.record_outcome(id, today, OutcomeKind::ALL[(day + i) % 3], "on my way").unwrap();
        }
        s.reflect(prompt, &format!("thinking on day {day}")).unwrap();
        clock.advance(chrono::Duration::days(1));
    }
    // As a push seals them: one automerge bundle of every change since the base.
    let doc = s.shared_doc().unwrap().automerge();
    let month: Vec<_> = doc.get_changes_meta(&base).into_iter().map(|c| c.hash).collect();
    doc.bundle(month).unwrap().bytes().to_vec()
}

criterion_group!(session, benches);
criterion_main!(session);
