//! Pairing by code: both phones end in the same room with the same keys; bad codes pair nothing.

use mend_shared::pairing::PairingError;
use mend_shared::relay::RelayClient;
use mend_shared::sync::{self, SyncError, is_paired};
use mend_tests::relay_bin;
use mend_tests::util::*;

fn relay() -> (RelayProcess, RelayClient) {
    let process = RelayProcess::start(relay_bin!());
    let client = RelayClient::new(&process.url()).unwrap();
    (process, client)
}

#[tokio::test]
async fn two_phones_paired_by_code_share_one_room_and_see_each_other() {
    let (_relay, client) = relay();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    let invite = sync::invite(&ana.session, &client).await.unwrap();
    let code = invite.code();
    assert_eq!(code.split('-').count(), 4, "{code}");
    let (a, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben.session, &client, &code));
    assert_eq!(a.unwrap().partner_name.as_deref(), Some("Ben"));
    assert_eq!(b.unwrap().partner_name.as_deref(), Some("Ana"));

    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    assert_eq!(sa.keys().room, sb.keys().room);
    assert_eq!(sa.keys().token, sb.keys().token);
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    assert_eq!(ana.with(|s| s.partner().map(|p| p.name.clone())), Some("Ben".into()));
    assert_eq!(ben.with(|s| s.partner().map(|p| p.name.clone())), Some("Ana".into()));
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
}

#[tokio::test]
async fn a_wrong_code_fails_clearly_and_pairs_neither_phone() {
    let (_relay, client) = relay();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    let invite = sync::invite(&ana.session, &client).await.unwrap();
    let code = invite.code();
    // Same nameplate, different words: a mistyped or guessed code.
    let nameplate = code.split('-').next().unwrap();
    let words: Vec<&str> = code.split('-').skip(1).collect();
    let other = if words[0] == "acorn" { "amber" } else { "acorn" };
    let wrong = format!("{nameplate}-{other}-{}-{}", words[1], words[2]);
    let (a, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben.session, &client, &wrong));
    assert!(matches!(a, Err(SyncError::Pairing(PairingError::WrongCode))), "{a:?}");
    let b = b.unwrap_err();
    assert!(matches!(b, SyncError::Pairing(PairingError::WrongCode)), "{b:?}");
    assert_eq!(b.to_string(), "the code didn't match — ask your partner for a new code and try again");
    assert!(!is_paired(&ana.session).unwrap());
    assert!(!is_paired(&ben.session).unwrap());
}

#[tokio::test]
async fn an_expired_code_fails_clearly_and_pairs_neither_phone() {
    // The relay's nameplates live ten minutes; this one is told they live one second.
    let process = RelayProcess::start_with(relay_bin!(), &["--nameplate-ttl-secs", "1"]);
    let client = RelayClient::new(&process.url()).unwrap();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    let invite = sync::invite(&ana.session, &client).await.unwrap();
    let code = invite.code();
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let late = sync::join_with_code(&ben.session, &client, &code).await.unwrap_err();
    assert!(matches!(late, SyncError::Pairing(PairingError::CodeExpired)), "{late:?}");
    assert_eq!(
        late.to_string(),
        "this code has expired or was already used — ask your partner for a new one"
    );
    drop(invite);
    assert!(!is_paired(&ana.session).unwrap());
    assert!(!is_paired(&ben.session).unwrap());
    assert_eq!(ben.with(|s| s.shared().partners.len()), 1, "nothing of Ana's reached Ben");
}

#[tokio::test]
async fn a_used_code_cannot_pair_a_third_phone() {
    let (_relay, client) = relay();
    let today = day(2026, 3, 2);
    let (ana, ben, eve) =
        (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today), Phone::new(Some("Eve"), today));
    let invite = sync::invite(&ana.session, &client).await.unwrap();
    let code = invite.code();
    let (a, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben.session, &client, &code));
    a.unwrap();
    b.unwrap();
    let reused = sync::join_with_code(&eve.session, &client, &code).await.unwrap_err();
    assert!(matches!(reused, SyncError::Pairing(PairingError::CodeExpired)), "{reused:?}");
    assert!(!is_paired(&eve.session).unwrap());
}

#[tokio::test]
async fn a_malformed_code_or_unknown_nameplate_is_refused_before_pairing() {
    let (_relay, client) = relay();
    let ben = Phone::new(Some("Ben"), day(2026, 3, 2));
    let err = sync::join_with_code(&ben.session, &client, "harbor lantern").await.unwrap_err();
    assert!(matches!(err, SyncError::Pairing(PairingError::MalformedCode)), "{err:?}");
    let err = sync::join_with_code(&ben.session, &client, "4321-harbor-lantern-quiet").await.unwrap_err();
    assert!(matches!(err, SyncError::Pairing(PairingError::CodeExpired)), "{err:?}");
    assert!(!is_paired(&ben.session).unwrap());
}

#[tokio::test]
async fn a_phone_with_data_before_pairing_keeps_it_and_shares_it() {
    use mend_shared::model::CheckInDraft;
    let (_relay, client) = relay();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    ben.with(|s| {
        s.save_checkin(CheckInDraft { mood: 2, trust: 3, feel: "wary".into(), ..Default::default() }).unwrap()
    });
    ana.with(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() }).unwrap());
    pair(&ana, &ben, &client).await;
    syncer(&ana, &client).sync_once().await.unwrap();
    let ben_id = ben.with(|s| s.my_id().unwrap().clone());
    assert_eq!(ana.with(|s| s.shared().checkin(today, &ben_id).map(|c| c.feel.clone())), Some("wary".into()));
    assert_eq!(ana.with(|s| s.shared().checkins.len()), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_joiner_that_cannot_create_the_room_stays_unpaired() {
    let (relay, client) = relay();
    let tap = Tap::start(relay.addr()).await;
    let ben_link = RelayClient::new(&tap.url()).unwrap();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    // Ben's phone completes the exchange but never gets to create the room.
    tap.drop_requests_starting_with(Some("PUT /v1/rooms/"));
    let invite = sync::invite(&ana.session, &client).await.unwrap();
    let code = invite.code();
    let (_, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben.session, &ben_link, &code));
    let err = b.unwrap_err();
    assert!(err.is_offline(), "{err:?}");
    assert!(!is_paired(&ben.session).unwrap(), "no key file without a room");
    // Ben can simply try again with a new code once the relay is reachable.
    tap.drop_requests_starting_with(None);
    sync::unpair(&ana.session, &client, true).await.unwrap();
    pair(&ana, &ben, &ben_link).await;
    assert!(is_paired(&ben.session).unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inviter_that_cannot_create_the_room_pairs_neither_phone() {
    let (relay, client) = relay();
    let tap = Tap::start(relay.addr()).await;
    let ana_link = RelayClient::new(&tap.url()).unwrap();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    let invite = sync::invite(&ana.session, &ana_link).await.unwrap();
    let code = invite.code();
    tap.drop_requests_starting_with(Some("PUT /v1/rooms/"));
    let (a, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben.session, &client, &code));
    let a = a.unwrap_err();
    assert!(a.is_offline(), "{a:?}");
    assert!(b.is_err(), "the joiner is not told it paired: {b:?}");
    assert!(!is_paired(&ana.session).unwrap(), "the inviter keeps no key for a room it could not create");
    assert!(!is_paired(&ben.session).unwrap(), "the secret was never handed over");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_joiner_whose_inviter_stops_answering_is_told_so_in_its_own_words() {
    // Takes the joiner's full 90-second wait for the answer: there is no shorter real way.
    let (_relay, client) = relay();
    let today = day(2026, 3, 2);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    let invite = sync::invite(&ana.session, &client).await.unwrap();
    let code = invite.code();
    // Ana's phone shows the code, then goes away without finishing or cancelling.
    drop(invite);
    let err = sync::join_with_code(&ben.session, &client, &code).await.unwrap_err();
    assert!(matches!(err, SyncError::Pairing(PairingError::NoAnswer)), "{err:?}");
    let words = err.user_message();
    assert!(!words.contains("nobody joined"), "the inviter's message is not for the joiner: {words}");
    assert!(words.contains("partner's phone stopped answering"), "{words}");
    assert!(!is_paired(&ben.session).unwrap());
}
