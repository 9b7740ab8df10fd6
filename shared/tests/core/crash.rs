//! Crashes at any point lose at most the edit in flight and never the rest.

use super::support::*;
use mend_shared::model::*;
use mend_shared::session::Session;
use mend_shared::store::DocKind;

fn checkin(mood: i64) -> CheckInDraft {
    CheckInDraft { mood, trust: 5, ..Default::default() }
}

#[test]
fn an_edit_whose_transaction_never_committed_is_simply_absent() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.save_checkin(checkin(2)).unwrap();
    let saved = s.shared().clone();
    // Simulate dying mid-write: a transaction that inserts a chunk and is dropped uncommitted.
    {
        let conn = s.store().connection();
        let tx = conn.transaction().unwrap();
        tx.execute("INSERT INTO chunks (doc, bytes) VALUES ('shared', x'00ff00ff')", []).unwrap();
        drop(tx);
    }
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(s.ensure_loaded().unwrap().damaged_chunks, 0);
    assert_eq!(s.shared(), &saved);
}

#[test]
fn a_truncated_last_chunk_loses_only_that_edit() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.save_checkin(checkin(2)).unwrap();
    let p = s
        .create_promise(PromiseDraft {
            title: "Walk after dinner".into(),
            why: String::new(),
            cadence: Cadence::Daily,
        })
        .unwrap();
    let before_last = s.shared().clone();
    s.record_outcome(&p.id, s.today(), OutcomeKind::Kept, "a long walk").unwrap();
    // Tear the last write in half, as a power cut mid-write could.
    {
        let conn = s.store().connection();
        conn.execute(
            "UPDATE chunks SET bytes = substr(bytes, 1, length(bytes) / 2) WHERE id = (SELECT max(id) FROM chunks WHERE doc = 'shared')",
            [],
        )
        .unwrap();
    }
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock.clone()).unwrap();
    let report = s.ensure_loaded().unwrap().clone();
    assert_eq!(report.damaged_chunks, 1);
    assert!(report.view_rebuilt, "the view held the lost edit and was rebuilt from the document");
    assert_eq!(s.shared(), &before_last);
    assert_eq!(s.store().damaged_count().unwrap(), 1);
    // Work goes on normally afterwards, and survives another reopen.
    s.record_outcome(&p.id, s.today(), OutcomeKind::Partial, "shorter walk").unwrap();
    drop(s);
    let s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(s.shared().outcome(&p.id, s.today()).unwrap().kind, OutcomeKind::Partial);
    assert_eq!(s.shared().checkins.len(), 1);
}

#[test]
fn garbage_in_a_middle_chunk_is_set_aside_and_later_edits_still_load() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.save_checkin(checkin(2)).unwrap();
    s.store().append(DocKind::Shared, b"not automerge at all").unwrap();
    s.save_checkin(checkin(5)).unwrap();
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(s.ensure_loaded().unwrap().damaged_chunks, 1);
    assert_eq!(s.shared().checkin(s.today(), s.my_id().unwrap()).unwrap().mood, 5);
}

#[test]
fn every_edit_is_on_disk_before_the_method_returns() {
    let clock = clock();
    let (mut s, file) = session_named("Ana", clock.clone());
    s.save_checkin(checkin(4)).unwrap();
    // A second, independent reader sees the edit while the session is still open.
    let other = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(other.shared().checkin(other.today(), s.my_id().unwrap()).unwrap().mood, 4);
}

#[test]
fn a_failed_write_leaves_memory_matching_the_disk() {
    let clock = clock();
    let (mut s, _file) = session_named("Ana", clock);
    s.save_checkin(checkin(2)).unwrap();
    let saved = s.shared().clone();
    // Make every further insert fail, as a full disk would.
    s.store()
        .connection()
        .execute_batch(
            "CREATE TRIGGER full_disk BEFORE INSERT ON chunks BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    let err = s.save_checkin(checkin(5)).unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");
    assert_eq!(s.shared(), &saved);
    s.store().connection().execute_batch("DROP TRIGGER full_disk;").unwrap();
    s.save_checkin(checkin(3)).unwrap();
    let me = s.my_id().unwrap().clone();
    assert_eq!(s.shared().checkin(s.today(), &me).unwrap().mood, 3);
}

#[test]
fn an_unreadable_data_file_reports_a_clear_error() {
    let file = temp_file();
    std::fs::write(
        &file.path,
        b"this is not a database, just text that is long enough to look like one......",
    )
    .unwrap();
    let err = Session::open_with_clock(&file.path, clock()).unwrap_err();
    assert!(err.to_string().starts_with("storage error"), "{err}");
}

#[test]
fn a_profile_and_this_phones_claim_on_it_are_saved_together_or_not_at_all() {
    let clock = clock();
    let file = temp_file();
    let mut s = Session::open_with_clock(&file.path, clock.clone()).unwrap();
    // The disk refuses the identity write: the profile record must not be saved without it.
    s.store()
        .connection()
        .execute_batch(
            "CREATE TRIGGER no_identity BEFORE INSERT ON kv WHEN NEW.key = 'identity/partner'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    assert!(s.create_profile("Ana").is_err());
    assert!(s.me().is_none());
    assert!(s.shared().partners.is_empty());
    s.store().connection().execute_batch("DROP TRIGGER no_identity;").unwrap();
    drop(s);
    let mut s = Session::open_with_clock(&file.path, clock.clone()).unwrap();
    s.ensure_loaded().unwrap();
    assert!(s.shared().partners.is_empty(), "no stranger was left in the couple's document");
    let id = s.create_profile("Ana").unwrap();
    drop(s);
    let s = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(s.my_id(), Some(&id));
    assert_eq!(s.shared().partners.len(), 1);
}
