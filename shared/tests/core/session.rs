//! A session's operations: what each one saves, and that reopening restores the exact state.

use super::support::*;
use automerge::transaction::Transactable;
use mend_shared::doc::{CrdtDoc, DocError, DocState, Record, SCHEMA_VERSION, SharedState};
use mend_shared::model::*;
use mend_shared::session::{Session, SessionError};

fn checkin(mood: i64, trust: i64) -> CheckInDraft {
    CheckInDraft {
        mood,
        trust,
        feel: "calmer".into(),
        need: "a walk together".into(),
        appreciate: "the tea".into(),
    }
}

fn daily(title: &str) -> PromiseDraft {
    PromiseDraft { title: title.into(), why: "so you can rely on me".into(), cadence: Cadence::Daily }
}

#[test]
fn todays_check_in_is_written_once_and_edited_in_place() {
    let clock = clock();
    let (mut s, _f) = session_named("Ana", clock.clone());
    let first = s.save_checkin(checkin(2, 4)).unwrap();
    clock.advance(chrono::Duration::hours(3));
    let second = s.save_checkin(checkin(4, 5)).unwrap();
    assert_eq!(s.shared().checkins.len(), 1);
    assert_eq!(second.written_at, first.written_at, "editing keeps when it was first written");
    assert!(second.updated_at > first.updated_at);
    assert_eq!(s.shared().checkin(s.today(), s.my_id().unwrap()).unwrap().mood, 4);
}

#[test]
fn a_session_reopens_to_exactly_the_state_it_closed_with() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.save_checkin(checkin(3, 6)).unwrap();
    let p = s.create_promise(daily("Text when I'm running late")).unwrap();
    s.record_outcome(&p.id, s.today(), OutcomeKind::Partial, "texted, but late").unwrap();
    s.add_journal_entry(Visibility::Shared, JournalDraft { body: "We talked.".into(), ..Default::default() })
        .unwrap();
    s.add_journal_entry(
        Visibility::Private,
        JournalDraft { body: "Only for me.".into(), ..Default::default() },
    )
    .unwrap();
    s.reflect("root-cause.what-happened", "It started with the hidden messages.").unwrap_or_else(|_| {
        // The prompt id comes from the guide; fall back to its first prompt if it was renamed.
        let first = mend_shared::guide::steps()[0].prompts[0].id;
        s.reflect(first, "It started with the hidden messages.").unwrap()
    });
    let shared = s.shared().clone();
    let private = s.private().clone();
    let me = s.me().cloned();
    drop(s);

    let mut reopened = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(reopened.shared(), &shared, "the view gives the exact state before the document loads");
    assert_eq!(reopened.ensure_loaded().unwrap().damaged_chunks, 0);
    assert!(!reopened.ensure_loaded().unwrap().view_rebuilt);
    assert_eq!(reopened.shared(), &shared, "and the same once the document has loaded");
    assert_eq!(reopened.private(), &private);
    assert_eq!(reopened.me().cloned(), me);
}

#[test]
fn private_entries_never_enter_the_shared_document() {
    let (mut s, _f) = session_named("Ana", clock());
    s.add_journal_entry(
        Visibility::Private,
        JournalDraft { body: "a secret worry".into(), ..Default::default() },
    )
    .unwrap();
    let shared_bytes = s.shared_doc().unwrap().save();
    assert!(s.shared().journal.is_empty());
    assert_eq!(s.private().journal.len(), 1);
    let doc = mend_shared::doc::CrdtDoc::load(&shared_bytes).unwrap();
    let state = mend_shared::doc::SharedState::hydrate(&doc).unwrap();
    assert!(state.journal.is_empty());
    assert!(!String::from_utf8_lossy(&shared_bytes).contains("a secret worry"));
}

#[test]
fn a_one_off_promise_kept_becomes_kept_and_takes_no_edits() {
    let clock = clock();
    let (mut s, _f) = session_named("Ana", clock.clone());
    let due = s.today().plus_days(7);
    let p = s
        .create_promise(PromiseDraft {
            title: "Book the counselor".into(),
            why: String::new(),
            cadence: Cadence::OneOff { due },
        })
        .unwrap();
    s.record_outcome(&p.id, s.today(), OutcomeKind::Kept, "").unwrap();
    assert_eq!(s.shared().promise(&p.id).unwrap().status, PromiseStatus::Kept);
    let err = s.edit_promise(&p.id, daily("changed")).unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::PromiseClosed { status: "kept" }));
}

#[test]
fn a_retired_promise_keeps_its_history_but_takes_no_new_outcomes() {
    let clock = clock();
    let (mut s, _f) = session_named("Ana", clock.clone());
    let p = s.create_promise(daily("Phone off at dinner")).unwrap();
    s.record_outcome(&p.id, s.today(), OutcomeKind::Kept, "").unwrap();
    s.retire_promise(&p.id).unwrap();
    clock.advance(chrono::Duration::days(1));
    let err = s.record_outcome(&p.id, s.today(), OutcomeKind::Kept, "").unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::PromiseClosed { status: "retired" }));
    assert_eq!(s.shared().outcomes_of(&p.id).count(), 1);
}

#[test]
fn an_apology_can_create_its_linked_promise_in_one_change() {
    let (mut s, _f) = session_named("Ana", clock());
    let draft = ApologyDraft {
        what_happened: "I kept the debt from you.".into(),
        impact: "You felt you couldn't trust our plans.".into(),
        my_part: "I chose not to tell you.".into(),
        will_do: "Show you the statements every month.".into(),
    };
    let (apology, promise) = s
        .apologize(
            draft,
            Some(PromiseDraft {
                title: "Share the statements".into(),
                why: String::new(),
                cadence: Cadence::PerWeek { times: 1 },
            }),
        )
        .unwrap();
    let promise = promise.unwrap();
    assert_eq!(apology.promise.as_ref(), Some(&promise.id));
    assert_eq!(promise.apology.as_ref(), Some(&apology.id));
    assert_eq!(s.shared().apologies.len(), 1);
    assert_eq!(s.shared().promises.len(), 1);
}

#[test]
fn a_bad_linked_promise_saves_neither_the_apology_nor_the_promise() {
    let (mut s, _f) = session_named("Ana", clock());
    let draft = ApologyDraft {
        what_happened: "a".into(),
        impact: "b".into(),
        my_part: "c".into(),
        will_do: "d".into(),
    };
    let bad = PromiseDraft { title: String::new(), why: String::new(), cadence: Cadence::Daily };
    assert!(s.apologize(draft, Some(bad)).is_err());
    assert!(s.shared().apologies.is_empty());
    assert!(s.shared().promises.is_empty());
}

#[test]
fn journal_entries_are_edited_and_deleted_by_their_author() {
    let (mut s, _f) = session_named("Ana", clock());
    for vis in [Visibility::Shared, Visibility::Private] {
        let e = s
            .add_journal_entry(
                vis,
                JournalDraft { title: "Sunday".into(), body: "first".into(), ..Default::default() },
            )
            .unwrap();
        let edited = s
            .edit_journal_entry(
                vis,
                &e.id,
                JournalDraft { title: "Sunday".into(), body: "second".into(), ..Default::default() },
            )
            .unwrap();
        assert_eq!(edited.body, "second");
        assert_eq!(edited.created_at, e.created_at);
        s.delete_journal_entry(vis, &e.id).unwrap();
        let err = s.delete_journal_entry(vis, &e.id).unwrap_err();
        assert!(matches!(err.as_invalid(), Some(ModelError::UnknownRecord { what: "journal entry", .. })));
    }
}

#[test]
fn guide_progress_starts_once_and_can_be_marked_done_and_reopened() {
    let (mut s, _f) = session_named("Ana", clock());
    let step = mend_shared::guide::steps()[0].id;
    let started = s.start_step(step).unwrap();
    assert_eq!(s.start_step(step).unwrap(), started);
    assert!(s.set_step_done(step, true).unwrap().completed_at.is_some());
    assert!(s.set_step_done(step, false).unwrap().completed_at.is_none());
    assert_eq!(s.shared().progress.len(), 1);
}

#[test]
fn my_current_step_is_the_first_i_have_not_marked_done() {
    use mend_shared::guide::StepId;
    let (mut s, _f) = session_named("Ana", clock());
    let me = s.my_id().unwrap().clone();
    assert_eq!(s.shared().current_step(&me), Some(StepId::RootCause));
    assert_eq!(s.shared().step_state(StepId::RootCause, &me), StepState::NotStarted);
    s.start_step(StepId::RootCause).unwrap();
    assert_eq!(s.shared().step_state(StepId::RootCause, &me), StepState::Started);
    s.set_step_done(StepId::RootCause, true).unwrap();
    s.set_step_done(StepId::Transparency, true).unwrap();
    assert_eq!(
        s.shared().current_step(&me),
        Some(StepId::Communication),
        "steps done out of order still count"
    );
    for step in StepId::ALL {
        s.set_step_done(step, true).unwrap();
    }
    assert_eq!(s.shared().current_step(&me), None);
}

#[test]
fn settings_stay_in_the_private_document() {
    let file = temp_file();
    let mut s = Session::open_with_clock(&file.path, clock()).unwrap();
    s.set_setting(mend_shared::doc::Setting::RelayUrl, "https://relay.example").unwrap();
    drop(s);
    let s = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(s.private().setting(mend_shared::doc::Setting::RelayUrl), Some("https://relay.example"));
    assert!(s.me().is_none(), "settings do not need a profile");
}

#[test]
fn compaction_keeps_the_state_and_leaves_one_chunk_per_document() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    for i in 0..200 {
        s.save_checkin(checkin(1 + i % 5, i % 11)).unwrap();
    }
    let before = s.shared().clone();
    let pages_before = pragma(&mut s, "page_count");
    s.compact().unwrap();
    assert_eq!(s.store().chunk_count(mend_shared::store::DocKind::Shared).unwrap(), 1);
    assert_eq!(pragma(&mut s, "freelist_count"), 0, "the old chunks' pages went back to the phone");
    assert!(pragma(&mut s, "page_count") < pages_before, "compaction made the file smaller");
    s.save_checkin(checkin(5, 10)).unwrap();
    drop(s);
    let s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(s.shared().checkins.len(), before.checkins.len());
    assert_eq!(s.shared().checkin(s.today(), s.my_id().unwrap()).unwrap().trust, 10);
}

#[test]
fn many_small_edits_are_compacted_when_the_file_is_next_opened() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    for i in 0..300 {
        s.save_checkin(checkin(1 + i % 5, i % 11)).unwrap();
    }
    let before = (s.shared().clone(), s.private().clone());
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock.clone()).unwrap();
    assert!(s.ensure_loaded().unwrap().compacted);
    assert_eq!(s.store().chunk_count(mend_shared::store::DocKind::Shared).unwrap(), 1);
    assert_eq!((s.shared().clone(), s.private().clone()), before);
    drop(s);
    let s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!((s.shared().clone(), s.private().clone()), before, "and the compacted file reopens the same");
}

#[test]
fn changes_from_a_newer_mend_are_refused_and_never_ride_along_with_the_next_edit() {
    let clock = clock();
    let (mut ana, _a) = session_named("Ana", clock.clone());
    let (mut ben, ben_file) = session_named("Ben", clock.clone());
    sync_pair(&mut ana, &mut ben);
    let heads = ana.shared_doc().unwrap().heads();
    // A later Mend on Ana's phone raises the schema version and writes a record this one
    // cannot know the shape of.
    let newer = {
        let doc = ana.shared_doc().unwrap().automerge();
        doc.put(automerge::ROOT, "schema", SCHEMA_VERSION + 1).unwrap();
        doc.put(automerge::ROOT, "hologram/1", "from the future").unwrap();
        doc.commit();
        doc.save_after(&heads)
    };
    let before = ben.shared().clone();
    let refused = ben.apply_shared_changes(&newer).unwrap_err();
    assert!(
        matches!(refused, SessionError::Doc(DocError::NewerSchema { found, .. }) if found == SCHEMA_VERSION + 1),
        "{refused:?}"
    );
    assert_eq!(ben.shared(), &before);
    // Ben keeps working; his next edit must not carry the refused change to disk.
    ben.save_checkin(checkin(4, 7)).unwrap();
    assert_eq!(ben.shared_doc().unwrap().schema(), SCHEMA_VERSION);
    drop(ben);
    let mut ben = Session::open_with_clock(&ben_file.path, clock).expect("Ben's file still opens");
    ben.ensure_loaded().unwrap();
    assert_eq!(ben.shared_doc().unwrap().schema(), SCHEMA_VERSION);
    assert_eq!(ben.shared().checkin(ben.today(), ben.my_id().unwrap()).unwrap().trust, 7);
}

/// Read one integer pragma of the session's SQLite file.
fn pragma(s: &mut Session, name: &str) -> i64 {
    s.store().connection().pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

#[test]
fn a_file_made_before_space_reclaiming_is_converted_on_open_and_keeps_its_data() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.save_checkin(checkin(3, 6)).unwrap();
    let before = s.shared().clone();
    // Turn the file back into what store version 1 wrote: WAL without auto-vacuum.
    s.store()
        .connection()
        .execute_batch("PRAGMA auto_vacuum = NONE; VACUUM; PRAGMA user_version = 1;")
        .unwrap();
    assert_eq!(pragma(&mut s, "auto_vacuum"), 0);
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(pragma(&mut s, "auto_vacuum"), 2, "incremental");
    assert_eq!(pragma(&mut s, "user_version"), 2);
    assert_eq!(s.shared(), &before);
}

#[test]
fn a_phone_that_erased_its_copy_can_merge_again_with_a_partner_who_kept_theirs() {
    let clock = clock();
    let (mut ana, _a) = session_named("Ana", clock.clone());
    let (mut ben, _b) = session_named("Ben", clock.clone());
    ben.save_checkin(checkin(2, 3)).unwrap();
    sync_pair(&mut ana, &mut ben);
    let old_device = ben.device_id();
    ben.erase_shared_copy().unwrap();
    assert_ne!(ben.device_id(), old_device, "new changes must not restart the old numbering");
    assert_eq!(ben.shared().checkins.len(), 0);
    clock.advance(chrono::Duration::hours(2));
    ben.save_checkin(checkin(4, 8)).unwrap();
    // Ana kept everything, Ben's old changes included; merging both ways must just work, and
    // today's check-in is the one Ben wrote last, whichever copy automerge would favour.
    sync_pair(&mut ana, &mut ben);
    assert_eq!(ana.shared(), ben.shared());
    let me = ben.my_id().unwrap().clone();
    assert_eq!(ben.shared().checkin(ben.today(), &me).unwrap().trust, 8);
    assert_eq!(ben.shared().checkins.len(), 1);
    // And his next edit of it stays his current word on both phones, even when written into
    // the older copy of the record.
    clock.advance(chrono::Duration::hours(1));
    ben.save_checkin(checkin(5, 9)).unwrap();
    sync_pair(&mut ana, &mut ben);
    assert_eq!(ana.shared(), ben.shared());
    assert_eq!(ana.shared().checkin(ben.today(), &me).unwrap().trust, 9);
}

/// Ana's phone after about a year of use: more records than one edit writes view rows for.
fn a_year_of_history() -> (Session, TempFile) {
    let (mut ana, file) = session_named("Ana", clock());
    ana.generate_sample("Ben", mend_shared::session::SampleSpec::weeks(400)).unwrap();
    let records = ana.shared().view_rows().unwrap().len();
    // Over 1,000 records (rows left for later) and 2,000 (tables read side by side).
    assert!(records > 2_000, "{records}");
    (ana, file)
}

/// Read the older records a large merge left for later, as the sync engine does.
fn read_history(s: &mut Session) -> bool {
    let job = s.history_job().unwrap().expect("history is owed");
    s.take_history(job.read().unwrap()).unwrap()
}

/// Whether a large merge's first read holds the record at root key `key`: dated ones (check-ins,
/// outcomes and their acknowledgements) from `since`, undated ones but journal entries always.
fn read_first(key: &str, since: &str) -> bool {
    let from_since = |date: &str| date >= since;
    if let Some(rest) = key.strip_prefix("checkin/") {
        return from_since(&rest[..10]);
    }
    if let Some(rest) = key.strip_prefix("outcome/") {
        return from_since(&rest[rest.len() - 10..]);
    }
    if let Some(target) = key.strip_prefix("ack/") {
        let target = &target[..target.find('|').unwrap()];
        return match target.split_once(':').unwrap() {
            ("checkin", rest) => from_since(&rest[..10]),
            ("outcome", rest) => from_since(&rest[rest.len() - 10..]),
            ("journal", _) => false,
            _ => true,
        };
    }
    !key.starts_with("journal/")
}

#[test]
fn a_large_merge_shows_the_last_weeks_at_once_and_the_older_days_once_read() {
    let (mut ana, _a) = a_year_of_history();
    let history = ana.shared_doc().unwrap().changes_since(&[]);
    let file = temp_file();
    let mut phone = Session::open_with_clock(&file.path, clock()).unwrap();
    phone.apply_shared_changes(&history).unwrap();

    // Exactly the recent part of the whole, each record as it is in the whole.
    let since = phone.today().plus_days(-35).to_string();
    let whole = ana.shared().view_rows().unwrap();
    let recent: Vec<_> = whole.iter().filter(|(key, _)| read_first(key, &since)).cloned().collect();
    assert!(recent.len() * 4 < whole.len(), "most of a year is older: {} of {}", recent.len(), whole.len());
    assert!(
        recent.iter().any(|(key, _)| key.starts_with("ack/outcome:")),
        "acknowledged marks are among them"
    );
    assert_eq!(phone.shared().view_rows().unwrap(), recent);
    assert!(!phone.history_complete());
    assert!(!phone.write_owed_view().unwrap(), "the view waits for every record");

    assert!(read_history(&mut phone));
    assert!(phone.history_complete());
    assert_eq!(phone.shared(), ana.shared(), "every record, once the older days are read");
    assert!(phone.write_owed_view().unwrap());
    assert!(!phone.write_owed_view().unwrap(), "the rows are written once");
    drop(phone);
    let mut reopened = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(reopened.shared(), ana.shared(), "the view gives the whole state before the document loads");
    assert!(!reopened.ensure_loaded().unwrap().view_rebuilt);
}

#[test]
fn edits_made_while_the_older_days_are_read_are_kept_when_they_are_taken_in() {
    let (mut ana, _a) = a_year_of_history();
    let ana_id = ana.my_id().unwrap().clone();
    let file = temp_file();
    let mut phone = Session::open_with_clock(&file.path, clock()).unwrap();
    phone.apply_shared_changes(&ana.shared_doc().unwrap().changes_since(&[])).unwrap();
    phone.adopt_profile(&ana_id).unwrap();

    // The engine copies the document; a promise is made on the phone meanwhile.
    let job = phone.history_job().unwrap().unwrap();
    let promise = phone.create_promise(daily("Call when I'm late")).unwrap();
    assert!(phone.take_history(job.read().unwrap()).unwrap());
    assert!(phone.shared().promise(&promise.id).is_some(), "the edit after the copy is kept");
    let whole = mend_shared::doc::SharedState::hydrate(phone.shared_doc().unwrap()).unwrap();
    assert_eq!(phone.shared(), &whole);
}

#[test]
fn only_the_latest_reading_of_the_older_days_is_taken_in() {
    let (mut ana, _a) = a_year_of_history();
    let file = temp_file();
    let mut phone = Session::open_with_clock(&file.path, clock()).unwrap();
    phone.apply_shared_changes(&ana.shared_doc().unwrap().changes_since(&[])).unwrap();
    let earlier = phone.history_job().unwrap().unwrap().read().unwrap();
    let later = phone.history_job().unwrap().unwrap().read().unwrap();
    assert!(!phone.take_history(earlier).unwrap(), "superseded");
    assert!(!phone.history_complete());
    assert!(phone.take_history(later).unwrap());
    assert_eq!(phone.shared(), ana.shared());
    assert!(phone.history_job().unwrap().is_none(), "nothing is owed any more");
}

#[test]
fn an_edit_that_looks_up_an_older_record_reads_the_older_days_first() {
    let (mut ana, _a) = a_year_of_history();
    let ana_id = ana.my_id().unwrap().clone();
    let old_day = ana.today().plus_days(-200);
    let old = ana.shared().checkin(old_day, &ana_id).unwrap().clone();
    let entry = ana.shared().journal.iter().find(|e| e.author == ana_id).unwrap().clone();
    let file = temp_file();
    let mut phone = Session::open_with_clock(&file.path, clock()).unwrap();
    phone.apply_shared_changes(&ana.shared_doc().unwrap().changes_since(&[])).unwrap();
    phone.adopt_profile(&ana_id).unwrap();
    assert!(phone.shared().checkin(old_day, &ana_id).is_none(), "not read yet");

    // Editing an old check-in keeps when it was first written, as on the phone that wrote it.
    let edited = phone.save_checkin_for(old_day, checkin(4, 7)).unwrap();
    assert_eq!(edited.written_at, old.written_at);
    assert!(phone.history_complete());
    phone
        .edit_journal_entry(
            Visibility::Shared,
            &entry.id,
            JournalDraft { body: "Later, kinder words.".into(), ..Default::default() },
        )
        .unwrap();
    assert_eq!(phone.shared().journal.get(entry.id.as_str()).unwrap().body, "Later, kinder words.");
}

#[test]
fn a_large_merge_read_all_at_once_settles_a_record_written_twice_as_record_by_record_reads_do() {
    let clock = clock();
    let (mut ana, _a) = a_year_of_history();
    let (mut ben, _b) = session_named("Ben", clock.clone());
    ben.save_checkin(checkin(2, 3)).unwrap();
    sync_pair(&mut ana, &mut ben);
    // Ben's phone erases its copy and writes today's check-in again: two versions of one record.
    ben.erase_shared_copy().unwrap();
    clock.advance(chrono::Duration::hours(2));
    ben.save_checkin(checkin(4, 8)).unwrap();
    sync_pair(&mut ana, &mut ben);
    let me = ben.my_id().unwrap().clone();
    assert_eq!(ana.shared().checkin(ana.today(), &me).unwrap().trust, 8, "read record by record");

    // A new phone takes in everything at once: its tables are read whole, side by side.
    let file = temp_file();
    let mut phone = Session::open_with_clock(&file.path, clock).unwrap();
    phone.apply_shared_changes(&ana.shared_doc().unwrap().changes_since(&[])).unwrap();
    assert_eq!(phone.shared().checkin(phone.today(), &me).unwrap().trust, 8, "the version written last");
    assert!(read_history(&mut phone));
    assert_eq!(phone.shared().checkin(phone.today(), &me).unwrap().trust, 8, "and so when read whole");
    assert_eq!(phone.shared(), ana.shared());
}

#[test]
fn a_phone_closed_before_a_large_merges_view_rows_are_written_loses_nothing() {
    let (mut ana, _a) = a_year_of_history();
    let history = ana.shared_doc().unwrap().changes_since(&[]);
    let ana_id = ana.my_id().unwrap().clone();
    let file = temp_file();
    let mut phone = Session::open_with_clock(&file.path, clock()).unwrap();
    phone.apply_shared_changes(&history).unwrap();
    // An edit while the rows are still owed must not mark the view as current.
    phone.adopt_profile(&ana_id).unwrap();
    phone.save_checkin(checkin(5, 9)).unwrap();
    let expected = phone.shared().clone();
    drop(phone);

    let mut reopened = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(reopened.shared(), &expected, "rebuilt from the document, with the edit made after the merge");
    assert_eq!(reopened.shared().checkin(reopened.today(), &ana_id).unwrap().trust, 9);
    assert!(!reopened.write_owed_view().unwrap(), "an open rebuilds the view, so nothing is owed");
    drop(reopened);
    let mut again = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(again.shared(), &expected);
    assert!(!again.ensure_loaded().unwrap().view_rebuilt, "the rebuilt view was stored");
}

#[test]
fn a_small_merge_writes_its_view_rows_with_its_changes() {
    let (mut ana, _a) = session_named("Ana", clock());
    let (mut ben, file) = session_named("Ben", clock());
    ana.save_checkin(checkin(3, 6)).unwrap();
    sync_pair(&mut ana, &mut ben);
    assert!(!ben.write_owed_view().unwrap(), "nothing left for later");
    let expected = ben.shared().clone();
    drop(ben);
    let mut reopened = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(reopened.shared(), &expected);
    assert!(!reopened.ensure_loaded().unwrap().view_rebuilt);
}

#[test]
fn a_merge_of_many_edits_names_every_record_it_changed_and_reads_each_as_a_whole_read_would() {
    let (mut ana, _a) = a_year_of_history();
    let saved = ana.shared_doc().unwrap().save();
    let (mut mine, mut theirs) = (CrdtDoc::load(&saved).unwrap(), CrdtDoc::load(&saved).unwrap());
    let mut state = SharedState::hydrate(&mine).unwrap();
    let before = theirs.heads();
    // The partner's phone, one change per edit: a hundred check-ins reworded, thirty promise
    // outcomes deleted.
    let mut changed = std::collections::BTreeSet::new();
    for (i, c) in state.checkins.iter().take(100).enumerate() {
        let mut c = c.clone();
        c.feel = format!("reworded {i}");
        theirs.put(&c).unwrap();
        theirs.commit_at(1_000 + i as i64);
        changed.insert(c.doc_key());
    }
    for (i, outcome) in state.outcomes.iter().take(30).enumerate() {
        theirs.delete::<Outcome>(&outcome.natural_key()).unwrap();
        theirs.commit_at(2_000 + i as i64);
        changed.insert(outcome.doc_key());
    }
    assert_eq!(changed.len(), 130, "the history has enough of both");

    let merged = mine.apply(&theirs.changes_since(&before)).unwrap();
    assert_eq!(merged.keys, changed, "every record the changes wrote, and no other");
    state.refresh(&mine, &merged.keys).unwrap();
    assert_eq!(state, SharedState::hydrate(&mine).unwrap());
    assert_eq!(state.checkins.iter().filter(|c| c.feel.starts_with("reworded")).count(), 100);
    assert!(
        changed
            .iter()
            .filter(|key| key.starts_with("outcome/"))
            .all(|key| state.view_row(key).unwrap().is_none())
    );
}
