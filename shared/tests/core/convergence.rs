//! Replicas that edit independently and merge in any order end identical, with nothing lost.
//!
//! Merges come two ways: a replica's whole history at once, or only the changes the receiver
//! lacks, delivered one change at a time in a shuffled order — so changes regularly arrive
//! before the changes they build on and must wait for them.

use mend_shared::doc::DocState;
use mend_shared::model::*;
use mend_shared::session::Session;
use mend_shared::time::{Day, ManualClock};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
enum Op {
    CheckIn { replica: usize, days_ago: i64, mood: i64, trust: i64 },
    CreatePromise { replica: usize, title: u8 },
    EditPromise { replica: usize, pick: usize, title: u8 },
    Outcome { replica: usize, pick: usize, kind: usize },
    AckOutcome { replica: usize, pick: usize, kind: usize },
    AckCheckIn { replica: usize, pick: usize },
    Journal { replica: usize, body: u8 },
    EditJournal { replica: usize, pick: usize, body: u8 },
    DeleteJournal { replica: usize, pick: usize },
    Retire { replica: usize, pick: usize },
    Reflect { replica: usize, prompt: usize, body: u8 },
    NextDay,
    Merge { from: usize, into: usize },
    Deliver { from: usize, into: usize, seed: u64 },
}

const REPLICAS: usize = 3;

fn op() -> impl Strategy<Value = Op> {
    let r = 0..REPLICAS;
    prop_oneof![
        3 => (r.clone(), 0i64..3, 1i64..=5, 0i64..=10).prop_map(|(replica, days_ago, mood, trust)| Op::CheckIn { replica, days_ago, mood, trust }),
        1 => (r.clone(), any::<u8>()).prop_map(|(replica, title)| Op::CreatePromise { replica, title }),
        1 => (r.clone(), any::<usize>(), any::<u8>()).prop_map(|(replica, pick, title)| Op::EditPromise { replica, pick, title }),
        3 => (r.clone(), any::<usize>(), 0usize..3).prop_map(|(replica, pick, kind)| Op::Outcome { replica, pick, kind }),
        2 => (r.clone(), any::<usize>(), 0usize..3).prop_map(|(replica, pick, kind)| Op::AckOutcome { replica, pick, kind }),
        1 => (r.clone(), any::<usize>()).prop_map(|(replica, pick)| Op::AckCheckIn { replica, pick }),
        1 => (r.clone(), any::<u8>()).prop_map(|(replica, body)| Op::Journal { replica, body }),
        1 => (r.clone(), any::<usize>(), any::<u8>()).prop_map(|(replica, pick, body)| Op::EditJournal { replica, pick, body }),
        1 => (r.clone(), any::<usize>()).prop_map(|(replica, pick)| Op::DeleteJournal { replica, pick }),
        1 => (r.clone(), any::<usize>()).prop_map(|(replica, pick)| Op::Retire { replica, pick }),
        1 => (r.clone(), any::<usize>(), any::<u8>()).prop_map(|(replica, prompt, body)| Op::Reflect { replica, prompt, body }),
        1 => Just(Op::NextDay),
        2 => (r.clone(), r.clone()).prop_map(|(from, into)| Op::Merge { from, into }),
        2 => (r.clone(), r, any::<u64>()).prop_map(|(from, into, seed)| Op::Deliver { from, into, seed }),
    ]
}

/// Send `into` only the changes of `from` it lacks, one change at a time in an order shuffled by
/// `seed`: a change often arrives before the ones it depends on and has to wait for them.
fn deliver(replicas: &mut [Session], from: usize, into: usize, seed: u64) {
    if from == into {
        return;
    }
    let have = replicas[into].shared_doc().unwrap().heads();
    let mut changes: Vec<Vec<u8>> = replicas[from]
        .shared_doc()
        .unwrap()
        .automerge()
        .get_changes(&have)
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    let mut rng = seed | 1;
    for i in (1..changes.len()).rev() {
        // xorshift: a tiny deterministic shuffle, so failures replay exactly.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        changes.swap(i, (rng % (i as u64 + 1)) as usize);
    }
    for change in changes {
        replicas[into].apply_shared_changes(&change).unwrap();
    }
}

/// My promises that still take edits and outcomes.
fn my_active_promises(s: &Session) -> Vec<mend_shared::ids::PromiseId> {
    let me = s.my_id().unwrap().clone();
    s.shared()
        .promises
        .iter()
        .filter(|p| p.owner == me && p.status == PromiseStatus::Active)
        .map(|p| p.id.clone())
        .collect()
}

/// My shared journal entries.
fn my_entries(s: &Session) -> Vec<mend_shared::ids::EntryId> {
    let me = s.my_id().unwrap().clone();
    s.shared().journal.iter().filter(|e| e.author == me).map(|e| e.id.clone()).collect()
}

fn merge(replicas: &mut [Session], from: usize, into: usize) {
    if from == into {
        return;
    }
    let bytes = replicas[from].shared_doc().unwrap().changes_since(&[]);
    replicas[into].apply_shared_changes(&bytes).unwrap();
}

/// What each author last wrote at each natural key: the state every replica must end with.
#[derive(Default)]
struct Expected {
    checkins: BTreeMap<String, CheckIn>,
    outcomes: BTreeMap<String, Outcome>,
    acks: BTreeMap<String, Acknowledgement>,
    journal: BTreeMap<String, String>,
    reflections: BTreeMap<String, String>,
    retired: BTreeMap<String, ()>,
}

fn run(ops: Vec<Op>, final_order: Vec<usize>) {
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 1, 10).unwrap(), 0));
    let mut replicas: Vec<Session> =
        (0..REPLICAS).map(|_| Session::in_memory(clock.clone()).unwrap()).collect();
    for (i, s) in replicas.iter_mut().enumerate() {
        s.create_profile(&format!("Partner {i}")).unwrap();
    }
    let mut expected = Expected::default();
    for op in ops {
        match op {
            Op::CheckIn { replica, days_ago, mood, trust } => {
                let s = &mut replicas[replica];
                let date = s.today().plus_days(-days_ago);
                let c = s.save_checkin_for(date, CheckInDraft { mood, trust, ..Default::default() }).unwrap();
                expected.checkins.insert(format!("{}/{}", c.date, c.partner), c);
            }
            Op::CreatePromise { replica, title } => {
                let draft = PromiseDraft {
                    title: format!("promise {title}"),
                    why: String::new(),
                    cadence: Cadence::Daily,
                };
                replicas[replica].create_promise(draft).unwrap();
            }
            Op::EditPromise { replica, pick, title } => {
                let s = &mut replicas[replica];
                let mine = my_active_promises(s);
                if let Some(id) = mine.get(pick % mine.len().max(1)) {
                    let draft = PromiseDraft {
                        title: format!("edited {title}"),
                        why: "w".into(),
                        cadence: Cadence::PerWeek { times: 3 },
                    };
                    s.edit_promise(id, draft).unwrap();
                }
            }
            Op::Outcome { replica, pick, kind } => {
                let s = &mut replicas[replica];
                let mine = my_active_promises(s);
                if let Some(id) = mine.get(pick % mine.len().max(1)) {
                    let today = s.today();
                    let o = s.record_outcome(id, today, OutcomeKind::ALL[kind], "note").unwrap();
                    expected.outcomes.insert(format!("{}/{}", o.promise, o.date), o);
                }
            }
            Op::AckOutcome { replica, pick, kind } => {
                let s = &mut replicas[replica];
                let me = s.my_id().unwrap().clone();
                let theirs: Vec<_> = s.shared().outcomes.iter().filter(|o| o.by != me).cloned().collect();
                if let Some(o) = theirs.get(pick % theirs.len().max(1)) {
                    let target = AckTarget::Outcome { promise: o.promise.clone(), date: o.date };
                    let a = s.acknowledge(target, AckKind::ALL[kind], "").unwrap();
                    expected.acks.insert(format!("{}|{}", a.target, a.by), a);
                }
            }
            Op::AckCheckIn { replica, pick } => {
                let s = &mut replicas[replica];
                let me = s.my_id().unwrap().clone();
                let theirs: Vec<_> =
                    s.shared().checkins.iter().filter(|c| c.partner != me).cloned().collect();
                if let Some(c) = theirs.get(pick % theirs.len().max(1)) {
                    let target = AckTarget::CheckIn { partner: c.partner.clone(), date: c.date };
                    let a = s.acknowledge(target, AckKind::Seen, "").unwrap();
                    expected.acks.insert(format!("{}|{}", a.target, a.by), a);
                }
            }
            Op::Journal { replica, body } => {
                let e = replicas[replica]
                    .add_journal_entry(
                        Visibility::Shared,
                        JournalDraft { body: format!("entry {body}"), ..Default::default() },
                    )
                    .unwrap();
                expected.journal.insert(e.id.to_string(), e.body);
            }
            Op::EditJournal { replica, pick, body } => {
                let s = &mut replicas[replica];
                if let Some(id) = my_entries(s).get(pick % my_entries(s).len().max(1)) {
                    let draft = JournalDraft { body: format!("edited {body}"), ..Default::default() };
                    let e = s.edit_journal_entry(Visibility::Shared, id, draft).unwrap();
                    expected.journal.insert(e.id.to_string(), e.body);
                }
            }
            Op::DeleteJournal { replica, pick } => {
                let s = &mut replicas[replica];
                if let Some(id) = my_entries(s).get(pick % my_entries(s).len().max(1)) {
                    s.delete_journal_entry(Visibility::Shared, id).unwrap();
                    expected.journal.remove(&id.to_string());
                }
            }
            Op::Retire { replica, pick } => {
                let s = &mut replicas[replica];
                if let Some(id) = my_active_promises(s).get(pick % my_active_promises(s).len().max(1)) {
                    s.retire_promise(id).unwrap();
                    expected.retired.insert(id.to_string(), ());
                }
            }
            Op::Reflect { replica, prompt, body } => {
                let prompts: Vec<&str> =
                    mend_shared::guide::steps().iter().flat_map(|s| s.prompts.iter().map(|p| p.id)).collect();
                let r = replicas[replica]
                    .reflect(prompts[prompt % prompts.len()], &format!("answer {body}"))
                    .unwrap();
                expected.reflections.insert(format!("{}/{}", r.prompt, r.partner), r.text);
            }
            Op::NextDay => clock.advance(chrono::Duration::days(1)),
            Op::Merge { from, into } => merge(&mut replicas, from, into),
            Op::Deliver { from, into, seed } => deliver(&mut replicas, from, into, seed),
        }
    }
    // Everyone merges everyone, in the generated order, twice (the second pass settles chains).
    for _ in 0..2 {
        for &from in &final_order {
            for into in 0..REPLICAS {
                merge(&mut replicas, from, into);
            }
        }
    }
    let first = replicas[0].shared().clone();
    for s in &replicas[1..] {
        assert_eq!(s.shared(), &first, "replicas diverged");
    }
    let got_checkins: BTreeMap<_, _> =
        first.checkins.iter().map(|c| (format!("{}/{}", c.date, c.partner), c.clone())).collect();
    assert_eq!(got_checkins, expected.checkins, "a check-in was lost or changed");
    let got_outcomes: BTreeMap<_, _> =
        first.outcomes.iter().map(|o| (format!("{}/{}", o.promise, o.date), o.clone())).collect();
    assert_eq!(got_outcomes, expected.outcomes, "an outcome was lost or changed");
    let got_acks: BTreeMap<_, _> =
        first.acks.iter().map(|a| (format!("{}|{}", a.target, a.by), a.clone())).collect();
    assert_eq!(got_acks, expected.acks, "an acknowledgement was lost or changed");
    let got_journal: BTreeMap<_, _> =
        first.journal.iter().map(|e| (e.id.to_string(), e.body.clone())).collect();
    assert_eq!(got_journal, expected.journal, "a journal entry, edit or deletion was lost");
    let got_reflections: BTreeMap<_, _> =
        first.reflections.iter().map(|r| (format!("{}/{}", r.prompt, r.partner), r.text.clone())).collect();
    assert_eq!(got_reflections, expected.reflections, "a reflection was lost or changed");
    for id in expected.retired.keys() {
        assert_eq!(
            first.promises.get(id).map(|p| p.status),
            Some(PromiseStatus::Retired),
            "a retirement was lost"
        );
    }
    // Each replica's typed state also matches a fresh hydration of its document.
    for s in &mut replicas {
        let fresh = mend_shared::doc::SharedState::hydrate(s.shared_doc().unwrap()).unwrap();
        assert_eq!(&fresh, s.shared());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn replicas_converge_in_any_merge_order_and_lose_nothing(
        ops in proptest::collection::vec(op(), 1..80),
        final_order in Just((0..REPLICAS).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        run(ops, final_order);
    }
}
