//! Where each kind of record lives in a document: its key prefix and natural key.

use crate::model::{
    Acknowledgement, Apology, ApologyResponse, CheckIn, ClosingReflection, JournalEntry, Note, Outcome,
    Partner, Promise, Reflection, RootCauseView, StepProgress, Talk, TalkReply,
};
use autosurgeon::{Hydrate, Reconcile};

/// A typed record stored under the document root at `"{PREFIX}{key}"`.
pub trait Record: Reconcile + Hydrate + Clone {
    /// Key prefix, ending in `/`.
    const PREFIX: &'static str;
    /// Human name, for errors.
    const WHAT: &'static str;

    /// The record's natural key (without the prefix).
    fn natural_key(&self) -> String;

    /// The full document key.
    fn doc_key(&self) -> String {
        format!("{}{}", Self::PREFIX, self.natural_key())
    }
}

macro_rules! record {
    ($ty:ty, $prefix:literal, $what:literal, |$r:ident| $key:expr) => {
        impl Record for $ty {
            const PREFIX: &'static str = $prefix;
            const WHAT: &'static str = $what;
            fn natural_key(&self) -> String {
                let $r = self;
                $key
            }
        }
    };
}

record!(Partner, "partner/", "partner", |r| r.id.to_string());
record!(CheckIn, "checkin/", "check-in", |r| format!("{}/{}", r.date, r.partner));
record!(Promise, "promise/", "promise", |r| r.id.to_string());
record!(Outcome, "outcome/", "outcome", |r| format!("{}/{}", r.promise, r.date));
record!(Acknowledgement, "ack/", "acknowledgement", |r| format!("{}|{}", r.target, r.by));
record!(JournalEntry, "journal/", "journal entry", |r| r.id.to_string());
record!(Apology, "apology/", "apology", |r| r.id.to_string());
record!(ApologyResponse, "response/", "apology response", |r| r.apology.to_string());
record!(Reflection, "reflection/", "reflection", |r| format!("{}/{}", r.prompt, r.partner));
record!(StepProgress, "progress/", "step progress", |r| format!("{}/{}", r.step, r.partner));
record!(RootCauseView, "rootcause/", "root-cause view", |r| r.partner.to_string());
record!(Talk, "talk/", "weekly talk", |r| format!("{}/{}", r.week_of, r.author));
record!(TalkReply, "talkreply/", "talk reply", |r| format!("{}/{}", r.week_of, r.to));
record!(Note, "note/", "note", |r| r.id.to_string());
record!(ClosingReflection, "closing/", "closing reflection", |r| r.partner.to_string());
