//! The counselor summary: an export the couple chooses to make, with only what they select.
//!
//! [`CounselorSummary::build`] takes the couple's [`SharedState`](crate::doc::SharedState) and a
//! [`SummaryRequest`] — never the private document, so a private journal entry cannot reach a
//! summary by construction. It covers the chosen dates only, and holds only what the couple
//! chose: weekly check-in regularity, trust and mood trends, promise consistency, check-in words,
//! chosen shared journal entries, apologies, guide progress — each only when chosen. It renders
//! as Markdown
//! ([`CounselorSummary::to_markdown`]) and as a printable standalone HTML page
//! ([`CounselorSummary::to_html`]); all text is escaped in both.
//!
//! ```
//! use mend_shared::summary::{CounselorSummary, SectionKind, SummaryRequest};
//! use mend_shared::model::CheckInDraft;
//! use mend_shared::session::Session;
//! use mend_shared::time::{Day, ManualClock};
//! use std::sync::Arc;
//!
//! let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 0));
//! let mut s = Session::in_memory(clock).unwrap();
//! s.create_profile("Ana").unwrap();
//! s.save_checkin(CheckInDraft { mood: 4, trust: 6, feel: "<hopeful>".into(), ..Default::default() }).unwrap();
//!
//! let mut request = SummaryRequest::new(s.today().plus_days(-6), s.today());
//! assert!(CounselorSummary::build(s.shared(), &request, s.today()).is_err(), "nothing chosen yet");
//! request.include_trends = true;
//! request.include_checkin_words = true;
//! let summary = CounselorSummary::build(s.shared(), &request, s.today()).unwrap();
//! assert!(summary.section(SectionKind::Promises).is_none(), "not chosen, not there");
//! assert!(summary.to_html().contains("&lt;hopeful&gt;"));
//! assert!(summary.to_markdown().contains("\\<hopeful\\>"));
//! ```

mod build;
mod document;
mod html;
mod markdown;
mod request;

pub use document::{Block, CounselorSummary, Section, SectionKind};
pub use request::{DEFAULT_SUMMARY_DAYS, SummaryError, SummaryRequest, entries_to_offer, written_within};
