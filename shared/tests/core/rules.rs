//! The rules between partners: nobody edits the other's words, acknowledgements point at the
//! other's records, and every refusal is specific and saves nothing.

use super::support::*;
use mend_shared::ids::{ApologyId, EntryId, PromiseId};
use mend_shared::model::*;
use mend_shared::session::Session;

fn paired() -> (Session, Session, TempFile, TempFile) {
    let clock = clock();
    let (mut a, fa) = session_named("Ana", clock.clone());
    let (mut b, fb) = session_named("Ben", clock);
    sync_pair(&mut a, &mut b);
    (a, b, fa, fb)
}

fn promise(s: &mut Session) -> Promise {
    s.create_promise(PromiseDraft {
        title: "Be home by seven".into(),
        why: String::new(),
        cadence: Cadence::Daily,
    })
    .unwrap()
}

#[test]
fn partners_see_each_other_after_exchanging_changes() {
    let (a, b, _fa, _fb) = paired();
    assert_eq!(a.partner().unwrap().name, "Ben");
    assert_eq!(b.partner().unwrap().name, "Ana");
    assert_eq!(a.shared(), b.shared());
}

#[test]
fn nobody_can_edit_retire_or_record_outcomes_on_the_others_promise() {
    let (mut a, mut b, _fa, _fb) = paired();
    let p = promise(&mut a);
    sync_pair(&mut a, &mut b);
    let draft = PromiseDraft { title: "changed".into(), why: String::new(), cadence: Cadence::Daily };
    let expected = ModelError::NotYourWords { what: "promise", owner: "Ana".into() };
    assert_eq!(b.edit_promise(&p.id, draft).unwrap_err().as_invalid(), Some(&expected));
    assert_eq!(b.retire_promise(&p.id).unwrap_err().as_invalid(), Some(&expected));
    let today = b.today();
    assert_eq!(
        b.record_outcome(&p.id, today, OutcomeKind::Missed, "").unwrap_err().as_invalid(),
        Some(&expected)
    );
    assert!(b.shared().outcomes.is_empty());
    assert_eq!(b.shared().promise(&p.id).unwrap().title, "Be home by seven");
}

#[test]
fn nobody_can_edit_or_delete_the_others_journal_entry_or_apology() {
    let (mut a, mut b, _fa, _fb) = paired();
    let e = a
        .add_journal_entry(Visibility::Shared, JournalDraft { body: "mine".into(), ..Default::default() })
        .unwrap();
    let draft = ApologyDraft {
        what_happened: "a".into(),
        impact: "b".into(),
        my_part: "c".into(),
        will_do: "d".into(),
    };
    let (apology, _) = a.apologize(draft.clone(), None).unwrap();
    sync_pair(&mut a, &mut b);
    let err = b
        .edit_journal_entry(
            Visibility::Shared,
            &e.id,
            JournalDraft { body: "x".into(), ..Default::default() },
        )
        .unwrap_err();
    assert_eq!(
        err.as_invalid(),
        Some(&ModelError::NotYourWords { what: "journal entry", owner: "Ana".into() })
    );
    assert!(b.delete_journal_entry(Visibility::Shared, &e.id).is_err());
    assert_eq!(
        b.edit_apology(&apology.id, draft).unwrap_err().as_invalid(),
        Some(&ModelError::NotYourWords { what: "apology", owner: "Ana".into() })
    );
    assert_eq!(b.shared().journal.get(e.id.as_str()).unwrap().body, "mine");
}

#[test]
fn acknowledgements_are_their_own_records_and_never_change_the_outcome() {
    let (mut a, mut b, _fa, _fb) = paired();
    let p = promise(&mut a);
    let today = a.today();
    let outcome = a.record_outcome(&p.id, today, OutcomeKind::Kept, "home at 6:50").unwrap();
    sync_pair(&mut a, &mut b);
    let target = AckTarget::Outcome { promise: p.id.clone(), date: today };
    b.acknowledge(target.clone(), AckKind::ThankYou, "it meant a lot").unwrap();
    b.acknowledge(target.clone(), AckKind::SeeItDifferently, "it was 7:10").unwrap();
    sync_pair(&mut a, &mut b);
    let acks: Vec<_> = a.shared().acks_of(&target).collect();
    assert_eq!(acks.len(), 1, "the latest acknowledgement per partner stands");
    assert_eq!(acks[0].kind, AckKind::SeeItDifferently);
    assert_eq!(a.shared().outcome(&p.id, today), Some(&outcome));
}

#[test]
fn nobody_can_acknowledge_their_own_record() {
    let (mut a, _b, _fa, _fb) = paired();
    let p = promise(&mut a);
    let err = a.acknowledge(AckTarget::Promise { promise: p.id }, AckKind::Seen, "").unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::OwnRecord { action: "acknowledge", what: "promise" }));
    assert!(a.shared().acks.is_empty());
}

#[test]
fn acknowledging_something_that_does_not_exist_names_what_is_missing() {
    let (mut a, _b, _fa, _fb) = paired();
    let ghost = PromiseId::random();
    let err = a.acknowledge(AckTarget::Promise { promise: ghost.clone() }, AckKind::Seen, "").unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::UnknownPromise(ghost.to_string())));
    let err = a.acknowledge(AckTarget::Journal { entry: EntryId::random() }, AckKind::Seen, "").unwrap_err();
    assert!(matches!(err.as_invalid(), Some(ModelError::UnknownRecord { what: "journal entry", .. })));
}

#[test]
fn outcomes_cannot_be_in_the_future_or_before_the_promise_began() {
    let (mut a, _b, _fa, _fb) = paired();
    let p = promise(&mut a);
    let today = a.today();
    let err = a.record_outcome(&p.id, today.plus_days(1), OutcomeKind::Kept, "").unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::DateInFuture { date: today.plus_days(1), today }));
    let err = a.record_outcome(&p.id, today.plus_days(-1), OutcomeKind::Kept, "").unwrap_err();
    assert_eq!(
        err.as_invalid(),
        Some(&ModelError::BeforePromiseStarted { date: today.plus_days(-1), starts: today })
    );
    let err = a.record_outcome(&PromiseId::random(), today, OutcomeKind::Kept, "").unwrap_err();
    assert!(matches!(err.as_invalid(), Some(ModelError::UnknownPromise(_))));
}

#[test]
fn only_the_other_partner_responds_to_an_apology_and_may_change_their_mind() {
    let (mut a, mut b, _fa, _fb) = paired();
    let draft = ApologyDraft {
        what_happened: "a".into(),
        impact: "b".into(),
        my_part: "c".into(),
        will_do: "d".into(),
    };
    let (apology, _) = a.apologize(draft, None).unwrap();
    sync_pair(&mut a, &mut b);
    let err = a.respond_to_apology(&apology.id, ResponseKind::HearYou, "").unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::OwnRecord { action: "respond to", what: "apology" }));
    b.respond_to_apology(&apology.id, ResponseKind::NotReadyYet, "").unwrap();
    b.respond_to_apology(&apology.id, ResponseKind::Words, "Thank you for saying it plainly.").unwrap();
    sync_pair(&mut a, &mut b);
    let r = a.shared().responses.get(apology.id.as_str()).unwrap();
    assert_eq!(r.kind, ResponseKind::Words);
    assert!(b.respond_to_apology(&ApologyId::random(), ResponseKind::HearYou, "").is_err());
}

#[test]
fn operations_before_onboarding_ask_for_a_profile_first() {
    let file = temp_file();
    let mut s = Session::open_with_clock(&file.path, clock()).unwrap();
    let err = s.save_checkin(CheckInDraft { mood: 3, trust: 3, ..Default::default() }).unwrap_err();
    assert_eq!(err.as_invalid(), Some(&ModelError::NoProfile));
    assert_eq!(err.to_string(), "set up your profile first");
}

#[test]
fn a_profile_is_created_once_and_a_name_is_validated() {
    let file = temp_file();
    let mut s = Session::open_with_clock(&file.path, clock()).unwrap();
    assert_eq!(
        s.create_profile("  ").unwrap_err().as_invalid(),
        Some(&ModelError::EmptyText { field: "name" })
    );
    s.create_profile("Ana").unwrap();
    assert_eq!(s.create_profile("Ana again").unwrap_err().as_invalid(), Some(&ModelError::ProfileExists));
    s.rename("Ana María").unwrap();
    assert_eq!(s.me().unwrap().name, "Ana María");
}

#[test]
fn an_unknown_guide_prompt_is_refused() {
    let (mut a, _b, _fa, _fb) = paired();
    assert_eq!(
        a.reflect("no-such-prompt", "text").unwrap_err().as_invalid(),
        Some(&ModelError::UnknownPrompt("no-such-prompt".into()))
    );
    let d = JournalDraft { body: "x".into(), prompt: Some("nope".into()), ..Default::default() };
    assert!(a.add_journal_entry(Visibility::Shared, d).is_err());
    assert!(a.shared().reflections.is_empty() && a.shared().journal.is_empty());
}
