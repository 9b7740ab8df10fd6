//! Today: the daily check-in, my promises due today, and my partner's check-in and marks.

use crate::support::{Screen, TestPhone, monday, sync};
use mend_shared::model::{AckKind, AckTarget, Cadence, CheckInDraft, OutcomeKind, PromiseDraft};

fn promise(phone: &TestPhone, title: &str, cadence: Cadence) -> mend_shared::ids::PromiseId {
    let draft = PromiseDraft { title: title.into(), why: String::new(), cadence };
    phone.phone.edit(|s| s.create_promise(draft)).unwrap().id
}

#[test]
fn today_starts_empty_with_a_check_in_that_waits_for_a_mood() {
    let ana = TestPhone::named("Ana");
    let screen = Screen::new(&ana.phone);
    assert!(screen.shows("Monday, May 4"));
    assert!(screen.tag("checkin-save").contains("disabled"));
    assert!(screen.shows("Choose a mood to save your check-in."));
    assert_eq!(screen.text("checkin-save"), "Save check-in");
    assert!(screen.shows("Nothing due today."));
    assert!(screen.shows("When you pair with your partner"));
    for mood in 1..=5 {
        assert!(screen.tag(&format!("mood-{mood}")).contains(r#"aria-pressed="false""#));
    }
    assert!(screen.html().contains(r#"<label for="trust">"#), "the slider has a label");
}

#[test]
fn a_check_in_is_saved_then_edited_in_place_all_day() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    screen.click("mood-4");
    assert!(screen.tag("mood-4").contains(r#"aria-pressed="true""#));
    screen.input("trust", "7");
    screen.input("feel", "hopeful ");
    screen.input("appreciate", "the tea this morning");
    screen.click("checkin-save");

    let saved = ana.with(|s| s.shared().checkin(s.today(), s.my_id().unwrap()).cloned()).unwrap();
    assert_eq!((saved.mood, saved.trust), (4, 7));
    assert_eq!(saved.feel, "hopeful", "stored trimmed");
    assert_eq!(saved.appreciate, "the tea this morning");
    assert_eq!(screen.text("checkin-status"), "Saved");
    assert_eq!(screen.text("checkin-save"), "Update check-in");

    ana.clock.advance(chrono::Duration::hours(5));
    screen.click("mood-2");
    assert_eq!(screen.text("checkin-status"), "Changes not saved yet");
    screen.click("checkin-save");
    assert_eq!(screen.text("checkin-status"), "Saved");
    let checkins = ana.with(|s| s.shared().checkins.iter().cloned().collect::<Vec<_>>());
    assert_eq!(checkins.len(), 1, "one check-in per day, edited in place");
    assert_eq!(checkins[0].mood, 2);
    assert_eq!(checkins[0].feel, "hopeful");
}

#[test]
fn a_check_in_opens_with_todays_saved_answers() {
    let ana = TestPhone::named("Ana");
    let draft = CheckInDraft { mood: 3, trust: 6, need: "a walk".into(), ..Default::default() };
    ana.phone.edit(|s| s.save_checkin(draft)).unwrap();
    let screen = Screen::new(&ana.phone);
    assert!(screen.tag("mood-3").contains(r#"aria-pressed="true""#));
    assert!(screen.tag("trust").contains(r#"value="6""#));
    assert!(screen.tag("need").contains(r#"value="a walk""#));
    assert_eq!(screen.text("checkin-status"), "Saved");
}

#[test]
fn an_over_long_answer_is_refused_next_to_its_field_and_nothing_is_saved() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    screen.click("mood-3");
    screen.input("need", &"x".repeat(501));
    screen.click("checkin-save");
    assert_eq!(screen.text("need-error"), "what you need is too long: 501 characters, the limit is 500");
    assert!(screen.tag("need").contains(r#"aria-invalid="true""#));
    assert!(!screen.has("feel-error"));
    assert!(ana.with(|s| s.shared().checkins.is_empty()), "nothing half-saved");
}

#[test]
fn my_promises_due_today_are_marked_with_a_note_in_kind_words() {
    let ana = TestPhone::named("Ana");
    let id = promise(&ana, "Text when I'm running late", Cadence::Daily);
    let mut screen = Screen::new(&ana.phone);
    assert!(screen.shows("Text when I'm running late"));
    assert!(!screen.shows("Nothing due today."));
    assert_eq!(screen.text(&format!("outcome-{id}-missed")), "Not this time");

    screen.input(&format!("outcome-note-{id}"), "texted, but late");
    screen.click(&format!("outcome-{id}-partial"));
    let outcome = ana.with(|s| s.shared().outcome(&id, monday()).cloned()).unwrap();
    assert_eq!((outcome.kind, outcome.note.as_str()), (OutcomeKind::Partial, "texted, but late"));
    assert!(screen.tag(&format!("outcome-{id}-partial")).contains(r#"aria-pressed="true""#));
    assert!(screen.shows("Marked “Partly” for today"));

    screen.click(&format!("outcome-{id}-missed"));
    assert!(screen.shows("Marked “Not this time” for today"));
    assert_eq!(ana.with(|s| s.shared().outcomes.len()), 1, "one mark per day, replaced");
    let page = screen.page().to_lowercase();
    for harsh in ["failed", "failure", "streak", "lost"] {
        assert!(!page.contains(harsh), "no {harsh:?} on Today");
    }
}

#[test]
fn a_weekly_promise_shows_how_far_this_week_has_come_and_rests_once_met() {
    let ana = TestPhone::named("Ana");
    let id = promise(&ana, "Walk together", Cadence::PerWeek { times: 2 });
    let screen = Screen::new(&ana.phone);
    assert!(screen.shows("2 times a week · 0 of 2 this week"));
    drop(screen);
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Kept, "")).unwrap();
    ana.advance_days(1);
    ana.phone.edit(|s| s.record_outcome(&id, s.today(), OutcomeKind::Kept, "")).unwrap();
    ana.advance_days(1);
    let screen = Screen::new(&ana.phone);
    assert!(screen.shows("Nothing due today."), "twice this week already");
}

#[test]
fn my_partners_check_in_and_marks_show_and_can_be_acknowledged() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    let draft = CheckInDraft { mood: 4, trust: 6, feel: "hopeful".into(), ..Default::default() };
    ana.phone.edit(|s| s.save_checkin(draft)).unwrap();
    let id = promise(&ana, "Phone down at dinner", Cadence::Daily);
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Kept, "all evening")).unwrap();
    sync(&ana, &ben);

    let mut screen = Screen::new(&ben.phone);
    assert!(screen.shows("Ana's check-in"));
    assert_eq!(screen.text("partner-mood"), "4 · Good");
    assert_eq!(screen.text("partner-trust"), "6 / 10");
    assert!(screen.shows("hopeful"));
    assert!(screen.shows("Ana's promises lately"));
    assert!(screen.shows("1 new"));
    assert!(screen.shows("“all evening”"));
    assert!(!screen.has(&format!("outcome-{id}-kept")), "I can't mark my partner's promise");

    screen.click("ack-checkin-thanks");
    assert!(screen.shows("You replied “Thank you”"));
    let mark = format!("{id}-{}", monday());
    screen.input(&format!("ack-note-{mark}"), "I noticed, thank you");
    screen.click(&format!("ack-{mark}-differ"));
    assert!(!screen.shows("1 new"), "the mark is no longer new once I replied");

    let me = ben.with(|s| s.my_id().unwrap().clone());
    let partner = ana.with(|s| s.my_id().unwrap().clone());
    let acks = ben.with(|s| s.shared().acks.iter().cloned().collect::<Vec<_>>());
    assert_eq!(acks.len(), 2);
    let checkin = AckTarget::CheckIn { partner, date: monday() };
    let on_checkin = acks.iter().find(|a| a.target == checkin).unwrap();
    assert_eq!((on_checkin.kind, &on_checkin.by), (AckKind::ThankYou, &me));
    let on_mark = acks.iter().find(|a| matches!(a.target, AckTarget::Outcome { .. })).unwrap();
    assert_eq!((on_mark.kind, on_mark.note.as_str()), (AckKind::SeeItDifferently, "I noticed, thank you"));

    sync(&ana, &ben);
    assert_eq!(ana.with(|s| s.shared().acks.len()), 2, "Ana receives both replies");
}

#[test]
fn a_partner_who_has_not_checked_in_is_described_gently() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    let screen = Screen::new(&ben.phone);
    assert!(screen.shows("Ana hasn't checked in yet today."));
    assert!(screen.shows("Nothing new from Ana in the last few days."));
}

#[test]
fn an_over_long_note_on_a_mark_is_refused_at_the_note_and_nothing_is_saved() {
    let ana = TestPhone::named("Ana");
    let id = promise(&ana, "Text when I'm running late", Cadence::Daily);
    let mut screen = Screen::new(&ana.phone);
    screen.input(&format!("outcome-note-{id}"), &"late again ".repeat(50));
    screen.click(&format!("outcome-{id}-kept"));
    assert_eq!(
        screen.text(&format!("outcome-note-{id}-error")),
        "the note is too long: 549 characters, the limit is 500"
    );
    assert!(screen.tag(&format!("outcome-note-{id}")).contains(r#"aria-invalid="true""#));
    assert!(!screen.has(&format!("outcome-{id}-error")), "the error sits at the note, not the form");
    assert!(ana.with(|s| s.shared().outcomes.is_empty()), "no mark without its note");
}

#[test]
fn an_over_long_note_with_a_reply_is_refused_at_the_note_and_nothing_is_sent() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    ana.phone.edit(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() })).unwrap();
    sync(&ana, &ben);
    let mut screen = Screen::new(&ben.phone);
    screen.input("ack-note-checkin", &"x".repeat(501));
    screen.click("ack-checkin-thanks");
    assert_eq!(
        screen.text("ack-note-checkin-error"),
        "the note is too long: 501 characters, the limit is 500"
    );
    assert!(!screen.has("ack-checkin-error"));
    assert!(ben.with(|s| s.shared().acks.is_empty()), "no reply without its note");
    screen.input("ack-note-checkin", "Thank you for telling me");
    screen.click("ack-checkin-thanks");
    assert!(!screen.has("ack-note-checkin-error"));
    assert_eq!(ben.with(|s| s.shared().acks.len()), 1);
}

#[test]
fn a_check_in_form_left_open_past_midnight_saves_to_the_day_it_was_for() {
    let ana = TestPhone::named("Ana");
    let mut screen = Screen::new(&ana.phone);
    screen.click("mood-2");
    screen.input("feel", "tired after a long Monday");
    // Midnight passes while the form is open.
    ana.clock.advance(chrono::Duration::hours(13));
    assert_eq!(ana.with(|s| s.today()), monday().plus_days(1));
    screen.click("checkin-save");
    let me = ana.with(|s| s.my_id().unwrap().clone());
    let monday_checkin = ana.with(|s| s.shared().checkin(monday(), &me).cloned()).unwrap();
    assert_eq!((monday_checkin.mood, monday_checkin.feel.as_str()), (2, "tired after a long Monday"));
    assert!(ana.with(|s| s.shared().checkin(s.today(), &me).is_none()), "Tuesday stays unanswered");
    assert!(screen.text("checkin-moved-on").starts_with("Saved for Monday, May 4"));
    assert!(screen.tag("mood-2").contains(r#"aria-pressed="false""#), "a fresh form for Tuesday");
    assert!(screen.tag("feel").contains(r#"value="""#));
    assert!(screen.tag("checkin-save").contains("disabled"));
    screen.click("mood-4");
    screen.click("checkin-save");
    assert_eq!(ana.with(|s| s.shared().checkin(s.today(), &me).map(|c| c.mood)), Some(4));
    assert_eq!(ana.with(|s| s.shared().checkins.len()), 2);
}

#[tokio::test]
async fn a_form_opened_yesterday_says_which_day_it_is_for_once_the_screen_redraws() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    let mut screen = Screen::new(&ana.phone);
    screen.click("mood-3");
    ana.clock.advance(chrono::Duration::hours(13));
    // Anything that redraws the screen after midnight, here a change from Ben.
    ben.advance_days(1);
    ben.phone.edit(|s| s.save_checkin(CheckInDraft { mood: 5, trust: 9, ..Default::default() })).unwrap();
    crate::support::send(&ben, &ana);
    screen.settle().await;
    assert!(screen.text("checkin-day").contains("still for Monday, May 4"));
}

#[test]
fn after_unpairing_the_partners_things_stay_as_a_past_copy_without_replies() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    ana.phone.edit(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() })).unwrap();
    let id = promise(&ana, "Phone down at dinner", Cadence::Daily);
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Kept, "")).unwrap();
    sync(&ana, &ben);
    ben.keys().forget().unwrap();
    let mut screen = Screen::new(&ben.phone);
    let past = screen.text("past-partner-today");
    assert!(past.contains("not paired with Ana now") && past.contains("nothing new arrives"), "{past}");
    assert!(!screen.has("ack-checkin-thanks"), "no reply that could never arrive");
    assert!(!screen.shows("Ana hasn't checked in yet today."));
    // Ana's promise and its history stay visible, without reply buttons.
    screen.click("tab-promises");
    assert!(screen.text("theirs-note").contains("copy from before you unpaired"));
    screen.click(&format!("promise-{id}"));
    assert!(screen.shows("Latest marks"));
    assert!(!screen.has(&format!("ack-{id}-2026-05-04-seen")));
}

#[test]
fn paired_before_the_partner_has_synced_says_their_things_come_later() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    crate::support::pair(&ana, &ben);
    let screen = Screen::new(&ana.phone);
    assert!(screen.text("partner-waiting").contains("once their phone syncs"));
}
