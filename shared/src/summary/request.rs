//! What the couple chooses to put in a counselor summary.

use crate::ids::EntryId;
use crate::time::Day;

/// The couple's choices for one summary. Everything is off until chosen; weekly check-in
/// regularity (numbers only) is always part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRequest {
    /// First day covered.
    pub from: Day,
    /// Last day covered (today at the latest).
    pub to: Day,
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
    /// A summary of `from..=to` with nothing but regularity chosen yet.
    pub fn new(from: Day, to: Day) -> Self {
        Self {
            from,
            to,
            include_trends: false,
            include_promises: false,
            include_checkin_words: false,
            journal_entries: Vec::new(),
            include_apologies: false,
            include_guide_progress: false,
        }
    }
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
    /// The range ends after today.
    #[error("the summary can't end after today ({today}); {to} is still to come")]
    EndsInFuture {
        /// Last day asked for.
        to: Day,
        /// Today on this phone.
        today: Day,
    },
}
