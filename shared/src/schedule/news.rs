//! What my partner shared lately: their check-in and their recent marks, with my acknowledgements.
//!
//! "New" means recent and not yet acknowledged by me; acknowledging a mark is how I say I saw it.

use crate::doc::SharedState;
use crate::ids::PartnerId;
use crate::model::{AckTarget, Acknowledgement, CheckIn, Outcome, Promise};
use crate::time::Day;

/// One of my partner's marks on their own promise, with my acknowledgement if I gave one.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerMark<'a> {
    /// The promise.
    pub promise: &'a Promise,
    /// Their mark.
    pub outcome: &'a Outcome,
    /// My acknowledgement of it.
    pub my_ack: Option<&'a Acknowledgement>,
}

impl PartnerMark<'_> {
    /// Whether I haven't acknowledged this mark yet.
    pub fn is_new(&self) -> bool {
        self.my_ack.is_none()
    }

    /// What an acknowledgement of this mark points at.
    pub fn target(&self) -> AckTarget {
        AckTarget::Outcome { promise: self.outcome.promise.clone(), date: self.outcome.date }
    }
}

/// My latest acknowledgement of `target`.
pub fn my_ack<'a>(state: &'a SharedState, target: &AckTarget, me: &PartnerId) -> Option<&'a Acknowledgement> {
    state.acks_of(target).find(|a| &a.by == me)
}

/// My partner's marks dated within the last `days` days up to `today` (and one day beyond, for a
/// partner whose time zone is ahead), newest first.
pub fn partner_marks<'a>(
    state: &'a SharedState,
    me: &PartnerId,
    today: Day,
    days: i64,
) -> Vec<PartnerMark<'a>> {
    let from = today.plus_days(1 - days.max(1));
    let to = today.plus_days(1);
    let mut marks: Vec<PartnerMark<'a>> = state
        .outcomes
        .iter()
        .filter(|o| &o.by != me && o.date >= from && o.date <= to)
        .filter_map(|o| {
            let promise = state.promise(&o.promise).filter(|p| &p.owner != me)?;
            let target = AckTarget::Outcome { promise: o.promise.clone(), date: o.date };
            Some(PartnerMark { promise, outcome: o, my_ack: my_ack(state, &target, me) })
        })
        .collect();
    marks.sort_by(|a, b| b.outcome.date.cmp(&a.outcome.date).then(b.outcome.at.cmp(&a.outcome.at)));
    marks
}

/// My partner's check-in for today: the latest one dated yesterday, today or tomorrow (their
/// local day may differ from mine).
pub fn partner_checkin<'a>(state: &'a SharedState, me: &PartnerId, today: Day) -> Option<&'a CheckIn> {
    let partner = state.partner_of(me)?;
    state
        .checkins_of(&partner.id)
        .filter(|c| c.date >= today.plus_days(-1) && c.date <= today.plus_days(1))
        .max_by_key(|c| c.date)
}
