//! What a reminder says. It may show on a locked screen that anyone can see, so it never names
//! the partner, never says what Mend is for, and never counts anything (days missed, a run kept).
//! It changes gently from day to day so it doesn't read like an alarm.

use crate::time::Day;
use chrono::Datelike;

/// The words of one reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderWords {
    /// The title line.
    pub title: &'static str,
    /// The line under it.
    pub body: &'static str,
}

/// The title every reminder starts from, the one the Settings card shows as an example.
pub const NEUTRAL_TITLE: &str = "A moment for yourself?";

/// The pairs reminders take turns with, one a day.
const WORDS: [ReminderWords; 3] = [
    ReminderWords { title: NEUTRAL_TITLE, body: "Whenever you're ready." },
    ReminderWords { title: "A quiet minute?", body: "Only if it suits you today." },
    ReminderWords { title: "How is today going?", body: "A moment is enough." },
];

/// The words for a reminder on `day`: they depend on the date alone, so nothing about what was
/// or wasn't done can ever show in them.
pub fn words_for(day: Day) -> ReminderWords {
    let n = day.0.num_days_from_ce().rem_euclid(WORDS.len() as i32) as usize;
    WORDS[n]
}

/// Every wording a reminder can have (for checks and for the Settings card's example).
pub fn all_words() -> &'static [ReminderWords] {
    &WORDS
}
