//! What the couple chooses to put in a counselor summary, and what the form offers them.

use crate::doc::SharedState;
use crate::ids::EntryId;
use crate::model::JournalEntry;
use crate::time::Day;

/// How many days a new summary covers until the couple picks other dates.
pub const DEFAULT_SUMMARY_DAYS: i64 = 30;

/// The couple's choices for one summary. Every section is off until chosen, and at least one
/// thing must be chosen before a summary can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRequest {
    /// First day covered.
    pub from: Day,
    /// Last day covered (today at the latest).
    pub to: Day,
    /// How many days each partner checked in, week by week (numbers only).
    pub include_regularity: bool,
    /// Weekly means of trust and mood for each partner.
    pub include_trends: bool,
    /// Weekly promise consistency, and each promise's share kept in the range.
    pub include_promises: bool,
    /// The words written with check-ins (what I feel, need, appreciate).
    pub include_checkin_words: bool,
    /// Shared journal entries chosen one by one. Only entries in the couple's shared document
    /// and written within the range can appear; anything else is left out.
    pub journal_entries: Vec<EntryId>,
    /// Apologies written within the range, with the response to each.
    pub include_apologies: bool,
    /// Where each partner stands in the guide at the end of the range.
    pub include_guide_progress: bool,
}

impl SummaryRequest {
    /// A summary of `from..=to` with nothing chosen yet.
    pub fn new(from: Day, to: Day) -> Self {
        Self {
            from,
            to,
            include_regularity: false,
            include_trends: false,
            include_promises: false,
            include_checkin_words: false,
            journal_entries: Vec::new(),
            include_apologies: false,
            include_guide_progress: false,
        }
    }

    /// The dates a new summary starts with as of `today`: the last [`DEFAULT_SUMMARY_DAYS`]
    /// days, but never before the couple began (just today before there is any history).
    pub fn default_range(state: &SharedState, today: Day) -> (Day, Day) {
        let began = crate::insights::began(state).unwrap_or(today).min(today);
        (today.plus_days(1 - DEFAULT_SUMMARY_DAYS).max(began), today)
    }

    /// Whether anything at all is chosen: a section, or a journal entry.
    pub fn chooses_anything(&self) -> bool {
        self.include_regularity
            || self.include_trends
            || self.include_promises
            || self.include_checkin_words
            || self.include_apologies
            || self.include_guide_progress
            || !self.journal_entries.is_empty()
    }
}

/// Whether `entry` was written within `from..=to`; a missing end doesn't limit (a date the
/// couple is still typing).
pub fn written_within(entry: &JournalEntry, from: Option<Day>, to: Option<Day>) -> bool {
    let day = entry.created_at.day();
    from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
}

/// The journal entries a summary of `from..=to` may offer the couple to pick from: shared
/// entries written within the dates, newest first. Only the shared document is searched, so a
/// private entry can never be offered.
pub fn entries_to_offer(state: &SharedState, from: Option<Day>, to: Option<Day>) -> Vec<&JournalEntry> {
    let mut list: Vec<&JournalEntry> = state.journal.iter().filter(|e| written_within(e, from, to)).collect();
    list.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    list
}

/// Why a summary could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SummaryError {
    /// The range ends before it starts.
    #[error("the summary's first day ({from}) is after its last day ({to})")]
    EndBeforeStart {
        /// First day asked for.
        from: Day,
        /// Last day asked for.
        to: Day,
    },
    /// Nothing was chosen to go in it.
    #[error("choose at least one thing to include")]
    NothingChosen,
    /// The range ends after today.
    #[error("the summary can't end after today ({today}); {to} is still to come")]
    EndsInFuture {
        /// Last day asked for.
        to: Day,
        /// Today on this phone.
        today: Day,
    },
}
