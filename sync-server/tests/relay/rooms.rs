//! Creating and deleting rooms, and the no-existence-oracle rule for tokens.

use super::util::{Relay, req, room, token};
use axum::http::{Method, StatusCode, header};

#[tokio::test]
async fn creating_a_room_is_idempotent_for_its_owner() {
    let relay = Relay::new().await;
    assert_eq!(relay.create_room(&room(1), &token(1)).await.status, StatusCode::CREATED);
    assert_eq!(relay.create_room(&room(1), &token(1)).await.status, StatusCode::OK);
    assert_eq!(relay.table_counts()[0], 1);
}

#[tokio::test]
async fn another_token_cannot_claim_an_existing_room() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.create_room(&room(1), &token(2)).await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    // The owner still gets in; the intruder's token was not stored.
    assert_eq!(relay.create_room(&room(1), &token(1)).await.status, StatusCode::OK);
    relay.list(&room(1), &token(2), "").await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}

#[tokio::test]
async fn wrong_token_and_unknown_room_look_the_same() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.push(&room(1), &token(1), b"sealed").await;
    relay.put_snapshot(&room(1), &token(1), 1, b"snap").await;
    let probes = |r: u8, t: u8| {
        [
            req(Method::GET, &format!("/v1/rooms/{}/bundles", room(r))).bearer(&token(t)).empty(),
            req(Method::GET, &format!("/v1/rooms/{}/bundles?wait=1", room(r))).bearer(&token(t)).empty(),
            req(Method::PUT, &format!("/v1/rooms/{}/bundles/{}", room(r), room(9)))
                .bearer(&token(t))
                .sealed(b"x".to_vec()),
            req(Method::GET, &format!("/v1/rooms/{}/snapshot", room(r))).bearer(&token(t)).empty(),
            req(Method::PUT, &format!("/v1/rooms/{}/snapshot", room(r)))
                .bearer(&token(t))
                .header("mend-snapshot-seq", "1")
                .sealed(b"x".to_vec()),
            req(Method::DELETE, &format!("/v1/rooms/{}", room(r))).bearer(&token(t)).empty(),
        ]
    };
    for (wrong_token, unknown_room) in probes(1, 2).into_iter().zip(probes(7, 2)) {
        let what = format!("{} {}", wrong_token.method(), wrong_token.uri().path());
        let a = relay.send(wrong_token).await;
        let b = relay.send(unknown_room).await;
        a.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
        assert_eq!(a.status, b.status, "{what}");
        assert_eq!(a.body, b.body, "{what}");
        assert_eq!(
            a.headers.get(header::WWW_AUTHENTICATE),
            b.headers.get(header::WWW_AUTHENTICATE),
            "{what}"
        );
        assert_eq!(a.headers.len(), b.headers.len(), "{what}");
    }
    // Creating an id that exists under another token is refused with that very same answer; it
    // is the one place an asker learns that an id exists, and only someone holding the 256-bit id
    // (derived from the couple's pair secret) can ask. See openapi.json, createRoom.
    let wrong_token = relay.send(probes(1, 2).into_iter().next().unwrap()).await;
    let taken = relay.create_room(&room(1), &token(2)).await;
    taken.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!((taken.status, &taken.body), (wrong_token.status, &wrong_token.body));
    assert_eq!(
        taken.headers.get(header::WWW_AUTHENTICATE),
        wrong_token.headers.get(header::WWW_AUTHENTICATE)
    );
    assert_eq!(taken.headers.len(), wrong_token.headers.len());
    // And the room is untouched.
    assert_eq!(relay.table_counts(), [1, 0, 1, 1]);
    assert_eq!(relay.create_room(&room(1), &token(1)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn deleting_a_room_removes_everything_in_it() {
    let relay = Relay::new().await;
    relay.create_room(&room(1), &token(1)).await;
    relay.create_room(&room(2), &token(2)).await;
    for n in 0..3u8 {
        relay.push(&room(1), &token(1), &[n; 10]).await;
    }
    relay.push(&room(2), &token(2), b"other room").await;
    relay.put_snapshot(&room(1), &token(1), 2, b"snap").await;
    assert_eq!(relay.table_counts(), [2, 2, 4, 1]);

    let reply =
        relay.send(req(Method::DELETE, &format!("/v1/rooms/{}", room(1))).bearer(&token(1)).empty()).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(reply.body.is_empty());
    assert_eq!(relay.table_counts(), [1, 1, 1, 0], "only the other room is left");
    relay.list(&room(1), &token(1), "").await.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");

    // The same ids can start over from scratch.
    assert_eq!(relay.create_room(&room(1), &token(1)).await.status, StatusCode::CREATED);
    assert_eq!(relay.push(&room(1), &token(1), &[0; 10]).await, 1);
}

#[tokio::test]
async fn deleting_a_room_releases_its_long_polls_with_401() {
    let relay = std::sync::Arc::new(Relay::new().await);
    relay.create_room(&room(1), &token(1)).await;
    let waiter = {
        let relay = relay.clone();
        tokio::spawn(async move { relay.list(&room(1), &token(1), "wait=20").await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    relay.send(req(Method::DELETE, &format!("/v1/rooms/{}", room(1))).bearer(&token(1)).empty()).await;
    let reply = tokio::time::timeout(std::time::Duration::from_secs(5), waiter).await.unwrap().unwrap();
    reply.assert_error(StatusCode::UNAUTHORIZED, "unauthorized");
}
