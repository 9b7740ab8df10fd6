//! Which promises are due when, and how consistently each is kept.
//!
//! A promise's history is read as a row of *periods* — a day for a daily promise, a Monday-to-Sunday
//! week for an "n times a week" promise, one span up to the due date for a one-off — each holding
//! the scheduled *slots* it counts. From those come the strength score (a Loop-Habit-Tracker-style
//! exponential average where one miss never wipes out months), the current run, and whether a
//! promise is due on a day. A day with no mark counts as "not kept" only once it is over; today is
//! never held against anyone.
//!
//! ```
//! use mend_shared::schedule::{self, RunUnit};
//! use mend_shared::session::Session;
//! use mend_shared::model::{Cadence, OutcomeKind, PromiseDraft};
//! use mend_shared::time::{Day, ManualClock};
//! use std::sync::Arc;
//!
//! let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 0));
//! let mut s = Session::in_memory(clock.clone()).unwrap();
//! let me = s.create_profile("Ana").unwrap();
//! let draft = PromiseDraft { title: "Phone down at dinner".into(), why: String::new(), cadence: Cadence::Daily };
//! let p = s.create_promise(draft).unwrap();
//! s.record_outcome(&p.id, s.today(), OutcomeKind::Kept, "").unwrap();
//!
//! let due = schedule::due_on(s.shared(), &me, s.today());
//! assert_eq!(due.len(), 1);
//! let summary = schedule::summarize(s.shared(), s.shared().promise(&p.id).unwrap(), s.today());
//! assert_eq!(summary.strength.percent(), Some(100));
//! assert_eq!(summary.run.map(|r| (r.count, r.unit)), Some((1, RunUnit::Day)));
//! ```

mod calendar;
mod due;
mod marking;
mod news;
mod periods;
mod run;
mod strength;
mod summary;

pub use calendar::{CalendarDay, Month, MonthCalendar, month_calendar};
pub use due::{DueItem, WeekProgress, due_on, is_due};
pub use marking::{can_mark, mark_target, replies_to_mark};
pub use news::{PartnerMark, my_ack, partner_checkin, partner_marks};
pub use periods::{Period, periods, week_start};
pub use run::{Run, RunUnit, current_run};
pub use strength::{Strength, alpha, strength};
pub use summary::{PromiseSummary, summaries, summarize};
