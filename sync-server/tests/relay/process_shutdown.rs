//! Graceful shutdown of the binary: an upload in flight at SIGTERM is finished and stored, idle
//! connections do not hold the exit up, and connections still open at the deadline are dropped.

use super::process_limits::{stalled_upload, wait_for_metric};
use super::raw_http::{RawConn, request};
use super::util::{Db, RelayProcess, token};
use std::time::{Duration, Instant};

const R: &str = "abababababababababababababababababababababababababababababababab";

fn create_room(relay: &RelayProcess) {
    let auth = token(1).authorization();
    let created = request(relay.addr(), "PUT", &format!("/v1/rooms/{R}"), &[("Authorization", &auth)], b"");
    assert_eq!(created.status, 201);
}

#[test]
fn an_upload_in_flight_at_sigterm_is_stored_before_the_relay_exits() {
    let db = Db::fresh();
    let mut relay = RelayProcess::start(&db, &[]);
    let addr = relay.addr();
    create_room(&relay);
    // Besides the upload: an idle keep-alive connection, which must not hold the exit up.
    let _idle = RawConn::open(addr);
    let mut upload = stalled_upload(addr, &"01".repeat(32), Some(1000));
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 10);

    relay.send_sigterm();
    std::thread::sleep(Duration::from_millis(300));
    assert!(relay.wait_exit(Duration::ZERO).is_none(), "the relay exited with an upload in flight");
    assert!(std::net::TcpStream::connect(addr).is_err(), "the relay still accepts connections");

    upload.send(&[6; 990]).unwrap();
    let reply = upload.reply();
    assert_eq!(reply.status, 201, "{}", String::from_utf8_lossy(&reply.body));
    let status =
        relay.wait_exit(Duration::from_secs(10)).expect("the relay exits once the upload is answered");
    assert!(status.success(), "exit status {status}");
    assert_eq!(db.counts(), [1, 1, 1, 0], "the upload was stored");
}

#[test]
fn connections_still_open_at_the_shutdown_deadline_are_dropped() {
    let db = Db::fresh();
    let mut relay = RelayProcess::start(&db, &["--shutdown-timeout-secs", "1"]);
    let addr = relay.addr();
    create_room(&relay);
    let mut stalled = stalled_upload(addr, &"01".repeat(32), Some(1000));
    wait_for_metric(addr, "mend_relay_upload_bytes_in_flight", 10);

    let started = Instant::now();
    relay.send_sigterm();
    let status = relay.wait_exit(Duration::from_secs(10)).expect("the relay exits at its shutdown deadline");
    let took = started.elapsed();
    assert!(status.success(), "exit status {status}");
    assert!(
        took >= Duration::from_millis(900),
        "the relay did not wait for the request in flight ({took:?})"
    );
    assert!(took < Duration::from_secs(5), "the deadline was not kept ({took:?})");
    assert!(stalled.closed_within(Duration::from_secs(1)), "the stalled connection is still open");
    assert_eq!(db.counts(), [1, 0, 0, 0], "the unfinished upload was not stored");
}
