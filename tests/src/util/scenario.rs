//! A couple's everyday use, simulated: the same day of edits for tests and benchmarks.

use mend_shared::model::*;
use mend_shared::session::Session;
use std::collections::BTreeMap;

/// Give Ana and Ben three daily promises each.
pub fn promises_for_both(ana: &super::Phone, ben: &super::Phone) {
    ana.with(|s| make_promises(s, ["Call at lunch", "Home by seven", "Phone down at dinner"]));
    ben.with(|s| make_promises(s, ["Walk together", "Share the calendar", "Say thank you"]));
}

/// `days` days of everyday use on both phones with no sync at all (Ben three hours behind Ana);
/// returns what each record should hold afterwards.
pub fn live_apart(ana: &super::Phone, ben: &super::Phone, days: i64) -> BTreeMap<String, String> {
    ben.clock.advance(chrono::Duration::hours(-3));
    let mut expected = BTreeMap::new();
    for phone in [ana, ben] {
        phone.with(|s| {
            let me = s.my_id().expect("profile").clone();
            for p in s.shared().promises.iter().filter(|p| p.owner == me) {
                expected.insert(format!("promise/{}", p.id), p.title.clone());
            }
        });
    }
    for d in 0..days {
        ana.with(|s| live_a_day(s, d, &mut expected));
        ben.with(|s| live_a_day(s, d, &mut expected));
        ana.clock.advance(chrono::Duration::days(1));
        ben.clock.advance(chrono::Duration::days(1));
    }
    expected
}

/// Make daily promises with these titles.
pub fn make_promises<const N: usize>(s: &mut Session, titles: [&str; N]) {
    for t in titles {
        s.create_promise(PromiseDraft { title: t.into(), why: String::new(), cadence: Cadence::Daily })
            .expect("promise");
    }
}

/// One simulated day on one phone: ~10 changes, like a couple who use Mend every day.
pub fn live_a_day(s: &mut Session, day_index: i64, expected: &mut BTreeMap<String, String>) {
    let me = s.my_id().expect("edit").clone();
    let mood = 1 + day_index % 5;
    for (i, trust) in [(0, 4), (1, 5), (2, 6), (3, 6)] {
        // Written in the morning, edited at lunch, in the evening and again at night.
        let c = s
            .save_checkin(CheckInDraft {
                mood,
                trust: trust + i % 2,
                feel: format!("day {day_index} take {i}"),
                ..Default::default()
            })
            .expect("edit");
        expected.insert(format!("checkin/{}/{}", c.date, c.partner), format!("{} {}", c.trust, c.feel));
    }
    let today = s.today();
    let mine: Vec<Promise> =
        s.shared().promises.iter().filter(|p| p.owner == me && p.is_open()).cloned().collect();
    for (i, p) in mine.iter().enumerate() {
        let kind = OutcomeKind::ALL[(day_index as usize + i) % 3];
        let o = s.record_outcome(&p.id, today, kind, &format!("note {day_index}")).expect("edit");
        expected.insert(format!("outcome/{}/{}", o.promise, o.date), format!("{:?}", o.kind));
    }
    // Concurrent edits of the same promise: I re-word my first promise while my partner
    // acknowledges it on their phone.
    if day_index % 3 == 0 {
        let p = &mine[0];
        let draft = PromiseDraft {
            title: format!("{} (v{day_index})", p.title.split(" (v").next().expect("edit")),
            why: p.why.clone(),
            cadence: p.cadence,
        };
        let title = draft.title.clone();
        s.edit_promise(&p.id, draft).expect("edit");
        expected.insert(format!("promise/{}", p.id), title);
    }
    let theirs: Vec<Promise> = s.shared().promises.iter().filter(|p| p.owner != me).cloned().collect();
    let ack = s
        .acknowledge(
            AckTarget::Promise { promise: theirs[0].id.clone() },
            AckKind::ALL[day_index as usize % 3],
            "",
        )
        .expect("edit");
    expected.insert(format!("ack/{}|{}", ack.target, ack.by), format!("{:?}", ack.kind));
    // A guide reflection, revisited day by day.
    let prompts = mend_shared::guide::steps()[0].prompts;
    let prompt = prompts[day_index as usize % prompts.len()].id;
    let r = s.reflect(prompt, &format!("thinking on day {day_index}")).expect("edit");
    expected.insert(format!("reflection/{}/{}", r.prompt, r.partner), r.text);
    if day_index % 3 == 1 {
        let e = s
            .add_journal_entry(
                Visibility::Shared,
                JournalDraft { body: format!("shared day {day_index}"), ..Default::default() },
            )
            .expect("edit");
        expected.insert(format!("journal/{}", e.id), e.body);
        s.add_journal_entry(
            Visibility::Private,
            JournalDraft { body: format!("private day {day_index}"), ..Default::default() },
        )
        .expect("edit");
    }
}

/// Every synced record's key and a summary of its value, to compare against what was written.
pub fn record_values(s: &Session) -> BTreeMap<String, String> {
    let st = s.shared();
    let mut out = BTreeMap::new();
    for c in st.checkins.iter() {
        out.insert(format!("checkin/{}/{}", c.date, c.partner), format!("{} {}", c.trust, c.feel));
    }
    for o in st.outcomes.iter() {
        out.insert(format!("outcome/{}/{}", o.promise, o.date), format!("{:?}", o.kind));
    }
    for a in st.acks.iter() {
        out.insert(format!("ack/{}|{}", a.target, a.by), format!("{:?}", a.kind));
    }
    for e in st.journal.iter() {
        out.insert(format!("journal/{}", e.id), e.body.clone());
    }
    for p in st.promises.iter() {
        out.insert(format!("promise/{}", p.id), p.title.clone());
    }
    for r in st.reflections.iter() {
        out.insert(format!("reflection/{}/{}", r.prompt, r.partner), r.text.clone());
    }
    out
}
