//! Where each kind of record lives in a document: its key prefix and natural key.

use crate::model::{
    Acknowledgement, Answer, Apology, ApologyResponse, CheckIn, ClosingReflection, DismissedSuggestion,
    JournalEntry, Note, Outcome, PartChoice, Partner, Promise, Question, Reflection, RootCauseView,
    SharedPart, StepProgress, Talk, TalkReply,
};
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// A typed record stored under the document root at `"{PREFIX}{key}"`.
pub trait Record: Reconcile + Hydrate + Clone {
    /// Key prefix, ending in `/`.
    const PREFIX: &'static str;
    /// Human name, for errors.
    const WHAT: &'static str;

    /// The record's natural key (without the prefix).
    fn natural_key(&self) -> String;

    /// When its author last wrote it. Two versions of one record exist only when the same key
    /// was created on two copies that never saw each other (a phone that erased its copy and
    /// later merges again with its partner's); the one written last is the author's current
    /// word. `None` leaves the choice to automerge.
    fn written_at(&self) -> Option<Stamp> {
        None
    }

    /// The full document key.
    fn doc_key(&self) -> String {
        format!("{}{}", Self::PREFIX, self.natural_key())
    }
}

macro_rules! record {
    ($ty:ty, $prefix:literal, $what:literal, |$r:ident| $key:expr $(, written |$w:ident| $at:expr)?) => {
        impl Record for $ty {
            const PREFIX: &'static str = $prefix;
            const WHAT: &'static str = $what;
            fn natural_key(&self) -> String {
                let $r = self;
                $key
            }
            $(
                fn written_at(&self) -> Option<Stamp> {
                    let $w = self;
                    Some($at)
                }
            )?
        }
    };
}

record!(Partner, "partner/", "partner", |r| r.id.to_string(), written | r | r.joined_at);
record!(CheckIn, "checkin/", "check-in", |r| format!("{}/{}", r.date, r.partner), written | r | r.updated_at);
record!(Promise, "promise/", "promise", |r| r.id.to_string());
record!(Outcome, "outcome/", "outcome", |r| format!("{}/{}", r.promise, r.date), written | r | r.at);
record!(Acknowledgement, "ack/", "acknowledgement", |r| format!("{}|{}", r.target, r.by), written | r | r.at);
record!(JournalEntry, "journal/", "journal entry", |r| r.id.to_string());
record!(Apology, "apology/", "apology", |r| r.id.to_string());
record!(ApologyResponse, "response/", "apology response", |r| r.apology.to_string(), written | r | r.at);
record!(
    Reflection,
    "reflection/",
    "reflection",
    |r| format!("{}/{}", r.prompt, r.partner),
    written | r | r.at
);
record!(
    StepProgress,
    "progress/",
    "step progress",
    |r| format!("{}/{}", r.step, r.partner),
    written | r | r.completed_at.unwrap_or(r.started_at)
);
record!(RootCauseView, "rootcause/", "root-cause view", |r| r.partner.to_string(), written | r | r.at);
record!(Talk, "talk/", "weekly talk", |r| format!("{}/{}", r.week_of, r.author), written | r | r.at);
record!(TalkReply, "talkreply/", "talk reply", |r| format!("{}/{}", r.week_of, r.to), written | r | r.at);
record!(Note, "note/", "note", |r| r.id.to_string());
record!(ClosingReflection, "closing/", "closing reflection", |r| r.partner.to_string(), written | r | r.at);
record!(Question, "question/", "question", |r| r.id.to_string(), written | r | r.updated_at);
record!(Answer, "answer/", "answer", |r| r.question.to_string(), written | r | r.at);
record!(SharedPart, "part/", "shared part", |r| r.partner.to_string(), written | r | r.at);
// Private document only: one choice per phone, at a fixed key.
record!(PartChoice, "part/", "part", |_r| PartChoice::KEY.to_string(), written | r | r.at);
record!(
    DismissedSuggestion,
    "dismissed/",
    "dismissed suggestion",
    |r| r.suggestion.clone(),
    written | r | r.at
);
