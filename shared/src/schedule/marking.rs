//! Which days of a promise its owner can mark, and the replies a mark got from the other partner.
//!
//! The app asks these instead of repeating the rules, so a calendar, a day panel and the
//! session's own checks never drift apart.

use crate::doc::SharedState;
use crate::model::{AckTarget, Acknowledgement, Cadence, Promise, PromiseStatus};
use crate::time::Day;

/// Whether the owner of `promise` can mark it on `day`, seen on `today`: any day from the
/// promise's first up to today while it is active, or while it is a kept one-off (a new mark
/// re-opens it). Retired promises keep their history but take no new marks. This is the rule
/// [`crate::session::Session::record_outcome`] enforces.
pub fn can_mark(promise: &Promise, day: Day, today: Day) -> bool {
    let takes_marks = match promise.status {
        PromiseStatus::Active => true,
        PromiseStatus::Kept => matches!(promise.cadence, Cadence::OneOff { .. }),
        PromiseStatus::Retired => false,
    };
    takes_marks && day >= promise.starts_on && day <= today
}

/// What a reply to `promise`'s mark on `date` points at.
pub fn mark_target(promise: &Promise, date: Day) -> AckTarget {
    AckTarget::Outcome { promise: promise.id.clone(), date }
}

/// The replies to `promise`'s mark on `date`: acknowledgements by anyone but the promise's owner
/// (an owner never replies to their own mark), oldest first.
pub fn replies_to_mark<'a>(state: &'a SharedState, promise: &Promise, date: Day) -> Vec<&'a Acknowledgement> {
    let mut replies: Vec<&Acknowledgement> =
        state.acks_of(&mark_target(promise, date)).filter(|a| a.by != promise.owner).collect();
    replies.sort_by(|a, b| a.at.cmp(&b.at).then(a.by.cmp(&b.by)));
    replies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AckKind, OutcomeKind, PromiseDraft};
    use crate::session::Session;
    use crate::time::{Clock, ManualClock};
    use std::sync::Arc;

    fn monday() -> Day {
        Day::ymd(2026, 5, 4).unwrap()
    }

    fn phone(name: &str, clock: Arc<ManualClock>) -> Session {
        let mut s = Session::in_memory(clock).unwrap();
        s.create_profile(name).unwrap();
        s
    }

    fn promise(s: &mut Session, cadence: Cadence) -> Promise {
        s.create_promise(PromiseDraft { title: "Home by seven".into(), why: String::new(), cadence }).unwrap()
    }

    fn exchange(a: &mut Session, b: &mut Session) {
        let from_a = a.shared_doc().unwrap().changes_since(&[]);
        let from_b = b.shared_doc().unwrap().changes_since(&[]);
        b.apply_shared_changes(&from_a).unwrap();
        a.apply_shared_changes(&from_b).unwrap();
    }

    #[test]
    fn marks_are_taken_from_the_first_day_up_to_today_while_a_promise_is_open() {
        let clock = Arc::new(ManualClock::at_noon(monday(), 2));
        let mut s = phone("Ana", clock.clone());
        let p = promise(&mut s, Cadence::Daily);
        clock.advance(chrono::Duration::days(3));
        let today = s.today();
        assert!(can_mark(&p, monday(), today));
        assert!(can_mark(&p, today, today));
        assert!(!can_mark(&p, monday().plus_days(-1), today), "before it began");
        assert!(!can_mark(&p, today.plus_days(1), today), "tomorrow hasn't happened");
    }

    /// A promise in each state a calendar can show, on a phone whose today is Thursday.
    fn scenario(which: usize) -> (Session, Promise) {
        let clock = Arc::new(ManualClock::at_noon(monday(), 2));
        let mut s = phone("Ana", clock.clone());
        let due = monday().plus_days(5);
        let p = match which {
            0 => promise(&mut s, Cadence::Daily),
            1 => promise(&mut s, Cadence::PerWeek { times: 2 }),
            2 => promise(&mut s, Cadence::OneOff { due }),
            3 => {
                let p = promise(&mut s, Cadence::OneOff { due });
                s.record_outcome(&p.id, monday(), OutcomeKind::Kept, "").unwrap();
                p
            }
            _ => {
                let p = promise(&mut s, Cadence::Daily);
                clock.advance(chrono::Duration::days(1));
                s.retire_promise(&p.id).unwrap();
                p
            }
        };
        clock.set(ManualClock::at_noon(monday().plus_days(3), 2).now());
        let p = s.shared().promise(&p.id).unwrap().clone();
        (s, p)
    }

    #[test]
    fn the_days_that_can_be_marked_are_exactly_the_days_the_session_accepts_a_mark() {
        for which in 0..5 {
            let (s, p) = scenario(which);
            let today = s.today();
            for offset in -2..=5 {
                let day = monday().plus_days(offset);
                // A fresh copy of the same situation for each trial, so one mark can't sway the next.
                let (mut trial, same) = scenario(which);
                let accepted = trial.record_outcome(&same.id, day, OutcomeKind::Partial, "").is_ok();
                assert_eq!(
                    can_mark(&p, day, today),
                    accepted,
                    "{:?} promise ({:?}) on {day}",
                    p.cadence,
                    p.status
                );
            }
        }
    }

    #[test]
    fn replies_to_a_mark_leave_out_the_owner_and_come_oldest_first() {
        let clock = Arc::new(ManualClock::at_noon(monday(), 2));
        let mut ana = phone("Ana", clock.clone());
        let mut ben = phone("Ben", clock.clone());
        let p = promise(&mut ana, Cadence::Daily);
        ana.record_outcome(&p.id, monday(), OutcomeKind::Kept, "made it").unwrap();
        exchange(&mut ana, &mut ben);
        assert!(replies_to_mark(ben.shared(), &p, monday()).is_empty());
        ben.acknowledge(mark_target(&p, monday()), AckKind::ThankYou, "noticed").unwrap();
        exchange(&mut ana, &mut ben);
        let replies = replies_to_mark(ana.shared(), &p, monday());
        assert_eq!(replies.len(), 1);
        assert_eq!((replies[0].kind, replies[0].note.as_str()), (AckKind::ThankYou, "noticed"));
        assert_eq!(&replies[0].by, ben.my_id().unwrap());
        assert!(replies_to_mark(ana.shared(), &p, monday().plus_days(1)).is_empty(), "another day");
    }
}
