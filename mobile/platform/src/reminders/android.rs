//! Android reminders: alarms that wake `ReminderReceiver` (Kotlin), which posts the notification
//! even while Mend is closed. Alarms don't survive a restart of the phone; the app plans again
//! the next time it opens (a boot receiver would need one more permission).

use super::{Plan, Reminders};
use crate::PlatformError;
use crate::android::{bridge, call_failed, schedule_reminders};

const SERVICE: &str = "reminders";

/// Reminders planned with Android's alarm manager.
#[derive(Debug, Clone, Copy, Default)]
pub struct AndroidReminders;

impl Reminders for AndroidReminders {
    fn replace(&self, plan: Plan) -> Result<(), PlatformError> {
        // One line per reminder; the words are mend-shared's and hold no tab or newline.
        let lines: Vec<String> = plan
            .notices
            .iter()
            .map(|n| format!("{}\t{}\t{}", n.at.timestamp_millis(), one_line(&n.title), one_line(&n.body)))
            .collect();
        let planned =
            schedule_reminders(bridge(SERVICE)?, &lines.join("\n")).map_err(call_failed(SERVICE))?;
        if usize::try_from(planned).ok() == Some(lines.len()) {
            Ok(())
        } else {
            Err(PlatformError::new(
                SERVICE,
                format!("{} of {} reminders were planned", planned.max(0), lines.len()),
            ))
        }
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
