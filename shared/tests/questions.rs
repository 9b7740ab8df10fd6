//! "Questions I need answered": asked by the partner who was hurt (or either, when both broke
//! trust or the part isn't said), answered by the other in their own time, withdrawn only by
//! the asker, each person's words changed only by them, and concurrent edits merged.

#[allow(dead_code)]
#[path = "core/support.rs"]
mod support;

use chrono::Duration;
use mend_shared::ids::ExerciseEntryId;
use mend_shared::model::{ModelError, Part, QuestionState};
use mend_shared::session::{Session, SessionError};
use support::*;

fn couple() -> (Session, Session, std::sync::Arc<mend_shared::time::ManualClock>, (TempFile, TempFile)) {
    let clock = clock();
    let (mut ana, fa) = session_named("Ana", clock.clone());
    let (mut ben, fb) = session_named("Ben", clock.clone());
    sync_pair(&mut ana, &mut ben);
    (ana, ben, clock, (fa, fb))
}

fn invalid(err: SessionError) -> ModelError {
    err.as_invalid().cloned().unwrap_or_else(|| panic!("expected a validation error, got {err}"))
}

fn state(s: &Session, id: &ExerciseEntryId) -> QuestionState {
    s.shared().question_state(s.shared().questions.get(id.as_str()).unwrap())
}

#[test]
fn a_question_stays_open_until_the_partner_answers_it_and_then_both_see_the_answer() {
    let (mut ana, mut ben, clock, _f) = couple();
    ben.choose_part(Part::Hurt).unwrap();
    let q = ben.ask_question("  Did you tell anyone else?  ").unwrap();
    assert_eq!(q.text, "Did you tell anyone else?");
    assert_eq!(q.withdrawn_at, None);
    sync_pair(&mut ana, &mut ben);
    clock.advance(Duration::days(20));
    assert_eq!(state(&ana, &q.id), QuestionState::Open, "open however long it waits");

    let answer = ana.answer_question(&q.id, "No. Nobody else knew.").unwrap();
    assert_eq!(answer.by, *ana.my_id().unwrap());
    sync_pair(&mut ana, &mut ben);
    for s in [&ana, &ben] {
        let listed = s.shared().questions_in_order();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].state, QuestionState::Answered);
        assert_eq!(listed[0].answer.unwrap().text, "No. Nobody else knew.");
    }
    // The answerer may revise their own answer.
    ana.answer_question(&q.id, "No. Nobody else knew, and I'm sorry it took me so long to say.").unwrap();
    sync_pair(&mut ana, &mut ben);
    assert!(ben.shared().answers.get(q.id.as_str()).unwrap().text.ends_with("so long to say."));
}

#[test]
fn only_the_asker_can_withdraw_or_reword_a_question_and_only_while_it_is_open() {
    let (mut ana, mut ben, _clock, _f) = couple();
    let first = ben.ask_question("Where were you that weekend?").unwrap();
    let second = ben.ask_question("Do you still talk to them?").unwrap();
    sync_pair(&mut ana, &mut ben);

    assert_eq!(
        invalid(ana.withdraw_question(&first.id).unwrap_err()),
        ModelError::NotYourWords { what: "question", owner: "Ben".into() }
    );
    assert_eq!(
        invalid(ana.reword_question(&first.id, "Something else?").unwrap_err()).to_string(),
        "only Ben can change their own question"
    );
    let reworded = ben.reword_question(&first.id, "Where were you the weekend of the 3rd?").unwrap();
    assert!(reworded.same_as_draft(" Where were you the weekend of the 3rd? "));

    ana.answer_question(&first.id, "At my sister's, and I lied about it.").unwrap();
    sync_pair(&mut ana, &mut ben);
    assert_eq!(invalid(ben.withdraw_question(&first.id).unwrap_err()), ModelError::QuestionAnswered);
    assert_eq!(
        invalid(ben.reword_question(&first.id, "Changed?").unwrap_err()),
        ModelError::QuestionAnswered
    );

    let withdrawn = ben.withdraw_question(&second.id).unwrap();
    assert!(withdrawn.withdrawn_at.is_some());
    sync_pair(&mut ana, &mut ben);
    for s in [&ana, &ben] {
        assert_eq!(state(s, &second.id), QuestionState::Withdrawn);
        assert_eq!(state(s, &first.id), QuestionState::Answered);
        assert_eq!(s.shared().questions.get(second.id.as_str()).unwrap().text, "Do you still talk to them?");
    }
    assert_eq!(
        invalid(ana.answer_question(&second.id, "No.").unwrap_err()).to_string(),
        "Ben withdrew this question, so it needs nothing more"
    );
    assert_eq!(
        invalid(ben.withdraw_question(&second.id).unwrap_err()),
        ModelError::QuestionWithdrawn { asker: "you".into() }
    );
}

#[test]
fn nobody_answers_their_own_question() {
    let (_ana, mut ben, _clock, _f) = couple();
    let q = ben.ask_question("Why then?").unwrap();
    assert_eq!(
        invalid(ben.answer_question(&q.id, "Because.").unwrap_err()),
        ModelError::OwnRecord { action: "answer", what: "question" }
    );
    assert!(ben.shared().answers.is_empty());
}

#[test]
fn the_partner_who_broke_trust_answers_and_every_other_part_may_ask() {
    let (mut ana, _ben, _clock, _f) = couple();
    ana.choose_part(Part::BrokeTrust).unwrap();
    let err = ana.ask_question("Can I ask something too?").unwrap_err();
    assert_eq!(invalid(err), ModelError::AnswersNotQuestions);
    assert!(ana.shared().questions.is_empty(), "nothing saved");
    for part in [Part::Hurt, Part::Both, Part::RatherNotSay] {
        ana.choose_part(part).unwrap();
        ana.ask_question(&format!("A question as {part}?")).unwrap();
    }
    assert_eq!(ana.shared().questions.len(), 3);
}

#[test]
fn bad_questions_and_answers_are_refused_with_the_field_named_and_nothing_saved() {
    let (mut ana, mut ben, _clock, _f) = couple();
    assert_eq!(
        invalid(ben.ask_question("   ").unwrap_err()),
        ModelError::EmptyText { field: "your question" }
    );
    assert_eq!(
        invalid(ben.ask_question(&"?".repeat(1_001)).unwrap_err()),
        ModelError::TooLong { field: "your question", len: 1_001, max: 1_000 }
    );
    assert_eq!(
        invalid(ben.ask_question("why\u{7}").unwrap_err()),
        ModelError::ControlCharacters { field: "your question" }
    );
    assert!(ben.shared().questions.is_empty());
    let q = ben.ask_question("Why?").unwrap();
    sync_pair(&mut ana, &mut ben);
    assert_eq!(
        invalid(ana.answer_question(&q.id, "\n ").unwrap_err()),
        ModelError::EmptyText { field: "your answer" }
    );
    let unknown = ExerciseEntryId::random();
    assert_eq!(
        invalid(ana.answer_question(&unknown, "Yes").unwrap_err()),
        ModelError::UnknownRecord { what: "question", id: unknown.to_string() }
    );
    assert!(ana.shared().answers.is_empty());
}

#[test]
fn a_rewording_and_an_answer_written_at_the_same_time_both_survive_the_merge() {
    let (mut ana, mut ben, _clock, _f) = couple();
    let q = ben.ask_question("Was it more than once?").unwrap();
    sync_pair(&mut ana, &mut ben);
    // Apart: Ben rewords while Ana answers; neither phone has seen the other's change.
    ben.reword_question(&q.id, "Was it more than once, and when did it stop?").unwrap();
    ana.answer_question(&q.id, "Twice. It stopped in March.").unwrap();
    sync_pair(&mut ana, &mut ben);
    for s in [&ana, &ben] {
        let listed = s.shared().questions_in_order();
        assert_eq!(listed[0].question.text, "Was it more than once, and when did it stop?");
        assert_eq!(listed[0].answer.unwrap().text, "Twice. It stopped in March.");
        assert_eq!(listed[0].state, QuestionState::Answered);
    }
    assert_eq!(ana.shared(), ben.shared(), "both phones agree");
}

#[test]
fn a_withdrawal_that_crosses_an_answer_keeps_the_answer_readable_on_both_phones() {
    let (mut ana, mut ben, _clock, _f) = couple();
    let q = ben.ask_question("Do you regret it?").unwrap();
    sync_pair(&mut ana, &mut ben);
    ben.withdraw_question(&q.id).unwrap();
    ana.answer_question(&q.id, "Every day.").unwrap();
    sync_pair(&mut ana, &mut ben);
    for s in [&ana, &ben] {
        let listed = s.shared().questions_in_order();
        assert_eq!(listed[0].state, QuestionState::Withdrawn);
        assert_eq!(listed[0].answer.map(|a| a.text.as_str()), Some("Every day."));
    }
    assert_eq!(ana.shared(), ben.shared());
}

#[test]
fn open_questions_come_first_then_answered_then_withdrawn_newest_first_within_each() {
    let (mut ana, mut ben, clock, _f) = couple();
    let old_open = ben.ask_question("First?").unwrap();
    clock.advance(Duration::hours(1));
    let answered = ben.ask_question("Second?").unwrap();
    clock.advance(Duration::hours(1));
    let withdrawn = ben.ask_question("Third?").unwrap();
    clock.advance(Duration::hours(1));
    let new_open = ben.ask_question("Fourth?").unwrap();
    ben.withdraw_question(&withdrawn.id).unwrap();
    sync_pair(&mut ana, &mut ben);
    ana.answer_question(&answered.id, "Yes.").unwrap();
    sync_pair(&mut ana, &mut ben);
    let order: Vec<&ExerciseEntryId> =
        ben.shared().questions_in_order().iter().map(|q| &q.question.id).collect();
    assert_eq!(order, [&new_open.id, &old_open.id, &answered.id, &withdrawn.id]);
}

#[test]
fn questions_and_answers_are_kept_across_reopening_the_phone() {
    let clock = clock();
    let (mut ben, file) = session_named("Ben", clock.clone());
    let q = ben.ask_question("Will you tell me when they write to you?").unwrap();
    drop(ben);
    let ben = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(ben.shared().questions.get(q.id.as_str()).unwrap().text, q.text);
}
