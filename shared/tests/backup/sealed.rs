//! Sealed backups: a passphrase typed twice and hard to guess, a file that shows nothing but its
//! header, and a specific refusal — changing nothing — for a missing or wrong passphrase, a
//! damaged, cut-short or tampered file, hostile parameters and newer versions.

use super::*;
use mend_shared::backup::{MIN_BACKUP_PASSPHRASE_CHARS, is_sealed};
use sha2::{Digest, Sha256};

const PASSPHRASE: &str = "lantern orchard velvet tuesday";

fn a_sealed_backup() -> String {
    anas_phone().0.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap().text
}

/// `text` with the sealed part changed by `change`, and (if `fix_digest`) a digest to match.
fn reseal(text: &str, fix_digest: bool, change: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    let mut sealed = STANDARD.decode(v["sealed"].as_str().unwrap()).unwrap();
    change(&mut sealed);
    v["sealed"] = STANDARD.encode(&sealed).into();
    if fix_digest {
        v["sha256"] = hex::encode(Sha256::digest(&sealed)).into();
    }
    v.to_string()
}

#[test]
fn a_sealed_backup_restores_everything_on_a_fresh_phone_with_its_passphrase() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let backup = a.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap();
    assert_eq!(backup.file_name, "mend-backup-2026-05-04.json");
    assert!(is_sealed(&backup.text));
    let (mut fresh, _file) = fresh_phone();
    let report = fresh.restore_backup(&backup.text, Some(PASSPHRASE)).unwrap();
    assert!(report.sealed && report.adopted_profile);
    assert_eq!((fresh.shared(), fresh.private()), (a.shared(), a.private()));
    assert_eq!(fresh.me().unwrap().name, "Ana");
}

#[test]
fn a_sealed_backup_file_holds_none_of_the_words_typed_into_it() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let words = [
        "PRIVATE-DIARY",
        "Just for me",
        "hopeful",
        "patience",
        "Phone down at dinner",
        "misread",
        "We talked",
    ];
    let plain = a.export_backup().unwrap();
    for w in words {
        assert!(plain.contains(w), "positive control: the version-1 export holds {w:?}");
    }
    let sealed = a.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap().text;
    for w in words.iter().chain([&PASSPHRASE, &"lantern"]) {
        assert!(!sealed.contains(w), "the sealed file shows {w:?}");
    }
    let v: Value = serde_json::from_str(&sealed).unwrap();
    let mut fields: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["format", "kdf", "key_check", "sealed", "sha256", "version"],
        "only the header is plain"
    );
    assert!(!sealed.contains(a.my_id().unwrap().as_str()), "not even who made it");
    assert!(!sealed.contains("exported_at") && !sealed.contains("2026-05-04T"), "nor when");
    let bytes = STANDARD.decode(v["sealed"].as_str().unwrap()).unwrap();
    for w in words {
        assert!(!bytes.windows(w.len()).any(|x| x == w.as_bytes()), "the sealed bytes hold {w:?}");
    }
}

#[test]
fn each_sealed_backup_has_its_own_salt_and_nonce() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let one: Value =
        serde_json::from_str(&a.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap().text).unwrap();
    let two: Value =
        serde_json::from_str(&a.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap().text).unwrap();
    assert_ne!(one["kdf"]["salt"], two["kdf"]["salt"]);
    assert_ne!(one["sealed"], two["sealed"]);
    assert_eq!(one["kdf"]["alg"], "argon2id");
}

#[test]
fn a_backup_passphrase_must_be_typed_twice_alike_and_be_hard_to_guess() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let err = a.export_sealed_backup(PASSPHRASE, "lantern orchard velvet monday").unwrap_err();
    assert!(matches!(err, BackupError::PassphrasesDiffer), "{err:?}");
    let err = a.export_sealed_backup("short one", "short one").unwrap_err();
    assert!(matches!(err, BackupError::PassphraseTooShort { min: MIN_BACKUP_PASSPHRASE_CHARS }), "{err:?}");
    for easy in ["password123", "anaandbenana", "1234567890"] {
        let err = a.export_sealed_backup(easy, easy).unwrap_err();
        assert!(matches!(err, BackupError::PassphraseTooEasy { .. }), "{easy}: {err:?}");
        assert!(err.to_string().starts_with("that passphrase is too easy to guess"), "{err}");
    }
}

#[test]
fn a_sealed_backup_without_its_passphrase_asks_for_it_and_changes_nothing() {
    let msg = refused(&a_sealed_backup(), |e| matches!(e, BackupError::PassphraseNeeded));
    assert_eq!(msg, "this backup is sealed: enter the passphrase it was made with");
    refused_with(&a_sealed_backup(), Some(""), |e| matches!(e, BackupError::PassphraseNeeded));
}

#[test]
fn a_wrong_passphrase_is_refused_as_such_and_changes_nothing() {
    let msg = refused_with(&a_sealed_backup(), Some("lantern orchard velvet monday"), |e| {
        matches!(e, BackupError::WrongPassphrase)
    });
    assert!(msg.starts_with("that passphrase doesn't open this backup"), "{msg}");
}

#[test]
fn a_sealed_part_changed_and_given_a_matching_digest_is_refused_as_tampered() {
    let tampered = reseal(&a_sealed_backup(), true, |bytes| {
        let last = bytes.len() - 1;
        bytes[last] ^= 0x01;
    });
    let msg = refused_with(&tampered, Some(PASSPHRASE), |e| matches!(e, BackupError::Tampered));
    assert!(msg.starts_with("this backup was tampered with"), "{msg}");
}

#[test]
fn a_sealed_part_damaged_in_transit_is_refused_as_damaged() {
    let damaged = reseal(&a_sealed_backup(), false, |bytes| bytes[60] ^= 0x40);
    let msg = refused_with(&damaged, Some(PASSPHRASE), |e| matches!(e, BackupError::Damaged));
    assert!(msg.starts_with("this backup is damaged"), "{msg}");
    let shortened = reseal(&a_sealed_backup(), false, |bytes| bytes.truncate(bytes.len() / 2));
    refused_with(&shortened, Some(PASSPHRASE), |e| matches!(e, BackupError::Damaged));
}

#[test]
fn a_sealed_backup_cut_short_is_refused_as_cut_short() {
    let text = a_sealed_backup();
    for cut in [text.len() / 2, text.len() - 3, 40] {
        let msg = refused_with(&text[..cut], Some(PASSPHRASE), |e| matches!(e, BackupError::Truncated));
        assert!(msg.starts_with("this backup is cut short"), "{msg}");
    }
}

#[test]
fn a_changed_header_does_not_open_with_the_right_passphrase() {
    let text = a_sealed_backup();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["kdf"]["t"] = 2.into();
    refused_with(&v.to_string(), Some(PASSPHRASE), |e| matches!(e, BackupError::WrongPassphrase));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["kdf"]["salt"] = STANDARD.encode([7u8; 16]).into();
    refused_with(&v.to_string(), Some(PASSPHRASE), |e| matches!(e, BackupError::WrongPassphrase));
}

#[test]
fn a_sealed_backup_asking_for_absurd_work_is_refused_before_any_is_done() {
    let text = a_sealed_backup();
    for (key, value) in [("m", 4_194_304_u64), ("t", 1000), ("p", 64), ("m", 1)] {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["kdf"][key] = value.into();
        let msg =
            refused_with(&v.to_string(), Some(PASSPHRASE), |e| matches!(e, BackupError::Malformed { .. }));
        assert!(msg.contains("key derivation settings are outside what Mend uses"), "{msg}");
    }
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["kdf"]["alg"] = "scrypt".into();
    refused_with(&v.to_string(), Some(PASSPHRASE), |e| matches!(e, BackupError::Malformed { .. }));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["extra"] = "field".into();
    refused_with(&v.to_string(), Some(PASSPHRASE), |e| matches!(e, BackupError::Malformed { .. }));
}

#[test]
fn a_newer_sealed_version_asks_for_an_update() {
    let newer = field(&a_sealed_backup(), "version", 3.into());
    refused_with(&newer, Some(PASSPHRASE), |e| {
        matches!(e, BackupError::NewerVersion { found: 3, supported: 2 })
    });
}

#[test]
fn a_plain_version_1_backup_still_restores_and_says_it_was_not_protected() {
    let (mut a, _b, _fa, _fb) = anas_phone();
    let plain = a.export_backup().unwrap();
    assert!(!is_sealed(&plain));
    let (mut fresh, _file) = fresh_phone();
    let report = fresh.restore_backup(&plain, Some("any passphrase is ignored")).unwrap();
    assert!(!report.sealed && report.adopted_profile);
    assert_eq!(fresh.private(), a.private());
}
