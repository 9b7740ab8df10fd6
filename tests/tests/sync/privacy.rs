//! The relay only ever holds ciphertext: none of the couple's words are in its files.

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
    assert_eq!(ben.with(|s| s.shared().journal.len()), 1, "the data really went through the relay");

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

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
