//! A phone process killed with SIGKILL in the middle of writing loses at most the edit in flight:
//! every edit it confirmed is there when the file is opened again, and the file always opens.

use mend_shared::model::JournalEntry;
use mend_shared::session::Session;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The numbers of every `edit {n}` entry in the file, shared and private.
fn edits_on_disk(path: &std::path::Path) -> Vec<u64> {
    let mut session = Session::open(path).expect("the file opens after a kill");
    session.ensure_loaded().expect("the documents load after a kill");
    let shared = session.shared().journal.iter();
    let private = session.private().journal.iter();
    let mut found: Vec<u64> = shared
        .chain(private)
        .filter_map(|e: &JournalEntry| e.body.strip_prefix("edit ")?.parse().ok())
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn a_phone_killed_mid_write_keeps_every_edit_it_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mend.sqlite");
    let mut next = 0u64;
    // Kill points spread over fresh writes, compactions and reopenings of a growing file.
    for (round, confirmations) in [7u64, 61, 23, 95, 40, 3, 130].into_iter().enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mend-edits-until-killed"))
            .arg(&path)
            .arg(next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the writer");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut confirmed = None;
        for _ in 0..confirmations {
            let line = lines.next().expect("the writer keeps writing").unwrap();
            confirmed = Some(line.parse::<u64>().unwrap());
        }
        child.kill().expect("SIGKILL the writer mid-edit");
        child.wait().unwrap();
        let confirmed = confirmed.unwrap();

        let found = edits_on_disk(&path);
        let expected: Vec<u64> = (0..=confirmed).collect();
        let in_flight = confirmed + 1;
        assert!(
            found == expected || found == [expected.as_slice(), &[in_flight]].concat(),
            "round {round}: confirmed 0..={confirmed}, found {:?}",
            found.iter().rev().take(5).collect::<Vec<_>>()
        );
        next = found.last().map_or(0, |n| n + 1);
    }
}
