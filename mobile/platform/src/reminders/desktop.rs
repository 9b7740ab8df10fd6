//! Desktop reminders as system notifications (freedesktop notifications over D-Bus on Linux,
//! the notification centre on macOS and Windows), through notify-rust.

use super::{Notice, Notifier};
use crate::PlatformError;

/// Shows a reminder as a system notification, titled and worded as planned and nothing more:
/// no icon or category that could say what the app is for.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemNotifier;

impl Notifier for SystemNotifier {
    fn show(&self, notice: &Notice) -> Result<(), PlatformError> {
        notify_rust::Notification::new()
            .appname("Mend")
            .summary(&notice.title)
            .body(&notice.body)
            .show()
            .map(drop)
            .map_err(|e| PlatformError::new("reminders", e.to_string()))
    }
}
