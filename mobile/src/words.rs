//! How the app puts things in words: calm, kind, and never a verdict.

use mend_shared::insights::InsightRange;
use mend_shared::model::{AckKind, OutcomeKind, ResponseKind, RootCauseFactor};
use mend_shared::time::Day;

/// An outcome as the app says it ("Not this time", never "Failed").
pub fn outcome(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Kept => "Kept",
        OutcomeKind::Partial => "Partly",
        OutcomeKind::Missed => "Not this time",
    }
}

/// The id suffix for an outcome button.
pub fn outcome_key(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Kept => "kept",
        OutcomeKind::Partial => "partial",
        OutcomeKind::Missed => "missed",
    }
}

/// A mood from 1 to 5 in words.
pub fn mood(mood: u8) -> &'static str {
    match mood {
        1 => "Very low",
        2 => "Low",
        3 => "Okay",
        4 => "Good",
        _ => "Very good",
    }
}

/// The id suffix for an acknowledgement button.
pub fn ack_key(kind: AckKind) -> &'static str {
    match kind {
        AckKind::Seen => "seen",
        AckKind::ThankYou => "thanks",
        AckKind::SeeItDifferently => "differ",
    }
}

/// A reply to a mark in words: "Ben replied “Thank you”", with its note after a colon.
pub fn reply(name: &str, kind: AckKind, note: &str) -> String {
    match note.is_empty() {
        true => format!("{name} replied “{}”", kind.label()),
        false => format!("{name} replied “{}”: {note}", kind.label()),
    }
}

/// "Monday, May 4".
pub fn long_day(day: Day) -> String {
    day.0.format("%A, %B %-d").to_string()
}

/// "Mon, May 4".
pub fn short_day(day: Day) -> String {
    day.0.format("%a, %b %-d").to_string()
}

/// "May 4", for chart axes and short lists.
pub fn month_day(day: Day) -> String {
    day.0.format("%b %-d").to_string()
}

/// The id suffix for a root-cause factor (`rootcause-factor-{key}`).
pub fn factor_key(factor: RootCauseFactor) -> &'static str {
    match factor {
        RootCauseFactor::PoorCommunication => "poor-communication",
        RootCauseFactor::InconsistentBehaviour => "inconsistent-behaviour",
        RootCauseFactor::Betrayal => "betrayal",
        RootCauseFactor::Misunderstanding => "misunderstanding",
        RootCauseFactor::Other => "other",
    }
}

/// The id suffix for a response to an apology (`apology-respond-{id}-{key}`).
pub fn response_key(kind: ResponseKind) -> &'static str {
    match kind {
        ResponseKind::HearYou => "hear",
        ResponseKind::NotReadyYet => "notready",
        ResponseKind::Words => "words",
    }
}

/// The id suffix for an insights range (`insights-range-{key}`).
pub fn range_key(range: InsightRange) -> &'static str {
    match range {
        InsightRange::Last30Days => "30",
        InsightRange::Last90Days => "90",
        InsightRange::LastYear => "365",
        InsightRange::All => "all",
    }
}

/// An error message as a sentence for the screen: capitalised, one full stop.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str().trim_end_matches('.')),
        None => String::new(),
    }
}
