//! What can be wrong with reminder settings, in words the Settings card shows as they are.

/// A reminder setting was refused, or the stored one could not be read. Nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReminderError {
    /// The time of day is not hours and minutes.
    #[error("“{0}” isn't a time of day; use hours and minutes, like 20:30")]
    BadTime(String),
    /// The reminder is on but no day is chosen.
    #[error("choose at least one day, or turn the reminder off")]
    NoDays,
    /// A day name that isn't one of mon … sun.
    #[error("“{0}” isn't a day of the week")]
    BadDay(String),
    /// A time zone name the phone's zone database doesn't know.
    #[error("“{0}” isn't a time zone this phone knows")]
    UnknownZone(String),
    /// The saved settings are damaged or from a newer Mend.
    #[error("the saved reminder could not be read ({0}); choose its settings again")]
    Unreadable(String),
}
