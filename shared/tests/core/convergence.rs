//! Replicas that edit independently and merge in any order end identical, with nothing lost.

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
    NextDay,
    Merge { from: usize, into: usize },
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
        1 => Just(Op::NextDay),
        3 => (r.clone(), r).prop_map(|(from, into)| Op::Merge { from, into }),
    ]
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
                let me = s.my_id().unwrap().clone();
                let mine: Vec<_> =
                    s.shared().promises.iter().filter(|p| p.owner == me).map(|p| p.id.clone()).collect();
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
                let me = s.my_id().unwrap().clone();
                let mine: Vec<_> =
                    s.shared().promises.iter().filter(|p| p.owner == me).map(|p| p.id.clone()).collect();
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
                replicas[replica]
                    .add_journal_entry(
                        Visibility::Shared,
                        JournalDraft { body: format!("entry {body}"), ..Default::default() },
                    )
                    .unwrap();
            }
            Op::NextDay => clock.advance(chrono::Duration::days(1)),
            Op::Merge { from, into } => merge(&mut replicas, from, into),
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
