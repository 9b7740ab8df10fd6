//! iOS reminders: local notifications with calendar triggers (`UNUserNotificationCenter`), one
//! per planned reminder at its wall-clock date and time. A calendar trigger without a time zone
//! follows the phone's zone, so after travel it still comes at the chosen time on the new clock.
//! Type-checked here only; never run.

use super::{Notice, Plan, Reminders};
use crate::PlatformError;
use block2::RcBlock;
use chrono::{Datelike, Timelike};
use objc2::runtime::Bool;
use objc2_foundation::{NSDateComponents, NSError, NSString};
use objc2_user_notifications::{
    UNAuthorizationOptions, UNCalendarNotificationTrigger, UNMutableNotificationContent,
    UNNotificationRequest, UNUserNotificationCenter,
};

/// Reminders planned with iOS's notification center.
#[derive(Debug, Clone, Copy, Default)]
pub struct IosReminders;

impl Reminders for IosReminders {
    fn replace(&self, plan: Plan) -> Result<(), PlatformError> {
        let center = UNUserNotificationCenter::currentNotificationCenter();
        // Mend schedules nothing else, so "all pending" is exactly the old plan.
        center.removeAllPendingNotificationRequests();
        if plan.notices.is_empty() {
            return Ok(());
        }
        // The first time, iOS asks the person; after that this answers at once. Without their
        // yes the requests below are kept but never shown, which is their choice.
        let asked = RcBlock::new(|_granted: Bool, _error: *mut NSError| {});
        center.requestAuthorizationWithOptions_completionHandler(
            UNAuthorizationOptions::Alert | UNAuthorizationOptions::Sound,
            &asked,
        );
        for (n, notice) in plan.notices.iter().enumerate() {
            center.addNotificationRequest_withCompletionHandler(&request(n, notice), None);
        }
        Ok(())
    }
}

fn request(n: usize, notice: &Notice) -> objc2::rc::Retained<UNNotificationRequest> {
    let content = UNMutableNotificationContent::new();
    content.setTitle(&NSString::from_str(&notice.title));
    content.setBody(&NSString::from_str(&notice.body));
    let when = NSDateComponents::new();
    let wall = notice.wall;
    when.setYear(wall.year() as isize);
    when.setMonth(wall.month() as isize);
    when.setDay(wall.day() as isize);
    when.setHour(wall.hour() as isize);
    when.setMinute(wall.minute() as isize);
    let trigger = UNCalendarNotificationTrigger::triggerWithDateMatchingComponents_repeats(&when, false);
    let id = NSString::from_str(&format!("org.mend.reminder.{n}"));
    UNNotificationRequest::requestWithIdentifier_content_trigger(&id, &content, Some(&trigger))
}
