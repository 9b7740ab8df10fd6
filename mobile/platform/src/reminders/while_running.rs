//! Reminders shown while the app runs (desktop and the browser preview): a thread looks at the
//! clock every tick and shows each planned reminder once its time has come, unless it is found
//! more than the plan's late limit after that (the computer slept, say): then it is dropped.
//! The clock is the app's, so a test's hand-set clock drives it too.

use super::{Notice, Notifier, Plan, Reminders};
use crate::PlatformError;
use chrono::{DateTime, Utc};
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What "now" is for the app.
pub type Now = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Plans held in memory and shown through a [`Notifier`] by a background thread, which stops
/// when this is dropped.
pub struct WhileRunning {
    plan: Arc<Mutex<Plan>>,
    stop: Arc<AtomicBool>,
    now: Now,
    notifier: Arc<dyn Notifier>,
}

impl WhileRunning {
    /// Start watching the clock `now` every `tick`, showing reminders through `notifier`.
    pub fn start(now: Now, notifier: Arc<dyn Notifier>, tick: Duration) -> Self {
        let plan = Arc::new(Mutex::new(Plan::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (watched, stopped) = (plan.clone(), stop.clone());
        let (clock, shows) = (now.clone(), notifier.clone());
        std::thread::Builder::new()
            .name("mend-reminders".into())
            .spawn(move || {
                while !stopped.load(Ordering::Relaxed) {
                    show_due(&watched, clock(), shows.as_ref());
                    std::thread::sleep(tick);
                }
            })
            .map(drop)
            .unwrap_or_else(|e| tracing::warn!(error = %e, "reminders can't run: no thread"));
        WhileRunning { plan, stop, now, notifier }
    }
}

/// Show what has come due in `plan`. A reminder that couldn't be shown is gone; the next one
/// tries again.
fn show_due(plan: &Mutex<Plan>, now: DateTime<Utc>, notifier: &dyn Notifier) {
    if let Some(notice) = take_due(plan, now)
        && let Err(e) = notifier.show(&notice)
    {
        tracing::warn!(error = %e, "a reminder could not be shown");
    }
}

/// Remove every reminder whose time has come from `plan`; return the one still worth showing
/// (if several came due at once, only the latest can be — never a pile).
fn take_due(plan: &Mutex<Plan>, now: DateTime<Utc>) -> Option<Notice> {
    let mut plan = plan.lock().unwrap_or_else(PoisonError::into_inner);
    let due = plan.notices.iter().take_while(|n| n.at <= now).count();
    let latest = plan.notices.drain(..due).next_back()?;
    (now - latest.at <= plan.late_limit).then_some(latest)
}

impl Reminders for WhileRunning {
    fn replace(&self, plan: Plan) -> Result<(), PlatformError> {
        // A new plan starts from now, so one that came due since the last tick would never be
        // shown: show it first.
        show_due(&self.plan, (self.now)(), self.notifier.as_ref());
        let mut notices = plan.notices;
        notices.sort_by_key(|n| n.at);
        *self.plan.lock().unwrap_or_else(PoisonError::into_inner) = Plan { notices, ..plan };
        Ok(())
    }
}

impl Drop for WhileRunning {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl fmt::Debug for WhileRunning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let planned = self.plan.lock().unwrap_or_else(PoisonError::into_inner).notices.len();
        f.debug_struct("WhileRunning").field("planned", &planned).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 4, h, m, 0).unwrap()
    }

    fn notice(h: u32, m: u32) -> Notice {
        Notice { at: at(h, m), wall: at(h, m).naive_utc(), title: format!("{h}:{m}"), body: String::new() }
    }

    fn plan(notices: Vec<Notice>) -> Mutex<Plan> {
        Mutex::new(Plan { notices, late_limit: chrono::Duration::minutes(30) })
    }

    #[test]
    fn nothing_is_due_before_its_time_and_each_is_shown_once() {
        let plan = plan(vec![notice(20, 30), notice(21, 0)]);
        assert_eq!(take_due(&plan, at(20, 29)), None);
        assert_eq!(take_due(&plan, at(20, 30)), Some(notice(20, 30)));
        assert_eq!(take_due(&plan, at(20, 31)), None);
        assert_eq!(take_due(&plan, at(21, 5)), Some(notice(21, 0)));
        assert!(plan.lock().unwrap().notices.is_empty());
    }

    #[test]
    fn a_reminder_found_too_late_is_dropped_and_missed_ones_never_pile_up() {
        let plan = plan(vec![notice(8, 0), notice(12, 0), notice(20, 30), notice(22, 0)]);
        // The computer slept from 7:00 to 20:45: only the 20:30 one is still worth showing.
        assert_eq!(take_due(&plan, at(20, 45)), Some(notice(20, 30)));
        assert_eq!(take_due(&plan, at(22, 31)), None, "31 minutes late");
        assert!(plan.lock().unwrap().notices.is_empty());
    }

    /// A notifier that keeps what it was asked to show, standing in for the screen.
    #[derive(Debug, Default)]
    struct Shown(Mutex<Vec<String>>);

    impl Notifier for Shown {
        fn show(&self, notice: &Notice) -> Result<(), PlatformError> {
            self.0.lock().unwrap().push(notice.title.clone());
            Ok(())
        }
    }

    #[test]
    fn the_thread_shows_a_reminder_when_the_apps_clock_reaches_it_and_a_new_plan_replaces_the_old() {
        let (clock, shown, running) = running_at_eight_pm(Duration::from_millis(5));
        let late_limit = chrono::Duration::minutes(30);
        running.replace(Plan { notices: vec![notice(20, 30), notice(21, 0)], late_limit }).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(shown.0.lock().unwrap().is_empty());
        *clock.lock().unwrap() = at(20, 31);
        wait_for(|| shown.0.lock().unwrap().len() == 1);
        // Checked in: the app plans again without the rest of today.
        running.replace(Plan { notices: vec![], late_limit }).unwrap();
        *clock.lock().unwrap() = at(21, 1);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(*shown.0.lock().unwrap(), vec!["20:30".to_string()]);
    }

    #[test]
    fn a_reminder_due_before_the_next_tick_is_shown_when_a_new_plan_comes() {
        // A tick far too long to see it: only the replacement can.
        let (clock, shown, running) = running_at_eight_pm(Duration::from_secs(3600));
        let late_limit = chrono::Duration::minutes(30);
        running.replace(Plan { notices: vec![notice(20, 30), notice(21, 0)], late_limit }).unwrap();
        *clock.lock().unwrap() = at(20, 31);
        running.replace(Plan { notices: vec![notice(21, 0)], late_limit }).unwrap();
        assert_eq!(*shown.0.lock().unwrap(), vec!["20:30".to_string()]);
    }

    /// A reminder thread ticking every `tick` on a clock the test moves, starting at 20:00.
    fn running_at_eight_pm(tick: Duration) -> (Arc<Mutex<DateTime<Utc>>>, Arc<Shown>, WhileRunning) {
        let clock = Arc::new(Mutex::new(at(20, 0)));
        let read = clock.clone();
        let shown = Arc::new(Shown::default());
        let running = WhileRunning::start(Arc::new(move || *read.lock().unwrap()), shown.clone(), tick);
        (clock, shown, running)
    }

    fn wait_for(done: impl Fn() -> bool) {
        for _ in 0..400 {
            if done() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("not shown within 2 s");
    }
}
