//! One promise: its month calendar of marks and replies, marking earlier days, changing it,
//! setting it aside, and replying to my partner's marks.

use crate::support::{Screen, TestPhone, monday, sync};
use mend_shared::ids::PromiseId;
use mend_shared::model::{AckKind, AckTarget, Cadence, OutcomeKind, PromiseDraft, PromiseStatus};

fn daily(phone: &TestPhone, title: &str) -> PromiseId {
    let draft = PromiseDraft { title: title.into(), why: String::new(), cadence: Cadence::Daily };
    phone.phone.edit(|s| s.create_promise(draft)).unwrap().id
}

fn open_detail(phone: &TestPhone, id: &PromiseId) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("tab-promises");
    screen.click(&format!("promise-{id}"));
    screen
}

#[test]
fn the_calendar_shows_each_days_mark_and_my_partners_replies() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    let id = daily(&ana, "Home by seven");
    ana.advance_days(2);
    ben.advance_days(2);
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Kept, "made it")).unwrap();
    ana.phone.edit(|s| s.record_outcome(&id, monday().plus_days(1), OutcomeKind::Missed, "")).unwrap();
    sync(&ana, &ben);
    let target = AckTarget::Outcome { promise: id.clone(), date: monday() };
    ben.phone.edit(|s| s.acknowledge(target, AckKind::ThankYou, "")).unwrap();
    sync(&ana, &ben);

    let screen = open_detail(&ana, &id);
    assert_eq!(screen.text("cal-title"), "May 2026");
    let first = screen.tag("cal-2026-05-04");
    assert!(first.contains("day kept"), "{first}");
    assert!(first.contains("replied Thank you"), "{first}");
    let second = screen.tag("cal-2026-05-05");
    assert!(second.contains("day missed") && second.contains("Not this time"), "{second}");
    assert!(screen.tag("cal-2026-05-06").contains("today"));
    assert!(screen.tag("cal-2026-05-07").contains("disabled"), "days ahead can't be marked");
    assert!(screen.tag("cal-2026-05-01").contains("disabled"), "nor days before the promise");
    assert!(screen.shows("Ben replied “Thank you”"));
    assert!(screen.shows("“made it”"));
    assert!(screen.shows("Consistency"));
}

#[test]
fn the_calendar_moves_between_months() {
    let ana = TestPhone::named("Ana");
    let id = daily(&ana, "Home by seven");
    let mut screen = open_detail(&ana, &id);
    screen.click("cal-prev");
    assert_eq!(screen.text("cal-title"), "April 2026");
    screen.click("cal-next");
    screen.click("cal-next");
    assert_eq!(screen.text("cal-title"), "June 2026");
}

#[test]
fn an_earlier_day_can_be_marked_from_the_calendar() {
    let ana = TestPhone::named("Ana");
    let id = daily(&ana, "Home by seven");
    ana.advance_days(3);
    let mut screen = open_detail(&ana, &id);
    screen.click("cal-2026-05-05");
    assert!(screen.shows("How did it go Tue, May 5?"));
    screen.click(&format!("outcome-{id}-kept"));
    let kind = ana.with(|s| s.shared().outcome(&id, monday().plus_days(1)).map(|o| o.kind));
    assert_eq!(kind, Some(OutcomeKind::Kept));
    assert!(screen.tag("cal-2026-05-05").contains("day kept"));
}

#[test]
fn changing_my_promise_refuses_a_blank_title_and_saves_new_words() {
    let ana = TestPhone::named("Ana");
    let id = daily(&ana, "Home by seven");
    let mut screen = open_detail(&ana, &id);
    screen.click("promise-edit");
    assert!(screen.tag("promise-title").contains(r#"value="Home by seven""#));
    screen.input("promise-title", " ");
    screen.click("promise-save");
    assert_eq!(screen.text("promise-title-error"), "the promise can't be empty");
    assert_eq!(ana.with(|s| s.shared().promise(&id).unwrap().title.clone()), "Home by seven");
    screen.input("promise-title", "Home by half past seven");
    screen.click("promise-save");
    assert_eq!(screen.text("detail-title"), "Home by half past seven");
}

#[test]
fn setting_a_promise_aside_asks_first_and_keeps_its_history() {
    let ana = TestPhone::named("Ana");
    let id = daily(&ana, "Home by seven");
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Kept, "")).unwrap();
    let mut screen = open_detail(&ana, &id);
    screen.click("promise-retire");
    assert!(screen.text("retire-question").contains("Its history stays"));
    screen.click("promise-retire-cancel");
    assert_eq!(ana.with(|s| s.shared().promise(&id).unwrap().status), PromiseStatus::Active);
    screen.click("promise-retire");
    screen.click("promise-retire-confirm");
    assert_eq!(ana.with(|s| s.shared().promise(&id).unwrap().status), PromiseStatus::Retired);
    assert!(screen.shows("Set aside. Its history stays here."));
    assert!(!screen.has("promise-edit"));
    assert!(screen.tag("cal-2026-05-04").contains("day kept"));
}

#[test]
fn my_partners_promise_cannot_be_changed_but_its_marks_can_be_replied_to() {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    let id = daily(&ana, "Home by seven");
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Partial, "a bit late")).unwrap();
    sync(&ana, &ben);
    let mut screen = open_detail(&ben, &id);
    assert!(screen.shows("Ana's promise · every day"));
    assert!(!screen.has("promise-edit") && !screen.has("promise-retire"));
    screen.click(&format!("ack-{id}-2026-05-04-seen"));
    let ack = ben.with(|s| s.shared().acks.iter().next().cloned()).unwrap();
    assert_eq!(ack.kind, AckKind::Seen);
    screen.click("cal-2026-05-04");
    assert!(screen.shows("Monday, May 4"));
    assert!(screen.shows("“a bit late”"));
    assert!(!screen.has(&format!("outcome-{id}-kept")), "no outcome buttons on my partner's promise");
}

#[tokio::test]
async fn a_promise_that_is_gone_says_so_kindly_and_leads_back_to_the_list() {
    let ana = TestPhone::named("Ana");
    let id = daily(&ana, "Home by seven");
    let mut screen = open_detail(&ana, &id);
    screen.settle().await;
    // The promise goes while its screen is open: this phone's shared copy is erased.
    ana.phone.apply_remote(|s| s.erase_shared_copy()).unwrap();
    screen.settle().await;
    assert_eq!(screen.text("promise-gone"), "This promise isn't here anymore.");
    assert!(!screen.has("cal-title") && !screen.has("promise-edit"));
    screen.click("back");
    assert!(screen.has("promise-new"), "back on the list");
    assert!(!screen.has(&format!("promise-{id}")));
}

#[test]
fn a_set_aside_promise_shows_its_days_but_takes_no_new_marks() {
    let ana = TestPhone::named("Ana");
    let id = daily(&ana, "Home by seven");
    ana.advance_days(2);
    ana.phone.edit(|s| s.retire_promise(&id)).unwrap();
    let mut screen = open_detail(&ana, &id);
    screen.click("cal-2026-05-05");
    assert!(screen.shows("No mark for this day."));
    assert!(!screen.has(&format!("outcome-{id}-kept")), "mend-shared takes no marks on it");
}
