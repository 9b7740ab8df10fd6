//! The relay only ever holds ciphertext: none of the couple's words are in its files. Positive
//! controls show the search would find them: the words are in each phone's own data file, and
//! the very bundles stored on the relay reveal them once opened with the couple's key.

use mend_shared::model::*;
use mend_shared::relay::RelayClient;
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_database_read_raw_contains_none_of_the_plaintext() {
    let relay = RelayProcess::start(relay_bin!());
    let client = RelayClient::new(&relay.url()).unwrap();
    let today = day(2026, 6, 1);
    let (ana, ben) = (Phone::new(Some("Anastasia"), today), Phone::new(Some("Benedikt"), today));
    pair(&ana, &ben, &client).await;
    let secrets = [
        "Anastasia",
        "Benedikt",
        "I felt shut out when the door closed",
        "Tell me before you spend our savings",
        "the night at the lighthouse still hurts",
        "I hid the messages from you",
    ];
    ana.with(|s| {
        s.save_checkin(CheckInDraft { mood: 2, trust: 3, feel: secrets[2].into(), ..Default::default() })
            .unwrap();
        s.create_promise(PromiseDraft {
            title: secrets[3].into(),
            why: String::new(),
            cadence: Cadence::Daily,
        })
        .unwrap();
        s.add_journal_entry(
            Visibility::Shared,
            JournalDraft { body: secrets[4].into(), ..Default::default() },
        )
        .unwrap();
    });
    ben.with(|s| {
        let d = ApologyDraft {
            what_happened: secrets[5].into(),
            impact: "x".into(),
            my_part: "y".into(),
            will_do: "z".into(),
        };
        s.apologize(d, None).unwrap();
    });
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    // A snapshot too, so whole documents have passed through the relay.
    let cursor = sa.sync_once().await.unwrap().pull.cursor;
    assert!(sa.upload_snapshot(cursor).await.unwrap());
    // Another bundle after the snapshot, so the relay holds both kinds.
    ben.with(|s| {
        s.add_journal_entry(
            Visibility::Shared,
            JournalDraft { body: secrets[4].into(), ..Default::default() },
        )
        .unwrap()
    });
    sb.sync_once().await.unwrap();
    assert_eq!(ana.with(|s| s.shared().journal.len()), 1);
    sa.sync_once().await.unwrap();
    assert_eq!(ana.with(|s| s.shared().journal.len()), 2, "the data really went through the relay");

    // Positive control 1: the same search finds every word in each phone's own files.
    for phone in [&ana, &ben] {
        let own = raw_files_beside(&phone.data_path());
        for secret in secrets {
            assert!(
                contains(&own, secret.as_bytes()),
                "{secret:?} is not in the phone's own file: the search is broken"
            );
        }
    }
    // Positive control 2: what the relay stores, opened with the couple's key (as the relay
    // would see it were nothing sealed), shows the words.
    let keys = sa.keys().clone();
    let (seq, snapshot) = relay.stored_snapshot(&keys.room).expect("the snapshot is in the relay's file");
    let mut opened =
        automerge::AutoCommit::load(&keys.open_snapshot(seq, &snapshot).unwrap().plaintext).unwrap();
    let stored = relay.stored_bundles(&keys.room);
    assert!(!stored.is_empty());
    for bundle in &stored {
        let plain =
            keys.open_bundle(&bundle.id, &bundle.bytes).expect("a bundle from the relay's file opens");
        opened.load_incremental(&plain.plaintext).unwrap();
    }
    let unsealed = opened.save_nocompress();
    for secret in secrets {
        assert!(contains(&unsealed, secret.as_bytes()), "{secret:?} did not pass through the relay at all");
    }

    // The test itself: the relay's files, read raw, hold none of it.
    let raw = relay.raw_files();
    assert!(raw.len() > 1000);
    for secret in secrets {
        assert!(!contains(&raw, secret.as_bytes()), "the relay's files contain {secret:?}");
    }
    // Nor the token itself: the relay keeps only its hash.
    let token = sa.keys().token.to_string();
    assert!(!contains(&raw, token.as_bytes()));
    assert!(!contains(&raw, sa.keys().token.as_bytes()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_never_reaches_the_relay_and_an_unshared_one_never_leaves_its_phone_at_all() {
    let relay = RelayProcess::start(relay_bin!());
    let client = RelayClient::new(&relay.url()).unwrap();
    let today = day(2026, 6, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    pair(&ana, &ben, &client).await;
    // Ana keeps her part to herself, after changing her mind twice; Ben shares his.
    ana.with(|s| {
        for part in [Part::Hurt, Part::Both, Part::BrokeTrust] {
            s.choose_part(part).unwrap();
        }
    });
    ben.with(|s| {
        s.choose_part(Part::Hurt).unwrap();
        s.share_part(true).unwrap();
    });
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    let cursor = sa.sync_once().await.unwrap().pull.cursor;
    assert!(sa.upload_snapshot(cursor).await.unwrap());
    let (ana_id, ben_id) = ana.with(|s| (s.my_id().unwrap().clone(), s.partner().unwrap().id.clone()));
    assert_eq!(ana.with(|s| s.shared().shared_part_of(&ben_id).map(|p| p.part)), Some(Part::Hurt));
    assert_eq!(ben.with(|s| s.shared().shared_part_of(&ana_id).cloned()), None);

    // Everything that passed through the relay, opened with the couple's key: Ben's shared part
    // is there (the positive control), and nothing of Ana's ever was, history included.
    let keys = sa.keys().clone();
    let (seq, snapshot) = relay.stored_snapshot(&keys.room).expect("the snapshot is in the relay's file");
    let mut opened =
        automerge::AutoCommit::load(&keys.open_snapshot(seq, &snapshot).unwrap().plaintext).unwrap();
    for bundle in relay.stored_bundles(&keys.room) {
        opened.load_incremental(&keys.open_bundle(&bundle.id, &bundle.bytes).unwrap().plaintext).unwrap();
    }
    let unsealed = opened.save_nocompress();
    let (ana_key, ben_key) = (format!("part/{ana_id}"), format!("part/{ben_id}"));
    assert!(contains(&unsealed, ben_key.as_bytes()) && contains(&unsealed, b"hurt"), "Ben's part was shared");
    assert!(!contains(&unsealed, ana_key.as_bytes()), "Ana's part never left her phone");
    assert!(!contains(&unsealed, b"broke-trust") && !contains(&unsealed, b"both"));

    // The relay's own files, read raw, hold neither part in any case.
    let raw = relay.raw_files();
    for needle in [ana_key.as_bytes(), ben_key.as_bytes(), b"broke-trust", b"part/"] {
        assert!(!contains(&raw, needle), "the relay's files contain {:?}", String::from_utf8_lossy(needle));
    }
    assert!(
        contains(&raw_files_beside(&ana.data_path()), b"broke-trust"),
        "the search finds it on Ana's phone"
    );
}

/// Every byte of a data file and its SQLite companions (`-wal`, `-shm`, `-journal`).
fn raw_files_beside(data: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = data.as_os_str().to_os_string();
        name.push(suffix);
        all.extend(std::fs::read(std::path::PathBuf::from(name)).unwrap_or_default());
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
