//! The couple's shared document as typed tables, kept in step with the automerge document.

use super::Table;
use super::state::table_state;
use crate::ids::{PartnerId, PromiseId};
use crate::model::{
    AckTarget, Acknowledgement, Answer, Apology, ApologyResponse, CheckIn, ClosingReflection, JournalEntry,
    Note, Outcome, Partner, Promise, Question, Reflection, RootCauseView, SharedPart, StepProgress, Talk,
    TalkReply,
};
use crate::time::Day;

/// Everything both partners share, hydrated from the shared document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SharedState {
    /// The partners (two once paired).
    pub partners: Table<Partner>,
    /// Check-ins keyed `{date}/{partner}`.
    pub checkins: Table<CheckIn>,
    /// Promises keyed by id.
    pub promises: Table<Promise>,
    /// Outcomes keyed `{promise}/{date}`.
    pub outcomes: Table<Outcome>,
    /// Acknowledgements keyed `{target}|{by}`.
    pub acks: Table<Acknowledgement>,
    /// Shared journal entries keyed by id.
    pub journal: Table<JournalEntry>,
    /// Apologies keyed by id.
    pub apologies: Table<Apology>,
    /// Apology responses keyed by apology id.
    pub responses: Table<ApologyResponse>,
    /// Guide reflections keyed `{prompt}/{partner}`.
    pub reflections: Table<Reflection>,
    /// Guide progress keyed `{step}/{partner}`.
    pub progress: Table<StepProgress>,
    /// Root-cause views keyed by partner.
    pub root_causes: Table<RootCauseView>,
    /// Weekly talks keyed `{week}/{author}`.
    pub talks: Table<Talk>,
    /// Replies to weekly talks keyed `{week}/{talk author}`.
    pub talk_replies: Table<TalkReply>,
    /// Disclosures and support requests keyed by id.
    pub notes: Table<Note>,
    /// Closing reflections keyed by partner.
    pub closings: Table<ClosingReflection>,
    /// Each partner's part, keyed by partner — present only while its owner shares it.
    pub parts: Table<SharedPart>,
    /// "Questions I need answered", keyed by id.
    pub questions: Table<Question>,
    /// Answers to those questions, keyed by question id.
    pub answers: Table<Answer>,
}

table_state!(SharedState {
    partners: Partner,
    checkins: CheckIn,
    promises: Promise,
    outcomes: Outcome,
    acks: Acknowledgement,
    journal: JournalEntry,
    apologies: Apology,
    responses: ApologyResponse,
    reflections: Reflection,
    progress: StepProgress,
    root_causes: RootCauseView,
    talks: Talk,
    talk_replies: TalkReply,
    notes: Note,
    closings: ClosingReflection,
    parts: SharedPart,
    questions: Question,
    answers: Answer,
});

impl SharedState {
    /// The partner other than `me`, once paired.
    pub fn partner_of(&self, me: &PartnerId) -> Option<&Partner> {
        self.partners.iter().find(|p| &p.id != me)
    }

    /// A partner's display name, or a gentle placeholder.
    pub fn name_of(&self, id: &PartnerId) -> String {
        self.partners.get(id.as_str()).map(|p| p.name.clone()).unwrap_or_else(|| "your partner".to_string())
    }

    /// One partner's check-in on one day.
    pub fn checkin(&self, date: Day, partner: &PartnerId) -> Option<&CheckIn> {
        self.checkins.get(&format!("{date}/{partner}"))
    }

    /// One partner's check-ins, oldest first.
    pub fn checkins_of<'a>(
        &'a self,
        partner: &'a PartnerId,
    ) -> impl DoubleEndedIterator<Item = &'a CheckIn> + 'a {
        self.checkins.iter().filter(move |c| &c.partner == partner)
    }

    /// A promise by id.
    pub fn promise(&self, id: &PromiseId) -> Option<&Promise> {
        self.promises.get(id.as_str())
    }

    /// A promise's outcomes, oldest first.
    pub fn outcomes_of<'a>(
        &'a self,
        promise: &PromiseId,
    ) -> impl DoubleEndedIterator<Item = &'a Outcome> + use<'a> {
        self.outcomes.with_prefix(&format!("{promise}/"))
    }

    /// The outcome of a promise on a day.
    pub fn outcome(&self, promise: &PromiseId, date: Day) -> Option<&Outcome> {
        self.outcomes.get(&format!("{promise}/{date}"))
    }

    /// Where `partner` stands on `step`.
    pub fn step_state(&self, step: crate::guide::StepId, partner: &PartnerId) -> crate::model::StepState {
        use crate::model::StepState;
        match self.progress.get(&format!("{step}/{partner}")) {
            Some(p) if p.completed_at.is_some() => StepState::Done,
            Some(_) => StepState::Started,
            None => StepState::NotStarted,
        }
    }

    /// A partner's current step: the first, in program order, they haven't marked done (`None`
    /// once every step is done).
    pub fn current_step(&self, partner: &PartnerId) -> Option<crate::guide::StepId> {
        crate::guide::steps()
            .iter()
            .map(|s| s.id)
            .find(|id| self.step_state(*id, partner) != crate::model::StepState::Done)
    }

    /// A partner's part, if they chose to share it.
    pub fn shared_part_of(&self, partner: &PartnerId) -> Option<&SharedPart> {
        self.parts.get(partner.as_str())
    }

    /// Acknowledgements of one record, by either partner.
    pub fn acks_of<'a>(&'a self, target: &AckTarget) -> impl Iterator<Item = &'a Acknowledgement> + use<'a> {
        self.acks.with_prefix(&format!("{target}|"))
    }
}
