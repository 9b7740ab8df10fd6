//! Validation errors: specific, human-readable, and never partial (nothing is saved on error).

use crate::time::Day;

/// Why an entry was refused. Messages are shown to the user as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// A required text was empty or only whitespace.
    #[error("{field} can't be empty")]
    EmptyText {
        /// The field's human name.
        field: &'static str,
    },
    /// A text was longer than its limit.
    #[error("{field} is too long: {len} characters, the limit is {max}")]
    TooLong {
        /// The field's human name.
        field: &'static str,
        /// Characters given.
        len: usize,
        /// Characters allowed.
        max: usize,
    },
    /// A text contained control characters other than line breaks and tabs.
    #[error("{field} contains characters that can't be stored")]
    ControlCharacters {
        /// The field's human name.
        field: &'static str,
    },
    /// Mood outside 1–5.
    #[error("mood must be between 1 and 5, not {0}")]
    MoodOutOfRange(i64),
    /// Trust outside 0–10.
    #[error("trust must be between 0 and 10, not {0}")]
    TrustOutOfRange(i64),
    /// "n times per week" outside 1–7.
    #[error("times per week must be between 1 and 7, not {0}")]
    TimesPerWeekOutOfRange(i64),
    /// A date after today.
    #[error("{date} is in the future (today is {today})")]
    DateInFuture {
        /// The rejected date.
        date: Day,
        /// Today on this phone.
        today: Day,
    },
    /// A due date that has already passed.
    #[error("the due date {due} has already passed (today is {today})")]
    DueDateInPast {
        /// The rejected due date.
        due: Day,
        /// Today on this phone.
        today: Day,
    },
    /// An outcome dated before its promise was made.
    #[error("{date} is before this promise began on {starts}")]
    BeforePromiseStarted {
        /// The rejected date.
        date: Day,
        /// The promise's first day.
        starts: Day,
    },
    /// No promise with that id exists.
    #[error("there is no promise with id {0}")]
    UnknownPromise(String),
    /// No entry with that id exists.
    #[error("there is no {what} with id {id}")]
    UnknownRecord {
        /// The kind of record.
        what: &'static str,
        /// The id or key looked up.
        id: String,
    },
    /// No guide prompt with that id exists.
    #[error("there is no guide prompt with id {0}")]
    UnknownPrompt(String),
    /// Someone tried to change words the other partner wrote.
    #[error("only {owner} can change their own {what}")]
    NotYourWords {
        /// What was to be changed.
        what: &'static str,
        /// The author's display name.
        owner: String,
    },
    /// A partner tried to acknowledge or respond to their own record.
    #[error("you can't {action} your own {what}")]
    OwnRecord {
        /// What was attempted ("acknowledge", "respond to").
        action: &'static str,
        /// The record kind.
        what: &'static str,
    },
    /// The promise is retired or already kept, so it takes no new outcomes or edits.
    #[error("this promise is {status} and can't be changed")]
    PromiseClosed {
        /// Its status in words.
        status: &'static str,
    },
    /// The choice needs words and none were given.
    #[error("please add a few words to go with \"{0}\"")]
    WordsRequired(&'static str),
    /// The root-cause exercise was submitted with no factor chosen.
    #[error("choose at least one factor, or \"Something else\"")]
    NoFactorChosen,
    /// The relay address can't be used.
    #[error("{0}")]
    BadRelayUrl(String),
    /// The session has no partner profile yet (onboarding not finished).
    #[error("set up your profile first")]
    NoProfile,
    /// A partner profile already exists on this phone.
    #[error("this phone already has a profile")]
    ProfileExists,
    /// Sharing my part was turned on before any part was chosen.
    #[error("choose your part first; until then there is nothing to share")]
    NoPartChosen,
    /// The partner who broke trust tried to ask in "Questions I need answered", where they answer.
    #[error(
        "in this exercise your partner asks and you answer, in your own time; questions of your own are welcome in your weekly talk"
    )]
    AnswersNotQuestions,
    /// A withdrawn question was answered, reworded or withdrawn again.
    #[error("{asker} withdrew this question, so it needs nothing more")]
    QuestionWithdrawn {
        /// The asker's display name ("you" for my own).
        asker: String,
    },
    /// An answered question was reworded or withdrawn.
    #[error("this question has an answer now, so it stays as it was asked; you can ask a new one")]
    QuestionAnswered,
}
