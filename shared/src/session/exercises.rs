//! The guide exercises as session operations: root-cause views, talks, notes, closing reflections.
//!
//! Every exercise record is written by its author only, and only its author may change it:
//! - **Root cause** (step 1): each partner marks the factors they see and writes their view. The
//!   app shows the partner's answer only once both have answered ([`SharedState::root_cause_reveal`]).
//!   That is a kindness, not secrecy: the record sits in the couple's shared document from the
//!   moment it is written, so neither answer is shaped by the other's.
//! - **Weekly talk** (step 2): "what I felt" and "what I need" for the current Monday-to-Sunday
//!   week, one per partner per week and revisable; the other partner may reply beside it.
//! - **Notes**: "I want you to know" disclosures and "this week I need…" support requests. A
//!   disclosure is chosen by the writer, never collected: there is no operation that asks the
//!   partner for one. The partner answers a note with
//!   [`Session::acknowledge`]`(AckTarget::Note { .. }, AckKind::ThankYou, ..)`.
//! - **Promises kept lately** (step 5): my partner's promises marked kept in the last
//!   [`SharedState::KEPT_LATELY_DAYS`] days, each to thank them for
//!   ([`SharedState::partner_kept_lately`]) — noticing care, never keeping count.
//! - **Closing reflection**: each partner's words on the whole program, revisable.
//!
//! Apologies (step 4) live in the apology composer (`Session::apologize`).

use super::{Session, SessionError};
use crate::doc::{Record, SharedState};
use crate::ids::{ExerciseEntryId, PartnerId};
use crate::model::{
    AckTarget, Acknowledgement, ClosingReflection, ModelError, Note, NoteKind, OutcomeKind, RootCauseFactor,
    RootCauseView, Talk, TalkReply, TextField,
};
use crate::schedule::{PartnerMark, partner_marks, week_start};
use crate::time::Day;

impl Session {
    /// Save (or revise) my root-cause view: at least one factor, the words for "something else"
    /// when it is chosen, and my view in my own words. Factors are kept once each, in the order
    /// the app offers them; the "something else" words are dropped if it isn't chosen.
    pub fn save_root_cause(
        &mut self,
        factors: &[RootCauseFactor],
        other: &str,
        view: &str,
    ) -> Result<RootCauseView, SessionError> {
        let me = self.require_me()?;
        let chosen = RootCauseFactor::in_order(factors);
        if chosen.is_empty() {
            return Err(ModelError::NoFactorChosen.into());
        }
        let other = if chosen.contains(&RootCauseFactor::Other) {
            let words = TextField::RootCauseOther.clean(other)?;
            if words.is_empty() {
                return Err(ModelError::WordsRequired(RootCauseFactor::Other.label()).into());
            }
            words
        } else {
            String::new()
        };
        let record = RootCauseView {
            partner: me,
            factors: chosen,
            other,
            view: TextField::RootCauseView.clean(view)?,
            at: self.now(),
        };
        self.edit_shared(|doc| {
            doc.put(&record)?;
            Ok(vec![record.doc_key()])
        })?;
        Ok(record)
    }

    /// Save (or revise) my weekly talk for the current week (Monday to Sunday on this phone's
    /// clock). A reply my partner already wrote stays beside it.
    pub fn save_talk(&mut self, felt: &str, need: &str) -> Result<Talk, SessionError> {
        let me = self.require_me()?;
        let talk = Talk {
            week_of: week_start(self.today()),
            author: me,
            felt: TextField::TalkFelt.clean(felt)?,
            need: TextField::TalkNeed.clean(need)?,
            at: self.now(),
        };
        self.edit_shared(|doc| {
            doc.put(&talk)?;
            Ok(vec![talk.doc_key()])
        })?;
        Ok(talk)
    }

    /// Reply to my partner's talk of the week containing `week_of` (any day of it will do);
    /// replying again replaces my earlier reply. Only the other partner may reply, and only to
    /// a talk that exists.
    pub fn reply_to_talk(
        &mut self,
        week_of: Day,
        to: &PartnerId,
        text: &str,
    ) -> Result<TalkReply, SessionError> {
        let me = self.require_me()?;
        let week_of = week_start(week_of);
        if to == &me {
            return Err(ModelError::OwnRecord { action: "reply to", what: "weekly talk" }.into());
        }
        if self.shared_state.talks.get(&format!("{week_of}/{to}")).is_none() {
            return Err(
                ModelError::UnknownRecord { what: "weekly talk", id: format!("{week_of}/{to}") }.into()
            );
        }
        let reply = TalkReply {
            week_of,
            to: to.clone(),
            by: me,
            text: TextField::TalkReply.clean(text)?,
            at: self.now(),
        };
        self.edit_shared(|doc| {
            doc.put(&reply)?;
            Ok(vec![reply.doc_key()])
        })?;
        Ok(reply)
    }

    /// Write a new note of my own: an "I want you to know" disclosure or a "this week I need…"
    /// support request.
    pub fn add_note(&mut self, kind: NoteKind, text: &str) -> Result<Note, SessionError> {
        let me = self.require_me()?;
        let now = self.now();
        let note = Note {
            id: ExerciseEntryId::random(),
            kind,
            author: me,
            text: TextField::ExerciseNote.clean(text)?,
            created_at: now,
            updated_at: now,
        };
        self.edit_shared(|doc| {
            doc.put(&note)?;
            Ok(vec![note.doc_key()])
        })?;
        Ok(note)
    }

    /// Change the words of one of my notes.
    pub fn edit_note(&mut self, id: &ExerciseEntryId, text: &str) -> Result<Note, SessionError> {
        let mut note = self.own_note(id)?;
        note.text = TextField::ExerciseNote.clean(text)?;
        note.updated_at = self.now();
        self.edit_shared(|doc| {
            doc.put(&note)?;
            Ok(vec![note.doc_key()])
        })?;
        Ok(note)
    }

    /// Delete one of my notes. My partner's acknowledgements of it are theirs and stay, unseen.
    pub fn delete_note(&mut self, id: &ExerciseEntryId) -> Result<(), SessionError> {
        let note = self.own_note(id)?;
        self.edit_shared(|doc| {
            doc.delete::<Note>(&note.natural_key())?;
            Ok(vec![note.doc_key()])
        })
    }

    /// Save (or revise) my closing reflection on the whole guide.
    pub fn save_closing_reflection(&mut self, text: &str) -> Result<ClosingReflection, SessionError> {
        let me = self.require_me()?;
        let closing = ClosingReflection {
            partner: me,
            text: TextField::ClosingReflection.clean(text)?,
            at: self.now(),
        };
        self.edit_shared(|doc| {
            doc.put(&closing)?;
            Ok(vec![closing.doc_key()])
        })?;
        Ok(closing)
    }

    /// A note that exists and is mine, or the specific reason it can't be changed.
    fn own_note(&self, id: &ExerciseEntryId) -> Result<Note, SessionError> {
        let me = self.require_me()?;
        let note = self
            .shared_state
            .notes
            .get(id.as_str())
            .cloned()
            .ok_or_else(|| ModelError::UnknownRecord { what: "note", id: id.to_string() })?;
        if note.author != me {
            return Err(ModelError::NotYourWords {
                what: "note",
                owner: self.shared_state.name_of(&note.author),
            }
            .into());
        }
        Ok(note)
    }
}

/// What the root-cause exercise shows me: my own answer, and my partner's once we both answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RootCauseReveal<'a> {
    /// My answer, if I have written one.
    pub mine: Option<&'a RootCauseView>,
    /// My partner's answer, as far as it can be shown yet.
    pub partner: PartnerView<'a>,
}

/// How much of my partner's answer the app shows: their root-cause view, or their answer to a
/// guide reflection prompt ([`SharedState::partner_reflection`](crate::doc::SharedState)).
#[derive(Debug, PartialEq, Eq)]
pub enum PartnerView<'a, T = RootCauseView> {
    /// My partner hasn't answered yet (or we aren't paired yet).
    NotYet,
    /// My partner has answered; it is shown once I have answered too, so my answer stays my own.
    HiddenUntilYouAnswer,
    /// Their answer, to read beside mine.
    Revealed(&'a T),
}

// By hand: a derive would ask `T: Copy`, but only a reference to `T` is held.
impl<T> Clone for PartnerView<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for PartnerView<'_, T> {}

/// One week's talks: mine and my partner's, each with the reply written to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkWeek<'a> {
    /// Monday of the week.
    pub week_of: Day,
    /// My talk that week, with my partner's reply.
    pub mine: Option<TalkWithReply<'a>>,
    /// My partner's talk that week, with my reply.
    pub partner: Option<TalkWithReply<'a>>,
}

/// A weekly talk and the other partner's reply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TalkWithReply<'a> {
    /// The talk.
    pub talk: &'a Talk,
    /// The reply beside it, if written.
    pub reply: Option<&'a TalkReply>,
}

/// A note with the other partner's acknowledgements of it (a "thank you" to a support request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteWithAcks<'a> {
    /// The note.
    pub note: &'a Note,
    /// Acknowledgements by the partner who didn't write it.
    pub acks: Vec<&'a Acknowledgement>,
}

impl SharedState {
    /// The root-cause exercise as `me` may see it: my partner's answer stays hidden until I have
    /// answered too, then both are shown side by side. This is a kindness in the app, not
    /// secrecy — both answers are in the couple's shared document as soon as they are written.
    pub fn root_cause_reveal(&self, me: &PartnerId) -> RootCauseReveal<'_> {
        let mine = self.root_causes.get(me.as_str());
        let theirs = self.root_causes.iter().find(|v| &v.partner != me);
        let partner = match (mine, theirs) {
            (_, None) => PartnerView::NotYet,
            (None, Some(_)) => PartnerView::HiddenUntilYouAnswer,
            (Some(_), Some(view)) => PartnerView::Revealed(view),
        };
        RootCauseReveal { mine, partner }
    }

    /// The talk `author` wrote for the week containing `day`, if any.
    pub fn talk(&self, day: Day, author: &PartnerId) -> Option<&Talk> {
        self.talks.get(&format!("{}/{author}", week_start(day)))
    }

    /// Every week with a talk, newest first, with both partners' talks and replies side by side.
    pub fn talks_by_week(&self, me: &PartnerId) -> Vec<TalkWeek<'_>> {
        let mut weeks: Vec<TalkWeek<'_>> = Vec::new();
        // Keys are `{week}/{author}`, so talks of one week are adjacent; walk newest first.
        for talk in self.talks.iter().rev() {
            if weeks.last().is_none_or(|w| w.week_of != talk.week_of) {
                weeks.push(TalkWeek { week_of: talk.week_of, mine: None, partner: None });
            }
            let reply = self.talk_replies.get(&format!("{}/{}", talk.week_of, talk.author));
            let side = Some(TalkWithReply { talk, reply });
            if let Some(week) = weeks.last_mut() {
                if &talk.author == me {
                    week.mine = side;
                } else {
                    week.partner = side;
                }
            }
        }
        weeks
    }

    /// Notes of one kind, newest first, each with the other partner's acknowledgements.
    pub fn notes_of_kind(&self, kind: NoteKind) -> Vec<NoteWithAcks<'_>> {
        let mut notes: Vec<NoteWithAcks<'_>> = self
            .notes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|note| {
                let target = AckTarget::Note { entry: note.id.clone() };
                let acks = self.acks_of(&target).filter(|a| a.by != note.author).collect();
                NoteWithAcks { note, acks }
            })
            .collect();
        notes.sort_by(|a, b| b.note.created_at.cmp(&a.note.created_at).then(a.note.id.cmp(&b.note.id)));
        notes
    }

    /// How many days back "promises kept lately" reaches: two weeks, today included.
    pub const KEPT_LATELY_DAYS: i64 = 14;

    /// My partner's promises marked kept in the last [`Self::KEPT_LATELY_DAYS`] days as of
    /// `today` (a mark dated tomorrow counts too: their day may already have begun), newest
    /// first, each with my thank-you if I gave one. Only kept marks: this is for appreciation,
    /// so a partly kept or missed day is never listed here.
    pub fn partner_kept_lately(&self, me: &PartnerId, today: Day) -> Vec<PartnerMark<'_>> {
        partner_marks(self, me, today, Self::KEPT_LATELY_DAYS)
            .into_iter()
            .filter(|m| m.outcome.kind == OutcomeKind::Kept)
            .collect()
    }

    /// A partner's closing reflection, if written.
    pub fn closing_of(&self, partner: &PartnerId) -> Option<&ClosingReflection> {
        self.closings.get(partner.as_str())
    }
}
