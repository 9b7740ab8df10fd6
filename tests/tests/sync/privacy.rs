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
