//! Reminders: the app hands the platform the next few reminders it should show (already
//! computed by mend-shared in the phone's time zone, with their words), replacing whatever was
//! planned before. Each platform shows them its own way:
//!
//! - iOS: local notifications with calendar triggers (`UNUserNotificationCenter`), shown by the
//!   system even while Mend is closed.
//! - Android: alarms that wake a small Kotlin receiver (bundled with `manganis::ffi`), which posts
//!   the notification, even while Mend is closed.
//! - Desktop and the browser preview: [`WhileRunning`] shows each one while the app runs, through
//!   a [`Notifier`] — a system notification on desktop ([`SystemNotifier`]), a banner inside the
//!   app in the preview.
//!
//! The app plans again whenever it starts, when the settings change and after every check-in, so
//! a day checked in is dropped from the plan before its reminder is due.

#[cfg(not(any(target_os = "android", target_os = "ios")))]
mod desktop;
mod while_running;

#[cfg(target_os = "android")]
mod android;
#[cfg(target_os = "ios")]
mod ios;

#[cfg(target_os = "android")]
pub use android::AndroidReminders;
#[cfg(not(any(target_os = "android", target_os = "ios")))]
pub use desktop::SystemNotifier;
#[cfg(target_os = "ios")]
pub use ios::IosReminders;
pub use while_running::{Now, WhileRunning};

use crate::PlatformError;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use std::fmt;

/// One reminder to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The moment to show it.
    pub at: DateTime<Utc>,
    /// The wall-clock time that moment is in the zone it was planned in (a calendar trigger's
    /// date components).
    pub wall: NaiveDateTime,
    /// Its title line.
    pub title: String,
    /// The line under it.
    pub body: String,
}

/// The reminders to show from now on, in order. An empty plan means none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// The reminders, earliest first.
    pub notices: Vec<Notice>,
    /// A reminder found due later than this after its time is dropped, not shown late.
    pub late_limit: Duration,
}

/// Where reminders are planned.
pub trait Reminders: Send + Sync + fmt::Debug {
    /// Replace everything planned with `plan`.
    fn replace(&self, plan: Plan) -> Result<(), PlatformError>;
}

/// Shows one reminder now.
pub trait Notifier: Send + Sync + fmt::Debug {
    /// Show `notice` at once.
    fn show(&self, notice: &Notice) -> Result<(), PlatformError>;
}
