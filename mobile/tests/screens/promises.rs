//! Promises: mine and my partner's with how consistently each is kept; making new ones.

use crate::support::{Screen, TestPhone, monday, sync};
use mend_shared::model::{Cadence, OutcomeKind, PromiseDraft};

fn open_promises(phone: &TestPhone) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("tab-promises");
    screen
}

#[test]
fn the_list_starts_empty_with_a_gentle_example() {
    let ana = TestPhone::named("Ana");
    let screen = open_promises(&ana);
    assert!(screen.shows("No promises yet."));
    assert!(screen.shows("Phone down at dinner"));
    assert!(screen.has("mine-title"));
    assert!(!screen.has("theirs-title"), "no partner section before pairing");
}

#[test]
fn an_empty_promise_is_refused_next_to_its_title_and_nothing_is_saved() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_promises(&ana);
    screen.click("promise-new");
    screen.click("promise-save");
    assert_eq!(screen.text("promise-title-error"), "the promise can't be empty");
    assert!(screen.tag("promise-title").contains(r#"aria-invalid="true""#));
    assert!(ana.with(|s| s.shared().promises.is_empty()));
    assert!(screen.has("promise-save"), "the form stays open with what was typed");
}

#[test]
fn a_new_weekly_promise_is_saved_and_listed_with_its_cadence() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_promises(&ana);
    screen.click("promise-new");
    screen.input("promise-title", "Walk together after dinner");
    screen.input("promise-why", "It's when we talk best.");
    screen.click("cadence-weekly");
    screen.change("promise-times", "2");
    screen.click("promise-save");

    let promises = ana.with(|s| s.shared().promises.iter().cloned().collect::<Vec<_>>());
    assert_eq!(promises.len(), 1);
    assert_eq!(promises[0].cadence, Cadence::PerWeek { times: 2 });
    assert_eq!(promises[0].why, "It's when we talk best.");
    assert!(!screen.has("promise-save"), "the form closes");
    let card = screen.text(&format!("promise-{}", promises[0].id));
    assert!(card.contains("Walk together after dinner"), "{card}");
    assert!(card.contains("2 times a week"), "{card}");
    assert!(card.contains("Just started"), "{card}");
    // A button may hold only phrasing content: no <div> inside the card.
    let html = screen.html();
    let at = html.find(&format!(r#"id="promise-{}""#, promises[0].id)).unwrap();
    let inside = &html[at..at + html[at..].find("</button>").unwrap()];
    assert!(!inside.contains("<div") && !inside.contains("<p"), "{inside}");
}

#[test]
fn a_one_off_promise_needs_a_date_that_has_not_passed() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_promises(&ana);
    screen.click("promise-new");
    screen.input("promise-title", "Book the counselor");
    screen.click("cadence-once");
    assert!(screen.tag("promise-due").contains(r#"value="2026-05-11""#), "a week from today to start");
    screen.input("promise-due", "");
    screen.click("promise-save");
    assert_eq!(screen.text("promise-due-error"), "choose the date to keep it by");
    screen.input("promise-due", "2026-05-01");
    screen.click("promise-save");
    assert!(screen.text("promise-due-error").contains("has already passed"));
    assert!(ana.with(|s| s.shared().promises.is_empty()));
    screen.input("promise-due", "2026-05-20");
    screen.click("promise-save");
    let p = ana.with(|s| s.shared().promises.iter().next().cloned()).unwrap();
    assert_eq!(p.cadence, Cadence::OneOff { due: "2026-05-20".parse().unwrap() });
}

#[test]
fn cancelling_the_form_saves_nothing() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_promises(&ana);
    screen.click("promise-new");
    screen.input("promise-title", "Half a thought");
    screen.click("promise-cancel");
    assert!(screen.has("promise-new"));
    assert!(ana.with(|s| s.shared().promises.is_empty()));
}

#[test]
fn my_partners_promises_are_listed_with_their_strength_and_run() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    let draft =
        PromiseDraft { title: "Phone down at dinner".into(), why: String::new(), cadence: Cadence::Daily };
    let id = ana.phone.edit(|s| s.create_promise(draft)).unwrap().id;
    ana.advance_days(9);
    ben.advance_days(9);
    for d in 0..10 {
        ana.phone.edit(|s| s.record_outcome(&id, monday().plus_days(d), OutcomeKind::Kept, "")).unwrap();
    }
    sync(&ana, &ben);

    let screen = open_promises(&ben);
    assert_eq!(screen.text("theirs-title"), "Ana's");
    let card = screen.text(&format!("promise-{id}"));
    assert!(card.contains("Consistency 100%"), "{card}");
    assert!(card.contains("Current run: 10 days"), "{card}");
    assert_eq!(screen.text("mine-title"), "Yours");
    assert!(screen.shows("No promises yet."), "Ben has none of his own");
}

#[test]
fn one_miss_after_a_long_run_leaves_the_strength_high_and_the_words_kind() {
    let ana = TestPhone::named("Ana");
    let draft =
        PromiseDraft { title: "Text when I'm late".into(), why: String::new(), cadence: Cadence::Daily };
    let id = ana.phone.edit(|s| s.create_promise(draft)).unwrap().id;
    ana.advance_days(60);
    for d in 0..60 {
        ana.phone.edit(|s| s.record_outcome(&id, monday().plus_days(d), OutcomeKind::Kept, "")).unwrap();
    }
    ana.phone.edit(|s| s.record_outcome(&id, monday().plus_days(60), OutcomeKind::Missed, "")).unwrap();
    let screen = open_promises(&ana);
    let card = screen.text(&format!("promise-{id}"));
    assert!(card.contains("Consistency 95%"), "{card}");
    assert!(!card.contains("Current run"), "no run to show, and nothing about one ending");
}

#[test]
fn tapping_a_promise_opens_its_detail() {
    let ana = TestPhone::named("Ana");
    let draft = PromiseDraft {
        title: "Share the calendar".into(),
        why: "No surprises".into(),
        cadence: Cadence::Daily,
    };
    let id = ana.phone.edit(|s| s.create_promise(draft)).unwrap().id;
    let mut screen = open_promises(&ana);
    screen.click(&format!("promise-{id}"));
    assert_eq!(screen.text("detail-title"), "Share the calendar");
    assert!(screen.shows("Your promise · every day"));
    assert!(screen.shows("No surprises"));
    assert!(screen.tag("tab-promises").contains(r#"aria-current="page""#));
    screen.click("back");
    assert!(screen.has("promise-new"));
}
