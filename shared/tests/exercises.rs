//! The guide exercises between two partners: root-cause views (and the root-cause step's
//! reflection answers) revealed only once both have answered, weekly talks with replies from the
//! other partner only, notes changed by their author only, promises kept lately to thank the
//! partner for, apologies in order, journal search, and closing reflections.

#[allow(dead_code)]
#[path = "core/support.rs"]
mod support;

use chrono::Duration;
use mend_shared::doc::SharedState;
use mend_shared::guide::{self, AnswerReveal, StepId};
use mend_shared::ids::ExerciseEntryId;
use mend_shared::model::{
    AckKind, AckTarget, ApologyDraft, Cadence, JournalDraft, JournalEntry, ModelError, NoteKind, OutcomeKind,
    PromiseDraft, RootCauseFactor, Visibility,
};
use mend_shared::session::{PartnerView, Session};
use mend_shared::time::ManualClock;
use std::sync::Arc;
use support::*;

struct Couple {
    a: Session,
    b: Session,
    clock: Arc<ManualClock>,
    _files: (TempFile, TempFile),
}

/// Ana and Ben, paired and synced, on Monday 2026-05-04.
fn couple() -> Couple {
    let clock = clock();
    let (mut a, fa) = session_named("Ana", clock.clone());
    let (mut b, fb) = session_named("Ben", clock.clone());
    sync_pair(&mut a, &mut b);
    Couple { a, b, clock, _files: (fa, fb) }
}

fn invalid(err: mend_shared::session::SessionError) -> ModelError {
    err.as_invalid().cloned().unwrap_or_else(|| panic!("expected a validation error, got {err}"))
}

#[test]
fn a_root_cause_view_needs_a_factor_a_view_and_words_for_something_else() {
    let Couple { mut a, .. } = couple();
    assert_eq!(
        invalid(a.save_root_cause(&[], "", "We stopped talking.").unwrap_err()),
        ModelError::NoFactorChosen
    );
    assert_eq!(
        invalid(a.save_root_cause(&[RootCauseFactor::Other], "  ", "We stopped talking.").unwrap_err()),
        ModelError::WordsRequired("Something else")
    );
    assert_eq!(
        invalid(a.save_root_cause(&[RootCauseFactor::Betrayal], "", " ").unwrap_err()),
        ModelError::EmptyText { field: "your view" }
    );
    assert!(matches!(
        invalid(a.save_root_cause(&[RootCauseFactor::Other], &"x".repeat(301), "view").unwrap_err()),
        ModelError::TooLong { field: "what else you see", max: 300, .. }
    ));
    assert!(a.shared().root_causes.is_empty(), "nothing refused was saved");
}

#[test]
fn root_cause_factors_are_kept_once_each_in_the_order_the_app_offers_them() {
    let Couple { mut a, .. } = couple();
    let view = a
        .save_root_cause(
            &[
                RootCauseFactor::Misunderstanding,
                RootCauseFactor::PoorCommunication,
                RootCauseFactor::Misunderstanding,
            ],
            "words for an unchosen factor",
            "  We both stopped asking.  ",
        )
        .unwrap();
    assert_eq!(view.factors, vec![RootCauseFactor::PoorCommunication, RootCauseFactor::Misunderstanding]);
    assert_eq!(view.other, "", "words for \"something else\" are dropped when it isn't chosen");
    assert_eq!(view.view, "We both stopped asking.");
    let again =
        a.save_root_cause(&[RootCauseFactor::Other], "Work took everything", "I was never home.").unwrap();
    assert_eq!(a.shared().root_causes.len(), 1, "one view per partner, revised in place");
    assert_eq!(a.shared().root_causes.iter().next(), Some(&again));
}

#[test]
fn a_partners_root_cause_view_stays_hidden_until_both_have_answered_even_across_sync() {
    let Couple { mut a, mut b, .. } = couple();
    let ana = a.my_id().unwrap().clone();
    let ben = b.my_id().unwrap().clone();
    let r = a.shared().root_cause_reveal(&ana);
    assert_eq!((r.mine, r.partner), (None, PartnerView::NotYet));

    let anas = a.save_root_cause(&[RootCauseFactor::Betrayal], "", "I hid things from you.").unwrap();
    sync_pair(&mut a, &mut b);
    let r = a.shared().root_cause_reveal(&ana);
    assert_eq!((r.mine, r.partner), (Some(&anas), PartnerView::NotYet), "Ben hasn't answered yet");
    let r = b.shared().root_cause_reveal(&ben);
    assert_eq!(r.mine, None);
    assert_eq!(r.partner, PartnerView::HiddenUntilYouAnswer, "Ben answers before he reads Ana's view");

    let bens = b.save_root_cause(&[RootCauseFactor::PoorCommunication], "", "I stopped asking.").unwrap();
    let r = b.shared().root_cause_reveal(&ben);
    assert_eq!(
        (r.mine, r.partner),
        (Some(&bens), PartnerView::Revealed(&anas)),
        "revealed once both answered"
    );
    let r = a.shared().root_cause_reveal(&ana);
    assert_eq!(r.partner, PartnerView::NotYet, "Ana's phone hasn't received Ben's answer yet");

    sync_pair(&mut a, &mut b);
    let r = a.shared().root_cause_reveal(&ana);
    assert_eq!((r.mine, r.partner), (Some(&anas), PartnerView::Revealed(&bens)));
    let revised =
        a.save_root_cause(&[RootCauseFactor::Betrayal], "", "I hid things, and I'm sorry.").unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(b.shared().root_cause_reveal(&ben).partner, PartnerView::Revealed(&revised));
}

#[test]
fn a_weekly_talk_belongs_to_the_monday_of_this_week_and_is_revised_in_place() {
    let Couple { mut a, clock, .. } = couple();
    clock.advance(Duration::days(2)); // Wednesday 2026-05-06
    let talk = a.save_talk("Tired but hopeful.", "An evening without phones.").unwrap();
    assert_eq!(talk.week_of, day(2026, 5, 4));
    let revised = a.save_talk("Tired, and hopeful.", "A walk on Saturday.").unwrap();
    assert_eq!(a.shared().talks.len(), 1, "one talk per partner per week");
    assert_eq!(a.shared().talk(day(2026, 5, 10), a.my_id().unwrap()), Some(&revised));

    clock.advance(Duration::days(5)); // Monday 2026-05-11
    let next = a.save_talk("Lighter.", "More of the same.").unwrap();
    assert_eq!(next.week_of, day(2026, 5, 11));
    assert_eq!(a.shared().talks.len(), 2);
    assert_eq!(
        invalid(a.save_talk(" ", "something").unwrap_err()),
        ModelError::EmptyText { field: "what you felt" }
    );
}

#[test]
fn only_the_other_partner_replies_to_a_talk_and_only_to_one_that_exists() {
    let Couple { mut a, mut b, .. } = couple();
    let ana = a.my_id().unwrap().clone();
    let week = a.today();
    assert!(matches!(
        invalid(b.reply_to_talk(week, &ana, "I hear you.").unwrap_err()),
        ModelError::UnknownRecord { what: "weekly talk", .. }
    ));
    a.save_talk("Anxious on Tuesday.", "A call at lunch.").unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(
        invalid(a.reply_to_talk(week, &ana, "Replying to myself").unwrap_err()),
        ModelError::OwnRecord { action: "reply to", what: "weekly talk" }
    );
    b.reply_to_talk(week.plus_days(3), &ana, "I can call at 12:30.").unwrap();
    let reply = b.reply_to_talk(week, &ana, "I'll call at 12:30, every day.").unwrap();
    assert_eq!(reply.week_of, week, "any day of the week finds the week's talk");
    assert_eq!(b.shared().talk_replies.len(), 1, "replying again replaces the earlier reply");
    sync_pair(&mut a, &mut b);
    assert_eq!(a.shared().talk_replies.iter().next(), Some(&reply));
}

#[test]
fn talks_are_listed_by_week_newest_first_with_replies_side_by_side() {
    let Couple { mut a, mut b, clock, .. } = couple();
    let (ana, ben) = (a.my_id().unwrap().clone(), b.my_id().unwrap().clone());
    let first_week = a.today();
    let anas = a.save_talk("Unsure.", "Patience.").unwrap();
    let bens = b.save_talk("Hopeful.", "Honesty.").unwrap();
    sync_pair(&mut a, &mut b);
    let reply = b.reply_to_talk(first_week, &ana, "I can be patient.").unwrap();
    clock.advance(Duration::days(7));
    let later = a.save_talk("Steadier.", "Keep going.").unwrap();
    sync_pair(&mut a, &mut b);

    let weeks = a.shared().talks_by_week(&ana);
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].week_of, first_week.plus_days(7));
    assert_eq!(weeks[0].mine.map(|t| t.talk), Some(&later));
    assert!(weeks[0].partner.is_none());
    assert_eq!(weeks[1].mine.map(|t| (t.talk, t.reply)), Some((&anas, Some(&reply))));
    assert_eq!(weeks[1].partner.map(|t| (t.talk, t.reply)), Some((&bens, None)));
    let from_ben = b.shared().talks_by_week(&ben);
    assert_eq!(from_ben[1].mine.map(|t| t.talk), Some(&bens), "each phone sees its own side as mine");
}

#[test]
fn notes_are_changed_or_deleted_only_by_their_author() {
    let Couple { mut a, mut b, .. } = couple();
    let note = a.add_note(NoteKind::Disclosure, "I still check my phone when I'm anxious.").unwrap();
    sync_pair(&mut a, &mut b);
    let not_yours = ModelError::NotYourWords { what: "note", owner: "Ana".into() };
    assert_eq!(invalid(b.edit_note(&note.id, "changed").unwrap_err()), not_yours);
    assert_eq!(invalid(b.delete_note(&note.id).unwrap_err()), not_yours);
    assert_eq!(b.shared().notes.get(note.id.as_str()), Some(&note));

    let edited = a.edit_note(&note.id, "I still reach for my phone when I'm anxious.").unwrap();
    assert_eq!((edited.created_at, edited.kind), (note.created_at, NoteKind::Disclosure));
    a.delete_note(&note.id).unwrap();
    assert!(a.shared().notes.is_empty());
    assert!(matches!(
        invalid(a.edit_note(&ExerciseEntryId::random(), "x").unwrap_err()),
        ModelError::UnknownRecord { what: "note", .. }
    ));
    assert_eq!(
        invalid(a.add_note(NoteKind::SupportRequest, "").unwrap_err()),
        ModelError::EmptyText { field: "your note" }
    );
}

#[test]
fn a_disclosure_is_always_the_writers_own_choice_and_the_partner_can_only_acknowledge_it() {
    let Couple { mut a, mut b, .. } = couple();
    let ana = a.my_id().unwrap().clone();
    let note = a.add_note(NoteKind::Disclosure, "I want you to know I deleted that app.").unwrap();
    assert_eq!(note.author, ana, "a disclosure is written by the one who shares it");
    sync_pair(&mut a, &mut b);
    b.acknowledge(AckTarget::Note { entry: note.id.clone() }, AckKind::ThankYou, "Thank you for telling me.")
        .unwrap();
    assert_eq!(
        invalid(a.acknowledge(AckTarget::Note { entry: note.id.clone() }, AckKind::Seen, "").unwrap_err()),
        ModelError::OwnRecord { action: "acknowledge", what: "note" }
    );
    sync_pair(&mut a, &mut b);
    let listed = a.shared().notes_of_kind(NoteKind::Disclosure);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].note, &note, "the partner's thank-you never changes the note");
    assert_eq!(listed[0].acks.iter().map(|a| a.kind).collect::<Vec<_>>(), vec![AckKind::ThankYou]);
}

#[test]
fn support_requests_are_listed_newest_first_with_the_partners_thank_you() {
    let Couple { mut a, mut b, clock, .. } = couple();
    let first = a.add_note(NoteKind::SupportRequest, "This week I need a quiet evening.").unwrap();
    clock.advance(Duration::hours(1));
    let second = a.add_note(NoteKind::SupportRequest, "This week I need you to ask how I am.").unwrap();
    a.add_note(NoteKind::Disclosure, "Not a request.").unwrap();
    sync_pair(&mut a, &mut b);
    b.acknowledge(AckTarget::Note { entry: first.id.clone() }, AckKind::ThankYou, "").unwrap();
    sync_pair(&mut a, &mut b);
    let requests = a.shared().notes_of_kind(NoteKind::SupportRequest);
    let listed: Vec<_> = requests.iter().map(|n| (n.note.id.clone(), n.acks.len())).collect();
    assert_eq!(listed, vec![(second.id, 0), (first.id, 1)]);
}

#[test]
fn each_partner_writes_and_revises_their_own_closing_reflection() {
    let Couple { mut a, mut b, .. } = couple();
    a.save_closing_reflection("We are kinder now.").unwrap();
    let revised = a.save_closing_reflection("We are kinder, and slower to assume.").unwrap();
    let bens = b.save_closing_reflection("I trust the small things again.").unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(a.shared().closings.len(), 2);
    assert_eq!(b.shared().closing_of(a.my_id().unwrap()), Some(&revised));
    assert_eq!(a.shared().closing_of(b.my_id().unwrap()), Some(&bens));
    assert_eq!(
        invalid(a.save_closing_reflection("\u{0}").unwrap_err()),
        ModelError::ControlCharacters { field: "your closing reflection" }
    );
}

#[test]
fn exercise_records_survive_reopening_the_data_file() {
    let clock = clock();
    let (mut a, file) = session_named("Ana", clock.clone());
    a.save_root_cause(&[RootCauseFactor::Misunderstanding], "", "We misread each other.").unwrap();
    a.save_talk("Calm.", "Time.").unwrap();
    a.add_note(NoteKind::SupportRequest, "A hug.").unwrap();
    a.save_closing_reflection("Grateful.").unwrap();
    let before = a.shared().clone();
    drop(a);
    let reopened = Session::open_with_clock(&file.path, clock).unwrap();
    assert_eq!(reopened.shared(), &before);
}

// --- reflections ------------------------------------------------------------------------------

#[test]
fn a_partners_root_cause_reflection_stays_hidden_until_i_have_answered_the_same_prompt() {
    let Couple { mut a, mut b, .. } = couple();
    let (ana, ben) = (a.my_id().unwrap().clone(), b.my_id().unwrap().clone());
    let prompt = "root-cause.what-happened";
    assert_eq!(b.shared().partner_reflection(prompt, &ben), PartnerView::NotYet);

    let anas = a.reflect(prompt, "Trust broke when I hid the debt.").unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(b.shared().partner_reflection(prompt, &ben), PartnerView::HiddenUntilYouAnswer);
    assert_eq!(a.shared().partner_reflection(prompt, &ana), PartnerView::NotYet, "Ben hasn't answered");

    b.reflect("root-cause.my-part", "I stopped asking how you were.").unwrap();
    assert_eq!(
        b.shared().partner_reflection(prompt, &ben),
        PartnerView::HiddenUntilYouAnswer,
        "answering another question doesn't open this one"
    );
    b.reflect(prompt, "We stopped talking about money.").unwrap();
    assert_eq!(b.shared().partner_reflection(prompt, &ben), PartnerView::Revealed(&anas));
    sync_pair(&mut a, &mut b);
    let bens = b.shared().reflection_of(prompt, &ben).unwrap().clone();
    assert_eq!(a.shared().partner_reflection(prompt, &ana), PartnerView::Revealed(&bens));
}

#[test]
fn a_partners_reflection_on_other_steps_shows_as_soon_as_it_arrives() {
    let Couple { mut a, mut b, .. } = couple();
    let ben = b.my_id().unwrap().clone();
    let anas = a.reflect("time.patience", "Remembering how far we've come.").unwrap();
    sync_pair(&mut a, &mut b);
    assert_eq!(b.shared().reflection_of("time.patience", &ben), None, "Ben hasn't answered");
    assert_eq!(b.shared().partner_reflection("time.patience", &ben), PartnerView::Revealed(&anas));
    assert_eq!(b.shared().partner_reflection("no-such.prompt", &ben), PartnerView::NotYet);
}

#[test]
fn only_the_root_cause_step_keeps_answers_until_both_have_answered() {
    for step in guide::steps() {
        let expected = if step.id == StepId::RootCause {
            AnswerReveal::OnceIHaveAnswered
        } else {
            AnswerReveal::Immediately
        };
        assert_eq!(step.reveal, expected, "{}", step.id);
    }
}

#[test]
fn a_saved_answer_has_nothing_unsaved_when_the_form_holds_what_a_save_would_store() {
    let Couple { mut a, .. } = couple();
    let saved = a.reflect("time.patience", "  Slow days.\r\nGood days.  ").unwrap();
    assert!(saved.same_as_draft("Slow days.\nGood days."));
    assert!(saved.same_as_draft(" Slow days.\r\nGood days.\n"), "the same words once cleaned");
    assert!(!saved.same_as_draft("Slow days."));
    assert!(!saved.same_as_draft(""), "an answer that can't be saved is a change not saved yet");
}

// --- promises kept lately --------------------------------------------------------------------

#[test]
fn promises_kept_lately_are_my_partners_kept_marks_of_the_last_two_weeks_newest_first() {
    let Couple { mut a, mut b, clock, .. } = couple();
    let start = day(2026, 5, 4);
    let daily =
        |title: &str| PromiseDraft { title: title.into(), why: String::new(), cadence: Cadence::Daily };
    let home = a.create_promise(daily("Home by seven")).unwrap();
    let mine = b.create_promise(daily("Call on Sundays")).unwrap();
    clock.advance(Duration::days(20));
    for (day_no, kind) in
        [(0, OutcomeKind::Kept), (6, OutcomeKind::Kept), (7, OutcomeKind::Kept), (10, OutcomeKind::Missed)]
    {
        a.record_outcome(&home.id, start.plus_days(day_no), kind, "").unwrap();
    }
    a.record_outcome(&home.id, start.plus_days(12), OutcomeKind::Partial, "").unwrap();
    a.record_outcome(&home.id, start.plus_days(19), OutcomeKind::Kept, "on time").unwrap();
    b.record_outcome(&mine.id, start.plus_days(19), OutcomeKind::Kept, "").unwrap();
    sync_pair(&mut a, &mut b);

    let ben = b.my_id().unwrap().clone();
    let today = b.today();
    let kept: Vec<_> = b.shared().partner_kept_lately(&ben, today).iter().map(|m| m.outcome.date).collect();
    assert_eq!(SharedState::KEPT_LATELY_DAYS, 14);
    assert_eq!(today, start.plus_days(20));
    assert_eq!(
        kept,
        vec![start.plus_days(19), start.plus_days(7)],
        "kept only (not partly kept or missed), Ana's only, and only the 14 days up to today"
    );
    let ana = a.my_id().unwrap().clone();
    assert_eq!(a.shared().partner_kept_lately(&ana, today).len(), 1, "Ana sees Ben's one kept mark");
}

// --- apologies and the journal ---------------------------------------------------------------

fn apology(what: &str) -> ApologyDraft {
    ApologyDraft {
        what_happened: what.into(),
        impact: "You felt alone.".into(),
        my_part: "I went quiet.".into(),
        will_do: "Say when I need space.".into(),
    }
}

#[test]
fn apologies_are_listed_newest_first_on_both_phones() {
    let Couple { mut a, mut b, clock, .. } = couple();
    let (first, _) = a.apologize(apology("First"), None).unwrap();
    clock.advance(Duration::hours(2));
    let (second, _) = b.apologize(apology("Second"), None).unwrap();
    clock.advance(Duration::hours(2));
    let (third, _) = a.apologize(apology("Third"), None).unwrap();
    sync_pair(&mut a, &mut b);
    let order =
        |s: &Session| s.shared().apologies_newest_first().iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(order(&a), vec![third.id, second.id, first.id]);
    assert_eq!(order(&a), order(&b));
}

#[test]
fn journal_search_matches_titles_and_words_ignoring_case_newest_first() {
    let Couple { mut a, clock, .. } = couple();
    let mut write = |title: &str, body: &str| {
        clock.advance(Duration::minutes(5));
        let draft = JournalDraft { title: title.into(), body: body.into(), ..Default::default() };
        a.add_journal_entry(Visibility::Private, draft).unwrap()
    };
    let walk = write("Sunday walk", "We talked about the river.");
    let dinner = write("Dinner", "The RIVER restaurant again.");
    let other = write("", "Nothing to do with it.");
    let german = write("Größer", "Ein RUHIGER Abend");
    assert!(
        german.matches_search("größer") && german.matches_search(" ruhiger ") && german.matches_search("")
    );
    assert!(!german.matches_search("morgen"));
    let all: Vec<&JournalEntry> = a.private().journal.iter().collect();
    let ids = |found: Vec<&JournalEntry>| found.into_iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(JournalEntry::search(all.clone(), "  river ")), vec![dinner.id.clone(), walk.id.clone()]);
    assert_eq!(ids(JournalEntry::search(all.clone(), "sunday")), vec![walk.id.clone()], "titles count");
    assert_eq!(ids(JournalEntry::search(all.clone(), "   ")), vec![german.id, other.id, dinner.id, walk.id]);
    assert!(JournalEntry::search(all, "holiday").is_empty());
}
