//! Backups: a round trip into a fresh phone restores the exact shared and private state, import
//! merges and is idempotent, keys never travel, and every bad input is refused with its own
//! error while nothing on the phone changes. Sealed (passphrase) backups: `backup/sealed.rs`.

#[allow(dead_code)]
#[path = "core/support.rs"]
mod support;

use automerge::transaction::Transactable;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mend_shared::backup::{BACKUP_VERSION, BackupError, SEALED_VERSION};
use mend_shared::crypto::PairSecret;
use mend_shared::doc::{CrdtDoc, Setting};
use mend_shared::model::{
    Cadence, CheckInDraft, JournalDraft, NoteKind, OutcomeKind, PromiseDraft, RootCauseFactor, Visibility,
};
use mend_shared::session::Session;
use mend_shared::store::DocKind;
use mend_shared::sync::KeyStore;
use serde_json::Value;
use support::*;

#[path = "backup/sealed.rs"]
mod sealed;

/// Ana's phone, paired with Ben's, with a little of everything in both documents.
fn anas_phone() -> (Session, Session, TempFile, TempFile) {
    let clock = clock();
    let (mut a, fa) = session_named("Ana", clock.clone());
    let (mut b, fb) = session_named("Ben", clock);
    a.save_checkin(CheckInDraft { mood: 4, trust: 6, feel: "hopeful".into(), ..Default::default() }).unwrap();
    b.save_checkin(CheckInDraft { mood: 3, trust: 5, need: "patience".into(), ..Default::default() })
        .unwrap();
    let p = a
        .create_promise(PromiseDraft {
            title: "Phone down at dinner".into(),
            why: String::new(),
            cadence: Cadence::Daily,
        })
        .unwrap();
    let today = a.today();
    a.record_outcome(&p.id, today, OutcomeKind::Kept, "").unwrap();
    a.save_root_cause(&[RootCauseFactor::Misunderstanding], "", "We misread each other.").unwrap();
    b.add_note(NoteKind::SupportRequest, "This week I need a walk.").unwrap();
    a.add_journal_entry(Visibility::Shared, JournalDraft { body: "We talked.".into(), ..Default::default() })
        .unwrap();
    a.add_journal_entry(
        Visibility::Private,
        JournalDraft { title: "Just for me".into(), body: "PRIVATE-DIARY".into(), ..Default::default() },
    )
    .unwrap();
    a.set_setting(Setting::Theme, "dark").unwrap();
    sync_pair(&mut a, &mut b);
    (a, b, fa, fb)
}

fn fresh_phone() -> (Session, TempFile) {
    let file = temp_file();
    let s = Session::open_with_clock(&file.path, clock()).unwrap();
    (s, file)
}

fn field(json: &str, key: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(json).unwrap();
    v[key] = value;
    v.to_string()
}

#[test]
fn a_backup_restores_the_exact_shared_and_private_state_on_a_fresh_phone() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let json = a.export_backup().unwrap();
    let (mut fresh, file) = fresh_phone();
    let report = fresh.import_backup(&json).unwrap();
    assert!(report.adopted_profile);
    assert_eq!(report.partner.as_ref(), a.my_id());
    assert!(report.shared_records_changed > 0 && report.private_records_changed == 2);
    assert_eq!(fresh.my_id(), a.my_id(), "the fresh phone is Ana's again");
    assert_eq!(fresh.shared(), a.shared());
    assert_eq!(fresh.private(), a.private());
    assert_eq!(fresh.private().setting(Setting::Theme), Some("dark"));

    drop(fresh);
    let reopened = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!((reopened.shared(), reopened.private()), (a.shared(), a.private()), "restored durably");
    assert_eq!(reopened.me().unwrap().name, "Ana");
}

#[test]
fn a_long_backup_restored_on_a_fresh_phone_shows_every_day_at_once() {
    // No sync round follows a restore to read the older days: the restore reads them itself.
    let (mut a, _fa) = session_named("Ana", clock());
    a.generate_sample("Ben", mend_shared::session::SampleSpec::weeks(400)).unwrap();
    let json = a.export_backup().unwrap();
    let (mut fresh, file) = fresh_phone();
    fresh.import_backup(&json).unwrap();
    assert!(fresh.history_complete());
    assert_eq!(fresh.shared(), a.shared());
    assert!(!fresh.write_owed_view().unwrap(), "the restore wrote its view rows");
    drop(fresh);
    let mut reopened = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(reopened.shared(), a.shared());
    assert!(!reopened.ensure_loaded().unwrap().view_rebuilt, "the stored view held every record");
}

#[test]
fn a_backup_made_while_a_long_first_sync_is_still_reading_its_older_days_holds_every_record() {
    let (mut a, _fa) = session_named("Ana", clock());
    a.generate_sample("Ben", mend_shared::session::SampleSpec::weeks(400)).unwrap();
    let ana_id = a.my_id().unwrap().clone();
    let (mut new, _file) = fresh_phone();
    new.apply_shared_changes(&a.shared_doc().unwrap().changes_since(&[])).unwrap();
    new.adopt_profile(&ana_id).unwrap();
    assert!(!new.history_complete());
    let json = new.export_backup().unwrap();
    let readable: Value = serde_json::from_str(&json).unwrap();
    let checkins = readable["readable"]["shared"]["checkins"].as_array().map(Vec::len);
    assert_eq!(checkins, Some(a.shared().checkins.len()), "{}", &json[..json.len().min(300)]);
}

#[test]
fn a_backup_is_readable_json_with_both_documents_and_their_typed_state() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let json = a.export_backup().unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "mend-backup");
    assert_eq!(v["version"], BACKUP_VERSION);
    assert_eq!(v["partner"], a.my_id().unwrap().as_str());
    assert_eq!(v["exported_at"], a.now().to_string());
    assert!(STANDARD.decode(v["shared"].as_str().unwrap()).is_ok());
    assert_eq!(v["readable"]["private"]["journal"][0]["body"], "PRIVATE-DIARY");
    assert_eq!(v["readable"]["shared"]["partners"].as_array().unwrap().len(), 2);
    assert_eq!(v["readable"]["shared"]["checkins"].as_array().unwrap().len(), 2);
}

#[test]
fn a_backup_never_holds_the_pair_secret() {
    let (mut a, _b, fa, _fb) = anas_phone();
    let secret = PairSecret::random();
    KeyStore::beside(&fa.path).save(&secret).unwrap();
    let json = a.export_backup().unwrap();
    let raw = secret.expose();
    for encoded in [hex::encode(raw), STANDARD.encode(raw)] {
        assert!(!json.contains(&encoded), "the secret is not in the backup in any form");
    }
    let v: Value = serde_json::from_str(&json).unwrap();
    for doc in ["shared", "private"] {
        let bytes = STANDARD.decode(v[doc].as_str().unwrap()).unwrap();
        assert!(!bytes.windows(raw.len()).any(|w| w == raw), "not in the {doc} document either");
    }
}

#[test]
fn importing_the_same_backup_twice_changes_nothing() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let json = a.export_backup().unwrap();
    let (mut fresh, _file) = fresh_phone();
    fresh.import_backup(&json).unwrap();
    let (shared, private) = (fresh.shared().clone(), fresh.private().clone());
    let chunks = |s: &Session| {
        (
            s.store_ref().chunk_count(DocKind::Shared).unwrap(),
            s.store_ref().chunk_count(DocKind::Private).unwrap(),
        )
    };
    let before = chunks(&fresh);
    let again = fresh.import_backup(&json).unwrap();
    assert!(again.changed_nothing(), "{again:?}");
    assert_eq!((fresh.shared(), fresh.private()), (&shared, &private));
    assert_eq!(chunks(&fresh), before, "nothing was written");
    assert_eq!(a.import_backup(&json).unwrap().shared_records_changed, 0, "nor on the phone that made it");
}

#[test]
fn importing_merges_so_nothing_written_since_the_backup_is_lost() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let json = a.export_backup().unwrap();
    let later = a
        .add_journal_entry(
            Visibility::Private,
            JournalDraft { body: "written later".into(), ..Default::default() },
        )
        .unwrap();
    a.save_talk("Calmer.", "More walks.").unwrap();
    a.import_backup(&json).unwrap();
    assert!(a.private().journal.get(later.id.as_str()).is_some());
    assert_eq!(a.shared().talks.len(), 1);
    assert_eq!(a.private().journal.len(), 2);
}

#[test]
fn a_partners_backup_is_refused_on_the_other_partners_phone() {
    let (mut a, mut b, _fa, _fb) = anas_phone();
    let json = a.export_backup().unwrap();
    let (shared, private) = (b.shared().clone(), b.private().clone());
    let err = b.import_backup(&json).unwrap_err();
    assert!(
        matches!(&err, BackupError::OtherPartner { backup_owner, this_phone } if backup_owner == "Ana" && this_phone == "Ben")
    );
    assert!(err.to_string().starts_with("this backup belongs to Ana, but this phone is set up for Ben"));
    assert_eq!((b.shared(), b.private()), (&shared, &private), "Ana's diary never reached Ben's phone");
}

/// Import `json` into a phone that already has data, expect `check` to accept the error, and
/// make sure nothing on the phone changed.
fn refused(json: &str, check: impl FnOnce(&BackupError) -> bool) -> String {
    refused_with(json, None, check)
}

/// Everything a refused import must leave as it was: both documents byte for byte, the typed
/// state, the identity and the stored chunks.
fn phone_as_it_is(s: &mut Session) -> (Vec<u8>, String, Option<String>, u64, u64) {
    (
        s.shared_doc().unwrap().save(),
        format!("{:?}{:?}", s.shared(), s.private()),
        s.my_id().map(|id| id.to_string()),
        s.store_ref().chunk_count(DocKind::Shared).unwrap(),
        s.store_ref().chunk_count(DocKind::Private).unwrap(),
    )
}

/// [`refused`], restoring with `passphrase`.
fn refused_with(json: &str, passphrase: Option<&str>, check: impl FnOnce(&BackupError) -> bool) -> String {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let before = phone_as_it_is(&mut a);
    let private_before = private_save(&mut a);
    let err = a.restore_backup(json, passphrase).unwrap_err();
    assert!(check(&err), "unexpected error: {err:?}");
    assert_eq!(phone_as_it_is(&mut a), before, "nothing on the phone changed");
    assert_eq!(private_save(&mut a), private_before, "the private document is byte-identical");
    err.to_string()
}

/// The private document's bytes, read through a plain backup (the only way out of the crate).
fn private_save(s: &mut Session) -> Vec<u8> {
    let v: Value = serde_json::from_str(&s.export_backup().unwrap()).unwrap();
    STANDARD.decode(v["private"].as_str().unwrap()).unwrap()
}

fn a_good_backup() -> String {
    anas_phone().0.export_backup().unwrap()
}

#[test]
fn a_file_that_is_not_json_is_refused_as_such() {
    let msg = refused("mend-backup, honest", |e| matches!(e, BackupError::NotJson { .. }));
    assert!(msg.starts_with("this file isn't a Mend backup: it isn't readable JSON"), "{msg}");
}

#[test]
fn json_that_is_not_a_mend_backup_is_refused_as_the_wrong_format() {
    let msg = refused(r#"{"hello": "world"}"#, |e| matches!(e, BackupError::WrongFormat { .. }));
    assert_eq!(msg, "this file isn't a Mend backup: it holds no \"format\" field");
    let other = field(&a_good_backup(), "format", "photo-backup".into());
    let msg = refused(&other, |e| matches!(e, BackupError::WrongFormat { .. }));
    assert_eq!(msg, "this file isn't a Mend backup: its format is \"photo-backup\"");
    refused("[1, 2, 3]", |e| matches!(e, BackupError::WrongFormat { .. }));
}

#[test]
fn a_backup_from_a_newer_version_asks_for_an_update() {
    let newer = field(&a_good_backup(), "version", (SEALED_VERSION + 1).into());
    let msg = refused(&newer, |e| matches!(e, BackupError::NewerVersion { found: 3, supported: 2 }));
    assert!(msg.contains("newer version of Mend") && msg.contains("please update the app"), "{msg}");
}

#[test]
fn a_document_that_is_not_base64_is_refused_naming_the_document() {
    let bad = field(&a_good_backup(), "private", "not base64 at all!".into());
    let msg = refused(&bad, |e| matches!(e, BackupError::BadBase64 { part: "private document" }));
    assert_eq!(msg, "the private document in this backup is damaged: it isn't valid base64");
}

#[test]
fn a_corrupt_document_is_refused_before_anything_is_merged() {
    let good = a_good_backup();
    let garbage = field(&good, "shared", STANDARD.encode(b"these bytes are not automerge").into());
    let msg = refused(&garbage, |e| matches!(e, BackupError::Corrupt { part: "shared document", .. }));
    assert!(msg.starts_with("the shared document in this backup is damaged and can't be read"), "{msg}");

    // A real document cut short: its private half is fine, the shared half is truncated.
    let v: Value = serde_json::from_str(&good).unwrap();
    let bytes = STANDARD.decode(v["shared"].as_str().unwrap()).unwrap();
    let cut = field(&good, "shared", STANDARD.encode(&bytes[..bytes.len() / 2]).into());
    refused(&cut, |e| matches!(e, BackupError::Corrupt { part: "shared document", .. }));
}

#[test]
fn a_document_with_a_newer_schema_asks_for_an_update() {
    let mut doc = CrdtDoc::new();
    doc.automerge().put(automerge::ROOT, "schema", 99_u64).unwrap();
    doc.commit_at(0);
    let newer = field(&a_good_backup(), "shared", STANDARD.encode(doc.save()).into());
    let msg = refused(&newer, |e| {
        matches!(e, BackupError::NewerSchema { part: "shared document", found: 99, supported: 1 })
    });
    assert!(msg.contains("please update the app"), "{msg}");
}

#[test]
fn a_backup_missing_a_field_is_refused_as_incomplete() {
    let mut v: Value = serde_json::from_str(&a_good_backup()).unwrap();
    v.as_object_mut().unwrap().remove("private");
    let msg = refused(&v.to_string(), |e| matches!(e, BackupError::Malformed { .. }));
    assert!(msg.starts_with("this backup is incomplete or damaged"), "{msg}");
    let no_version = field(&a_good_backup(), "version", "one".into());
    refused(&no_version, |e| matches!(e, BackupError::Malformed { .. }));
}
