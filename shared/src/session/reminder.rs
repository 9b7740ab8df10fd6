//! The daily reminder on this phone: its settings in the private document, and the reminders
//! the phone should show next given my check-ins.

use super::{Session, SessionError};
use crate::doc::Setting;
use crate::reminder::{Fire, PLANNED_AHEAD, ReminderError, ReminderSettings, ReminderWords, Zone, words_for};
use crate::time::Day;

/// One reminder the phone should show, with its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedReminder {
    /// When, and for which day.
    pub fire: Fire,
    /// What it says.
    pub words: ReminderWords,
}

impl Session {
    /// The daily reminder's settings: the default (off) until some are saved. Saved settings that
    /// can't be read are reported so the Settings card can ask for them again.
    pub fn reminder(&self) -> Result<ReminderSettings, ReminderError> {
        match self.private().setting(Setting::Reminder) {
            None => Ok(ReminderSettings::default()),
            Some(text) => ReminderSettings::from_stored(text),
        }
    }

    /// Save the daily reminder's settings on this phone (never synced).
    pub fn set_reminder(&mut self, settings: &ReminderSettings) -> Result<(), SessionError> {
        self.set_setting(Setting::Reminder, &settings.to_stored())
    }

    /// Whether I've checked in on `day`.
    pub fn checked_in_on(&self, day: Day) -> bool {
        self.my_id().is_some_and(|me| self.shared().checkin(day, me).is_some())
    }

    /// The next reminders after now, read in `zone`, skipping days already checked in if so set.
    /// Empty when the reminder is off or its settings can't be read (the card says so).
    pub fn reminder_plan(&self, zone: &Zone) -> Vec<PlannedReminder> {
        let Ok(settings) = self.reminder() else { return Vec::new() };
        let now = self.now().utc();
        settings
            .upcoming(now, zone, PLANNED_AHEAD, |day| self.checked_in_on(day))
            .into_iter()
            .map(|fire| PlannedReminder { fire, words: words_for(fire.day) })
            .collect()
    }
}
