//! Promise schedules and consistency on constructed histories: what is due when, the strength
//! score, the current run, the month calendar and the partner's recent marks.

use chrono::Duration;
use mend_shared::ids::PromiseId;
use mend_shared::model::{AckKind, AckTarget, Cadence, CheckInDraft, OutcomeKind, Promise, PromiseDraft};
use mend_shared::schedule::{self, Month, RunUnit};
use mend_shared::session::Session;
use mend_shared::time::{Day, ManualClock};
use std::sync::Arc;

/// Monday 2026-05-04, the first day of every history here.
fn start() -> Day {
    Day::ymd(2026, 5, 4).unwrap()
}

/// One partner's phone with a hand-moved clock.
struct Phone {
    s: Session,
    clock: Arc<ManualClock>,
}

impl Phone {
    fn new(name: &str) -> Self {
        let clock = Arc::new(ManualClock::at_noon(start(), 2));
        let mut s = Session::in_memory(clock.clone()).unwrap();
        s.create_profile(name).unwrap();
        Phone { s, clock }
    }

    fn promise(&mut self, cadence: Cadence) -> PromiseId {
        let draft = PromiseDraft { title: "Phone down at dinner".into(), why: String::new(), cadence };
        self.s.create_promise(draft).unwrap().id
    }

    /// Move the clock to `days` after the start.
    fn go_to(&self, days: i64) {
        let target = ManualClock::at_noon(start().plus_days(days), 2);
        self.clock.set(mend_shared::time::Clock::now(&target));
    }

    fn mark(&mut self, id: &PromiseId, day: i64, kind: OutcomeKind) {
        self.s.record_outcome(id, start().plus_days(day), kind, "").unwrap();
    }

    fn get(&self, id: &PromiseId) -> &Promise {
        self.s.shared().promise(id).unwrap()
    }

    fn percent(&self, id: &PromiseId) -> Option<u8> {
        schedule::strength(self.s.shared(), self.get(id), self.s.today()).percent()
    }

    fn score(&self, id: &PromiseId) -> f64 {
        schedule::strength(self.s.shared(), self.get(id), self.s.today()).score.unwrap()
    }

    fn run(&self, id: &PromiseId) -> Option<(u32, RunUnit)> {
        schedule::current_run(self.s.shared(), self.get(id), self.s.today()).map(|r| (r.count, r.unit))
    }

    fn due(&self, id: &PromiseId, day: i64) -> bool {
        schedule::is_due(self.s.shared(), self.get(id), start().plus_days(day))
    }
}

/// Exchange every change between two phones, both ways.
fn sync(a: &mut Phone, b: &mut Phone) {
    let from_a = a.s.shared_doc().unwrap().changes_since(&[]);
    let from_b = b.s.shared_doc().unwrap().changes_since(&[]);
    a.s.apply_shared_changes(&from_b).unwrap();
    b.s.apply_shared_changes(&from_a).unwrap();
}

#[test]
fn one_miss_after_ninety_kept_days_keeps_the_score_high() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::Daily);
    p.go_to(91);
    for d in 0..90 {
        p.mark(&id, d, OutcomeKind::Kept);
    }
    p.mark(&id, 90, OutcomeKind::Missed);
    let score = p.score(&id);
    assert!(score > 0.85, "one miss after 90 kept days leaves {score}");
    assert!(score < 1.0);
}

#[test]
fn steady_misses_bring_the_score_down() {
    let mut p = Phone::new("Ana");
    let every_other = p.promise(Cadence::Daily);
    let stopped = p.promise(Cadence::Daily);
    p.go_to(60);
    for d in 0..60 {
        let kind = if d % 2 == 0 { OutcomeKind::Kept } else { OutcomeKind::Missed };
        p.mark(&every_other, d, kind);
        if d < 30 {
            p.mark(&stopped, d, OutcomeKind::Kept);
        }
    }
    let half = p.score(&every_other);
    assert!((0.4..0.6).contains(&half), "every other day kept gives about half, not {half}");
    let stopped_score = p.score(&stopped);
    assert!(stopped_score < 0.25, "a month without marks brings it down, not {stopped_score}");
}

#[test]
fn a_partly_kept_day_counts_half() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::Daily);
    p.go_to(20);
    for d in 0..=20 {
        p.mark(&id, d, OutcomeKind::Partial);
    }
    assert_eq!(p.percent(&id), Some(50));
}

#[test]
fn a_new_promise_kept_once_is_not_shown_as_weak() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::Daily);
    assert_eq!(p.percent(&id), None, "nothing counted yet, so no score");
    p.mark(&id, 0, OutcomeKind::Kept);
    assert_eq!(p.percent(&id), Some(100));
}

#[test]
fn today_without_a_mark_is_not_held_against_anyone() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::Daily);
    p.mark(&id, 0, OutcomeKind::Kept);
    p.go_to(1);
    assert_eq!(p.percent(&id), Some(100), "today is still open");
    assert_eq!(p.run(&id), Some((1, RunUnit::Day)), "and doesn't end the run");
    p.go_to(2);
    assert!(p.percent(&id).unwrap() < 100, "yesterday without a mark now counts");
}

#[test]
fn a_weekly_promise_is_not_penalised_on_days_it_does_not_ask_for() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::PerWeek { times: 3 });
    p.go_to(8 * 7 + 2);
    for week in 0..=8 {
        for weekday in [0, 2, 4] {
            let d = week * 7 + weekday;
            if d <= 8 * 7 + 2 {
                p.mark(&id, d, OutcomeKind::Kept);
            }
        }
    }
    assert_eq!(p.percent(&id), Some(100));
    assert_eq!(p.run(&id), Some((8, RunUnit::Week)), "this week is under way and doesn't end the run");
    p.go_to(8 * 7 + 4);
    p.mark(&id, 8 * 7 + 4, OutcomeKind::Kept);
    assert_eq!(p.run(&id), Some((9, RunUnit::Week)), "once this week is met it joins the run");
}

#[test]
fn a_weekly_promise_short_of_its_times_counts_the_missing_ones_once_the_week_is_over() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::PerWeek { times: 3 });
    p.mark(&id, 0, OutcomeKind::Kept);
    p.go_to(6);
    p.mark(&id, 6, OutcomeKind::Kept);
    assert_eq!(p.percent(&id), Some(100), "the week isn't over on its Sunday");
    p.go_to(7);
    let score = p.score(&id);
    assert!(score < 0.7 && score > 0.5, "two of three: {score}");
    assert_eq!(p.run(&id), Some((0, RunUnit::Week)));
}

#[test]
fn a_miss_made_up_later_in_the_week_does_not_count() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::PerWeek { times: 2 });
    p.go_to(7);
    p.mark(&id, 0, OutcomeKind::Missed);
    p.mark(&id, 1, OutcomeKind::Kept);
    p.mark(&id, 3, OutcomeKind::Kept);
    assert_eq!(p.percent(&id), Some(100));
}

#[test]
fn a_weekly_promise_is_due_until_its_week_is_met() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::PerWeek { times: 2 });
    p.go_to(3);
    assert!(p.due(&id, 0) && p.due(&id, 3));
    p.mark(&id, 0, OutcomeKind::Kept);
    p.mark(&id, 1, OutcomeKind::Partial);
    assert!(!p.due(&id, 3), "twice this week already");
    assert!(p.due(&id, 1), "a marked day stays due so its mark can be seen and changed");
    assert!(p.due(&id, 7), "a new week asks again");
    let items = schedule::due_on(p.s.shared(), p.s.my_id().unwrap(), start().plus_days(1));
    let week = items[0].week.unwrap();
    assert_eq!((week.done, week.quota), (2, 2));
}

#[test]
fn a_weekly_promise_begun_late_in_the_week_asks_for_a_fair_share() {
    let mut p = Phone::new("Ana");
    p.go_to(3); // Thursday
    let id = p.promise(Cadence::PerWeek { times: 3 });
    p.mark(&id, 3, OutcomeKind::Kept);
    p.go_to(4);
    p.mark(&id, 4, OutcomeKind::Kept);
    assert!(!p.due(&id, 5), "two of four days' share is met");
    p.go_to(7);
    assert_eq!(p.percent(&id), Some(100));
}

#[test]
fn a_daily_promise_is_due_every_day_from_its_first() {
    let mut p = Phone::new("Ana");
    p.go_to(2);
    let id = p.promise(Cadence::Daily);
    assert!(!p.due(&id, 1), "not before it was made");
    assert!(p.due(&id, 2) && p.due(&id, 40));
}

#[test]
fn a_one_off_promise_is_due_until_it_is_kept_or_its_date_passes() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::OneOff { due: start().plus_days(5) });
    assert!(p.due(&id, 0) && p.due(&id, 5));
    assert!(!p.due(&id, 6), "not after its date");
    p.go_to(2);
    p.mark(&id, 2, OutcomeKind::Kept);
    assert!(p.due(&id, 2), "still shown on the day it was kept");
    assert!(!p.due(&id, 3), "and no longer after");
    assert_eq!(p.percent(&id), Some(100));
    assert_eq!(p.run(&id), None, "a one-off has no run");
}

#[test]
fn a_one_off_past_its_date_without_a_mark_counts_once() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::OneOff { due: start().plus_days(2) });
    p.go_to(2);
    assert_eq!(p.percent(&id), None, "its last day is still open");
    p.go_to(3);
    assert_eq!(p.percent(&id), Some(0));
    p.go_to(30);
    assert_eq!(schedule::strength(p.s.shared(), p.get(&id), p.s.today()).counted, 1);
}

#[test]
fn a_retired_promise_is_not_due_and_its_score_stops_where_it_was_set_aside() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::Daily);
    p.go_to(5);
    for d in 0..=5 {
        p.mark(&id, d, OutcomeKind::Kept);
    }
    p.s.retire_promise(&id).unwrap();
    p.go_to(40);
    assert!(!p.due(&id, 40));
    assert_eq!(p.percent(&id), Some(100), "days after it was set aside don't count");
    assert!(schedule::due_on(p.s.shared(), p.s.my_id().unwrap(), p.s.today()).is_empty());
}

#[test]
fn the_current_run_counts_days_in_a_row_and_a_miss_starts_a_fresh_count() {
    let mut p = Phone::new("Ana");
    let id = p.promise(Cadence::Daily);
    p.go_to(9);
    for d in 0..=8 {
        let kind = if d == 3 { OutcomeKind::Missed } else { OutcomeKind::Kept };
        p.mark(&id, d, kind);
    }
    assert_eq!(p.run(&id), Some((5, RunUnit::Day)), "days 4 to 8; today is still open");
    p.mark(&id, 9, OutcomeKind::Partial);
    assert_eq!(p.run(&id), Some((6, RunUnit::Day)), "partly kept still shows up");
    let run = schedule::current_run(p.s.shared(), p.get(&id), p.s.today()).unwrap();
    assert_eq!(run.describe(), "6 days");
}

#[test]
fn the_month_calendar_shows_marks_and_the_partners_acknowledgements() {
    let mut a = Phone::new("Ana");
    let mut b = Phone::new("Ben");
    let id = a.promise(Cadence::Daily);
    a.go_to(2);
    b.go_to(2);
    a.s.record_outcome(&id, start(), OutcomeKind::Kept, "home by seven").unwrap();
    a.mark(&id, 1, OutcomeKind::Missed);
    sync(&mut a, &mut b);
    b.s.acknowledge(AckTarget::Outcome { promise: id.clone(), date: start() }, AckKind::ThankYou, "")
        .unwrap();
    sync(&mut a, &mut b);

    let cal = schedule::month_calendar(a.s.shared(), a.get(&id), Month::of(start()), a.s.today());
    assert_eq!(cal.month.to_string(), "May 2026");
    assert_eq!(cal.weeks.len(), 5, "May 2026 spans five Monday-first rows");
    assert!(cal.weeks[0][..4].iter().all(Option::is_none), "May 1 2026 is a Friday");
    let days: Vec<_> = cal.weeks.iter().flatten().flatten().collect();
    assert_eq!(days.len(), 31);
    let first = days.iter().find(|d| d.day == start()).unwrap();
    assert_eq!(first.outcome, Some(OutcomeKind::Kept));
    assert_eq!(first.note, "home by seven");
    assert_eq!(first.acks, vec![AckKind::ThankYou]);
    let second = days.iter().find(|d| d.day == start().plus_days(1)).unwrap();
    assert_eq!((second.outcome, second.acks.len()), (Some(OutcomeKind::Missed), 0));
    assert!(days.iter().find(|d| d.day == start().plus_days(2)).unwrap().today);
    assert!(!days.iter().find(|d| d.day == start().plus_days(3)).unwrap().in_range);
    assert!(!days[0].in_range, "before the promise began");
}

#[test]
fn my_partners_recent_marks_are_new_until_i_acknowledge_them() {
    let mut a = Phone::new("Ana");
    let mut b = Phone::new("Ben");
    let id = a.promise(Cadence::Daily);
    a.go_to(10);
    b.go_to(10);
    for d in 0..=10 {
        a.mark(&id, d, OutcomeKind::Kept);
    }
    let mine = b.promise(Cadence::Daily);
    b.mark(&mine, 10, OutcomeKind::Kept);
    sync(&mut a, &mut b);

    let me = b.s.my_id().unwrap().clone();
    let marks = schedule::partner_marks(b.s.shared(), &me, b.s.today(), 3);
    let dates: Vec<Day> = marks.iter().map(|m| m.outcome.date).collect();
    assert_eq!(dates, vec![start().plus_days(10), start().plus_days(9), start().plus_days(8)]);
    assert!(marks.iter().all(|m| m.is_new()), "my own marks are never listed");

    let target = marks[0].target();
    b.s.acknowledge(target.clone(), AckKind::Seen, "").unwrap();
    let marks = schedule::partner_marks(b.s.shared(), &me, b.s.today(), 3);
    assert!(!marks[0].is_new());
    assert_eq!(marks[0].my_ack.unwrap().kind, AckKind::Seen);
    assert!(marks[1].is_new());
    assert_eq!(schedule::my_ack(b.s.shared(), &target, &me).unwrap().kind, AckKind::Seen);
}

#[test]
fn my_partners_check_in_is_found_across_a_day_boundary() {
    let mut a = Phone::new("Ana");
    let mut b = Phone::new("Ben");
    a.s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() }).unwrap();
    sync(&mut a, &mut b);
    let me = b.s.my_id().unwrap().clone();
    assert_eq!(schedule::partner_checkin(b.s.shared(), &me, b.s.today()).unwrap().mood, 4);
    b.clock.advance(Duration::days(1));
    assert!(schedule::partner_checkin(b.s.shared(), &me, b.s.today()).is_some(), "yesterday's still shows");
    b.clock.advance(Duration::days(1));
    assert!(schedule::partner_checkin(b.s.shared(), &me, b.s.today()).is_none());
}

#[test]
fn promise_lists_put_active_promises_first() {
    let mut p = Phone::new("Ana");
    let retired = p.promise(Cadence::Daily);
    let active = p.promise(Cadence::PerWeek { times: 2 });
    p.s.retire_promise(&retired).unwrap();
    let list = schedule::summaries(p.s.shared(), p.s.my_id().unwrap(), p.s.today());
    let ids: Vec<&PromiseId> = list.iter().map(|s| &s.promise.id).collect();
    assert_eq!(ids, vec![&active, &retired]);
}
