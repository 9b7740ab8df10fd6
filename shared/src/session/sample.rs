//! Generated couple histories for demos, benchmarks and tests (never used for real data).

use super::slot::encode_heads;
use super::{Session, SessionError};
use crate::doc::{DocState, Record, SharedState};
use crate::ids::{EntryId, PartnerId, PromiseId};
use crate::model::{
    AckKind, AckTarget, Acknowledgement, Cadence, CheckIn, JournalEntry, Outcome, OutcomeKind, Partner,
    Promise, PromiseStatus,
};
use crate::store::DocKind;
use crate::time::{Day, Stamp};
use chrono::{Duration, FixedOffset};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How much history to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleSpec {
    /// Days of history, ending today.
    pub days: u32,
    /// Promises made over that time (split between the partners).
    pub promises: usize,
    /// Days of outcomes each promise collects while active.
    pub outcome_days_per_promise: u32,
    /// Shared journal entries.
    pub journal_entries: usize,
    /// Characters per journal entry.
    pub journal_chars: usize,
    /// Seed, so the same spec gives the same history.
    pub seed: u64,
}

impl SampleSpec {
    /// About three years of daily use: ~2,200 check-ins, 60 promises with ~8,000 outcomes and
    /// 1,000 journal entries of ~800 characters.
    pub fn three_years() -> Self {
        Self {
            days: 1100,
            promises: 60,
            outcome_days_per_promise: 134,
            journal_entries: 1000,
            journal_chars: 800,
            seed: 7,
        }
    }

    /// A few weeks of use: enough for screenshots and demos.
    pub fn weeks(days: u32) -> Self {
        Self {
            days,
            promises: 3,
            outcome_days_per_promise: days,
            journal_entries: 4,
            journal_chars: 300,
            seed: 11,
        }
    }
}

const PHRASES: &[&str] = &[
    "We talked after dinner and it went better than I expected.",
    "I noticed I got defensive again when you asked about the weekend.",
    "Thank you for telling me before I had to ask.",
    "Some days the old hurt comes back without warning.",
    "I want to keep showing up, even when it is uncomfortable.",
    "The walk by the river helped us both slow down.",
    "I felt heard when you repeated back what I said.",
    "We agreed to pause and come back to it tomorrow.",
];

const PROMISES: &[&str] = &[
    "Text when I'm running late",
    "Phone down at dinner",
    "Share my calendar for the week",
    "Ask before making plans for both of us",
    "Go for a walk together",
    "Say one thing I appreciate",
];

impl Session {
    /// Create a data file at `path` holding a generated history for a profile named `me` and a
    /// partner named `partner` (benchmarks and demos start from this).
    pub fn create_sample_file(
        path: &std::path::Path,
        clock: std::sync::Arc<dyn crate::time::Clock>,
        me: &str,
        partner: &str,
        spec: SampleSpec,
    ) -> Result<(), SessionError> {
        let mut session = Session::open_with_clock(path, clock)?;
        session.create_profile(me)?;
        session.generate_sample(partner, spec)?;
        Ok(())
    }

    /// Fill this (empty) session with a generated history for its profile and a partner named
    /// `partner_name`, one change per record as real use would make, then compact it to disk.
    /// Returns the generated partner's id.
    pub fn generate_sample(
        &mut self,
        partner_name: &str,
        spec: SampleSpec,
    ) -> Result<PartnerId, SessionError> {
        let me = self.require_me()?;
        let today = self.today();
        let offset = *self.now().0.offset();
        let mut rng = StdRng::seed_from_u64(spec.seed);
        let partner_actor = uuid::Uuid::new_v4().as_bytes().to_vec();
        let partner =
            Partner { id: PartnerId::random(), name: partner_name.to_string(), joined_at: self.now() };
        let authors = [(me.clone(), self.actor.clone()), (partner.id.clone(), partner_actor)];
        let first_day = today.plus_days(-i64::from(spec.days) + 1);
        let stamp = |day: Day, hour: i64| stamp_at(day, hour, offset);

        let mut writer = SampleWriter { session: self };
        writer.put(&authors[1].1, &partner, stamp(first_day, 9))?;

        for d in 0..spec.days {
            let day = first_day.plus_days(i64::from(d));
            for (who, actor) in &authors {
                let trend = f64::from(d) / f64::from(spec.days.max(1));
                let trust = (3.0 + 5.0 * trend + rng.gen_range(-1.5..1.5)).round().clamp(0.0, 10.0) as u8;
                let at = stamp(day, 20);
                let checkin = CheckIn {
                    partner: who.clone(),
                    date: day,
                    mood: rng.gen_range(2..=5),
                    trust,
                    feel: PHRASES[rng.gen_range(0..PHRASES.len())].chars().take(60).collect(),
                    need: "Time together without phones".to_string(),
                    appreciate: "You listened".to_string(),
                    written_at: at,
                    updated_at: at,
                };
                writer.put(actor, &checkin, at)?;
            }
        }

        let span = spec.days.saturating_sub(spec.outcome_days_per_promise).max(1);
        for i in 0..spec.promises {
            let (owner, actor) = &authors[i % 2];
            let (ack_by, ack_actor) = &authors[(i + 1) % 2];
            let starts = first_day.plus_days(i64::from(span) * i as i64 / spec.promises.max(1) as i64);
            let promise = Promise {
                id: PromiseId::random(),
                owner: owner.clone(),
                title: PROMISES[i % PROMISES.len()].to_string(),
                why: "So you can rely on what I say.".to_string(),
                cadence: if i % 3 == 0 { Cadence::PerWeek { times: 3 } } else { Cadence::Daily },
                status: PromiseStatus::Active,
                starts_on: starts,
                apology: None,
                created_at: stamp(starts, 8),
                updated_at: stamp(starts, 8),
            };
            writer.put(actor, &promise, stamp(starts, 8))?;
            for k in 0..spec.outcome_days_per_promise {
                let day = starts.plus_days(i64::from(k));
                if day > today {
                    break;
                }
                let roll: f64 = rng.r#gen();
                let kind = if roll < 0.72 {
                    OutcomeKind::Kept
                } else if roll < 0.86 {
                    OutcomeKind::Partial
                } else {
                    OutcomeKind::Missed
                };
                let outcome = Outcome {
                    promise: promise.id.clone(),
                    date: day,
                    kind,
                    note: String::new(),
                    by: owner.clone(),
                    at: stamp(day, 21),
                };
                writer.put(actor, &outcome, stamp(day, 21))?;
                if k % 4 == 0 {
                    let ack = Acknowledgement {
                        target: AckTarget::Outcome { promise: promise.id.clone(), date: day },
                        by: ack_by.clone(),
                        kind: AckKind::ThankYou,
                        note: String::new(),
                        at: stamp(day, 22),
                    };
                    writer.put(ack_actor, &ack, stamp(day, 22))?;
                }
            }
        }

        for i in 0..spec.journal_entries {
            let (author, actor) = &authors[i % 2];
            let day =
                first_day.plus_days((i64::from(spec.days) * i as i64) / spec.journal_entries.max(1) as i64);
            let mut body = String::new();
            while body.chars().count() < spec.journal_chars {
                body.push_str(PHRASES[rng.gen_range(0..PHRASES.len())]);
                body.push(' ');
            }
            let body: String = body.chars().take(spec.journal_chars).collect();
            let entry = JournalEntry {
                id: EntryId::random(),
                author: author.clone(),
                title: format!("Evening notes {}", i + 1),
                body,
                step: None,
                prompt: None,
                created_at: stamp(day, 22),
                updated_at: stamp(day, 22),
            };
            writer.put(actor, &entry, stamp(day, 22))?;
        }

        let actor = self.actor.clone();
        let doc = &mut self.loaded(DocKind::Shared)?.doc;
        doc.set_actor(&actor);
        let state = SharedState::hydrate(doc)?;
        let heads = encode_heads(&doc.heads());
        self.shared_state = state;
        self.compact()?;
        self.store.rebuild_view(DocKind::Shared, &self.shared_state.view_rows()?, &heads)?;
        Ok(partner.id)
    }
}

/// Writes records as the author's device would, one commit each, without touching disk.
struct SampleWriter<'a> {
    session: &'a mut Session,
}

impl SampleWriter<'_> {
    fn put<T: Record>(&mut self, actor: &[u8], record: &T, at: Stamp) -> Result<(), SessionError> {
        let doc = &mut self.session.loaded(DocKind::Shared)?.doc;
        doc.set_actor(actor);
        doc.put(record)?;
        doc.commit_at(at.unix_millis());
        Ok(())
    }
}

fn stamp_at(day: Day, hour: i64, offset: FixedOffset) -> Stamp {
    let local = day.0.and_time(chrono::NaiveTime::MIN) + Duration::hours(hour);
    let utc = local - Duration::seconds(i64::from(offset.local_minus_utc()));
    Stamp(chrono::DateTime::from_naive_utc_and_offset(utc, offset))
}
