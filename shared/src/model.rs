//! The couple's records as typed values, and the rules every record must satisfy.
//!
//! Records are written into the automerge documents by [`crate::doc`]; validation happens here,
//! at the edge, so a bad form never reaches a document.

mod ack;
mod apology;
mod checkin;
mod error;
mod exercise;
mod journal;
mod outcome;
mod part;
mod partner;
mod progress;
mod promise;
mod question;
mod reflection;
mod suggestion;
mod text;

pub use ack::{AckKind, AckTarget, Acknowledgement};
pub use apology::{Apology, ApologyDraft, ApologyResponse, ResponseKind};
pub use checkin::{CheckIn, CheckInDraft, MOOD_RANGE, TRUST_RANGE};
pub use error::ModelError;
pub use exercise::{ClosingReflection, Note, NoteKind, RootCauseFactor, RootCauseView, Talk, TalkReply};
pub use journal::{JournalDraft, JournalEntry, Visibility};
pub use outcome::{Outcome, OutcomeKind};
pub use part::{ApologyLead, Part, PartChoice, SharedPart, UnknownPart};
pub use partner::Partner;
pub use progress::{StepProgress, StepState};
pub use promise::{Cadence, Promise, PromiseDraft, PromiseStatus};
pub use question::{Answer, Question, QuestionState};
pub use reflection::Reflection;
pub use suggestion::DismissedSuggestion;
pub use text::{TextField, TextLimit};
