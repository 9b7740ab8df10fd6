//! The counselor summary holds only what the couple chose, only within the chosen dates, never
//! the private journal, and escapes every word a partner wrote.

use mend_shared::guide::StepId;
use mend_shared::model::{
    ApologyDraft, Cadence, CheckInDraft, JournalDraft, OutcomeKind, PromiseDraft, ResponseKind, Visibility,
};
use mend_shared::session::Session;
use mend_shared::summary::{
    Block, CounselorSummary, DEFAULT_SUMMARY_DAYS, SectionKind, SummaryError, SummaryRequest,
    entries_to_offer,
};
use mend_shared::time::{Clock, Day, ManualClock};
use std::sync::Arc;

/// Monday 2026-05-04.
fn start() -> Day {
    Day::ymd(2026, 5, 4).unwrap()
}

struct Couple {
    a: Session,
    b: Session,
    clock: Arc<ManualClock>,
}

impl Couple {
    fn new(ana: &str) -> Self {
        let clock = Arc::new(ManualClock::at_noon(start(), 2));
        let mut a = Session::in_memory(clock.clone()).unwrap();
        let mut b = Session::in_memory(clock.clone()).unwrap();
        a.create_profile(ana).unwrap();
        clock.advance(chrono::Duration::minutes(1));
        b.create_profile("Ben").unwrap();
        let mut c = Couple { a, b, clock };
        c.sync();
        c
    }

    fn sync(&mut self) {
        let from_a = self.a.shared_doc().unwrap().changes_since(&[]);
        let from_b = self.b.shared_doc().unwrap().changes_since(&[]);
        self.a.apply_shared_changes(&from_b).unwrap();
        self.b.apply_shared_changes(&from_a).unwrap();
    }

    /// Move the clock to `days` after the start.
    fn go_to(&self, days: i64) {
        self.clock.set(ManualClock::at_noon(start().plus_days(days), 2).now());
    }

    fn summary(&self, request: &SummaryRequest) -> CounselorSummary {
        CounselorSummary::build(self.a.shared(), request, self.a.today()).unwrap()
    }
}

fn words(s: &mut Session, day: i64, trust: i64, feel: &str) {
    let draft = CheckInDraft { mood: 3, trust, feel: feel.into(), ..Default::default() };
    s.save_checkin_for(start().plus_days(day), draft).unwrap();
}

fn apology(what: &str) -> ApologyDraft {
    ApologyDraft {
        what_happened: what.into(),
        impact: "You felt shut out.".into(),
        my_part: "I chose silence.".into(),
        will_do: "Say when I need space.".into(),
    }
}

fn everything(from: Day, to: Day) -> SummaryRequest {
    SummaryRequest {
        include_regularity: true,
        include_trends: true,
        include_promises: true,
        include_checkin_words: true,
        include_apologies: true,
        include_guide_progress: true,
        ..SummaryRequest::new(from, to)
    }
}

/// Both renderings, for "appears nowhere" checks.
fn rendered(summary: &CounselorSummary) -> String {
    format!("{}\n{}", summary.to_markdown(), summary.to_html())
}

#[test]
fn a_private_journal_entry_never_appears_even_when_its_id_is_chosen() {
    let mut c = Couple::new("Ana");
    let private =
        c.a.add_journal_entry(
            Visibility::Private,
            JournalDraft {
                title: "Only mine".into(),
                body: "PRIVATE-WORDS-7731".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let mut request = everything(start(), start());
    request.journal_entries = vec![private.id.clone()];
    let summary = c.summary(&request);
    let text = rendered(&summary);
    assert!(!text.contains("PRIVATE-WORDS-7731") && !text.contains("Only mine"));
    assert!(!text.contains(private.id.as_str()), "not even its id");
    assert_eq!(summary.left_out_entries, 1);
}

#[test]
fn only_chosen_shared_entries_written_within_the_dates_appear() {
    let mut c = Couple::new("Ana");
    let entry = |s: &mut Session, body: &str| {
        s.add_journal_entry(Visibility::Shared, JournalDraft { body: body.into(), ..Default::default() })
            .unwrap()
    };
    let before = entry(&mut c.a, "BEFORE-THE-RANGE");
    c.go_to(10);
    let chosen = entry(&mut c.a, "CHOSEN-AND-IN-RANGE");
    let bens = entry(&mut c.b, "BENS-CHOSEN-ENTRY");
    entry(&mut c.a, "NOT-CHOSEN");
    c.sync();
    let mut request = SummaryRequest::new(start().plus_days(7), start().plus_days(10));
    request.journal_entries = vec![chosen.id.clone(), before.id.clone(), bens.id.clone(), chosen.id.clone()];
    let summary = c.summary(&request);
    let text = rendered(&summary);
    assert!(text.contains("CHOSEN-AND-IN-RANGE") && text.contains("BENS-CHOSEN-ENTRY"));
    assert!(!text.contains("BEFORE-THE-RANGE"), "chosen, but written before the range");
    assert!(!text.contains("NOT-CHOSEN"), "in range, but not chosen");
    assert_eq!(summary.left_out_entries, 1);
}

#[test]
fn sections_that_were_not_chosen_are_not_there() {
    let mut c = Couple::new("Ana");
    words(&mut c.a, 0, 7, "FEEL-WORDS");
    let p =
        c.a.create_promise(PromiseDraft {
            title: "PROMISE-TITLE".into(),
            why: String::new(),
            cadence: Cadence::Daily,
        })
        .unwrap();
    c.a.record_outcome(&p.id, start(), OutcomeKind::Kept, "").unwrap();
    c.a.apologize(apology("APOLOGY-WORDS"), None).unwrap();
    c.a.start_step(StepId::RootCause).unwrap();
    c.a.save_talk("TALK-WORDS", "need").unwrap();
    let mut only_trends = SummaryRequest::new(start(), start());
    only_trends.include_trends = true;
    let summary = c.summary(&only_trends);
    let kinds: Vec<SectionKind> = summary.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![SectionKind::Overview, SectionKind::Trends], "not even regularity unless chosen");
    let text = rendered(&summary);
    for absent in ["FEEL-WORDS", "PROMISE-TITLE", "APOLOGY-WORDS", "TALK-WORDS", "Find the root of it"] {
        assert!(!text.contains(absent), "{absent} was not chosen");
    }
    let all = c.summary(&everything(start(), start()));
    let text = rendered(&all);
    for present in ["FEEL-WORDS", "PROMISE-TITLE", "APOLOGY-WORDS", "Find the root of it"] {
        assert!(text.contains(present), "{present} was chosen");
    }
    assert!(!text.contains("TALK-WORDS"), "weekly talks are never part of a summary");
}

#[test]
fn nothing_dated_outside_the_range_appears() {
    let mut c = Couple::new("Ana");
    c.a.apologize(apology("EARLY-APOLOGY"), None).unwrap();
    c.go_to(20);
    words(&mut c.a, 3, 5, "EARLY-WORDS");
    words(&mut c.a, 8, 6, "IN-RANGE-WORDS");
    words(&mut c.a, 15, 7, "LATE-WORDS");
    c.go_to(9);
    let (in_range, _) = c.a.apologize(apology("IN-RANGE-APOLOGY"), None).unwrap();
    c.sync();
    c.go_to(18);
    c.b.respond_to_apology(&in_range.id, ResponseKind::Words, "LATE-RESPONSE").unwrap();
    c.sync();
    c.go_to(20);
    let summary = c.summary(&everything(start().plus_days(7), start().plus_days(13)));
    let text = rendered(&summary);
    assert!(text.contains("IN-RANGE-WORDS") && text.contains("IN-RANGE-APOLOGY"));
    for absent in ["EARLY-WORDS", "LATE-WORDS", "EARLY-APOLOGY", "LATE-RESPONSE"] {
        assert!(!text.contains(absent), "{absent} is dated outside the range");
    }
    let trends = summary.section(SectionKind::Trends).unwrap();
    let Some(Block::Table { rows, .. }) = trends.blocks.last() else { panic!("a weekly table") };
    assert_eq!(rows.len(), 1, "one week: 11 to 17 May");
    assert_eq!(rows[0][0], "11 May 2026");
    assert_eq!(rows[0][1], "6.0", "only the check-in within the range counts");
}

#[test]
fn trends_promises_and_regularity_read_as_weekly_numbers() {
    let mut c = Couple::new("Ana");
    let p =
        c.a.create_promise(PromiseDraft {
            title: "Home by seven".into(),
            why: String::new(),
            cadence: Cadence::Daily,
        })
        .unwrap();
    c.go_to(7);
    for (d, trust) in [(0, 6), (1, 8), (2, 7)] {
        words(&mut c.a, d, trust, "");
    }
    for d in 0..4 {
        let kind = if d == 3 { OutcomeKind::Partial } else { OutcomeKind::Kept };
        c.a.record_outcome(&p.id, start().plus_days(d), kind, "").unwrap();
    }
    c.sync();
    let md = c.summary(&everything(start(), start().plus_days(6))).to_markdown();
    assert!(md.contains("| 4 May 2026 | 7.0 | 3.0 | — | — |"), "{md}");
    assert!(md.contains("Ana: trust averaged 7.0 and mood 3.0 over these dates."));
    assert!(md.contains("Ben: no check-ins in these dates."));
    assert!(md.contains("| 4 May 2026 | 3 of 7 | 0 of 7 |"), "{md}");
    assert!(md.contains("| 4 May 2026 | 50% | — | 50% |"), "3.5 of 7 days kept: {md}");
    assert!(md.contains("| Home by seven | Ana | every day | 50% of 7 scheduled |"), "{md}");
}

#[test]
fn guide_progress_is_shown_as_it_stood_at_the_end_of_the_range() {
    let mut c = Couple::new("Ana");
    c.a.start_step(StepId::RootCause).unwrap();
    c.go_to(10);
    c.a.set_step_done(StepId::RootCause, true).unwrap();
    let mut request = SummaryRequest::new(start(), start().plus_days(5));
    request.include_guide_progress = true;
    let md = c.summary(&request).to_markdown();
    assert!(md.contains("| 1. Find the root of it | Started | Not started |"), "{md}");
    request.to = start().plus_days(10);
    assert!(c.summary(&request).to_markdown().contains("| 1. Find the root of it | Done | Not started |"));
}

#[test]
fn every_word_a_partner_wrote_is_escaped_in_the_html_page() {
    let mut c = Couple::new("<b>Ana</b>");
    words(&mut c.a, 0, 7, "<script>alert('x')</script>");
    c.a.create_promise(PromiseDraft {
        title: "<img src=x onerror=alert(1)>".into(),
        why: String::new(),
        cadence: Cadence::Daily,
    })
    .unwrap();
    let entry =
        c.a.add_journal_entry(
            Visibility::Shared,
            JournalDraft {
                title: "\"Tom\" & 'Jerry'".into(),
                body: "a < b > c".into(),
                ..Default::default()
            },
        )
        .unwrap();
    c.go_to(1);
    let mut request = everything(start(), start());
    request.journal_entries = vec![entry.id];
    let html = c.summary(&request).to_html();
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;b&gt;Ana&lt;/b&gt;"));
    assert!(html.contains("&quot;Tom&quot; &amp; &#39;Jerry&#39;"));
    assert!(html.contains("a &lt; b &gt; c"));
}

#[test]
fn every_word_a_partner_wrote_is_escaped_in_the_markdown() {
    let mut c = Couple::new("Ana");
    words(&mut c.a, 0, 7, "<script>alert(1)</script>\n# not a heading\n- not a list");
    let md = c.summary(&everything(start(), start())).to_markdown();
    assert!(!md.replace("\\<", "").contains("<script"), "no unescaped tag: {md}");
    assert!(
        md.contains("> \\<script\\>alert(1)\\</script\\>\\\n> \\# not a heading\\\n> \\- not a list\n"),
        "{md}"
    );
}

#[test]
fn the_html_page_stands_alone_and_prints_cleanly() {
    let c = Couple::new("Ana");
    let html = c.summary(&everything(start(), start())).to_html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@media print") && html.contains("@page"));
    assert!(html.contains("Content-Security-Policy"));
    for absent in ["<script", "<link", "src=", "href=", "http://", "https://"] {
        assert!(!html.contains(absent), "the page loads nothing: {absent}");
    }
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn a_summary_needs_a_range_that_starts_before_it_ends_and_ends_by_today() {
    let c = Couple::new("Ana");
    let today = c.a.today();
    let backwards = SummaryRequest::new(today, today.plus_days(-1));
    assert_eq!(
        CounselorSummary::build(c.a.shared(), &backwards, today),
        Err(SummaryError::EndBeforeStart { from: today, to: today.plus_days(-1) })
    );
    let future = SummaryRequest::new(today, today.plus_days(1));
    let err = CounselorSummary::build(c.a.shared(), &future, today).unwrap_err();
    assert_eq!(err, SummaryError::EndsInFuture { to: today.plus_days(1), today });
    assert_eq!(
        err.to_string(),
        "the summary can't end after today (2026-05-04); 2026-05-05 is still to come"
    );
}

#[test]
fn every_section_is_the_couples_choice_and_a_summary_needs_at_least_one() {
    let c = Couple::new("Ana");
    let today = c.a.today();
    let nothing = SummaryRequest::new(today, today);
    let err = CounselorSummary::build(c.a.shared(), &nothing, today).unwrap_err();
    assert_eq!(err, SummaryError::NothingChosen);
    assert_eq!(err.to_string(), "choose at least one thing to include");

    let mut regularity = SummaryRequest::new(today, today);
    regularity.include_regularity = true;
    let summary = c.summary(&regularity);
    let kinds: Vec<SectionKind> = summary.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![SectionKind::Overview, SectionKind::Regularity]);
    assert!(summary.to_markdown().contains("Included: check-in regularity."));

    let mut guide_only = SummaryRequest::new(today, today);
    guide_only.include_guide_progress = true;
    let summary = c.summary(&guide_only);
    assert!(summary.section(SectionKind::Regularity).is_none(), "regularity can be left out");
    let md = summary.to_markdown();
    assert!(md.contains("Included: guide progress.") && !md.contains("Check-ins, week by week"), "{md}");
}

#[test]
fn a_new_summary_covers_the_last_thirty_days_but_never_before_the_couple_began() {
    let mut c = Couple::new("Ana");
    let state = |c: &Couple| c.a.shared().clone();
    assert_eq!(SummaryRequest::default_range(&state(&c), start()), (start(), start()), "we began today");
    c.go_to(12);
    assert_eq!(SummaryRequest::default_range(&state(&c), c.a.today()), (start(), start().plus_days(12)));
    c.go_to(100);
    let today = c.a.today();
    assert_eq!(DEFAULT_SUMMARY_DAYS, 30);
    assert_eq!(SummaryRequest::default_range(&state(&c), today), (today.plus_days(-29), today));
    words(&mut c.a, -3, 5, "");
    c.go_to(10);
    assert_eq!(
        SummaryRequest::default_range(&state(&c), c.a.today()).0,
        start().plus_days(-3),
        "a check-in written for a day before the profile counts as the beginning"
    );
}

#[test]
fn the_form_offers_only_shared_entries_written_within_the_dates_newest_first() {
    let mut c = Couple::new("Ana");
    let entry = |s: &mut Session, v: Visibility, body: &str| {
        s.add_journal_entry(v, JournalDraft { body: body.into(), ..Default::default() }).unwrap().id
    };
    let early = entry(&mut c.a, Visibility::Shared, "early");
    c.go_to(5);
    let private = entry(&mut c.a, Visibility::Private, "private");
    let middle = entry(&mut c.b, Visibility::Shared, "middle");
    c.go_to(9);
    let late = entry(&mut c.a, Visibility::Shared, "late");
    c.sync();
    let offered = |from: Option<Day>, to: Option<Day>| {
        entries_to_offer(c.a.shared(), from, to).into_iter().map(|e| e.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(offered(None, None), vec![late.clone(), middle.clone(), early.clone()]);
    assert_eq!(offered(Some(start().plus_days(1)), Some(start().plus_days(5))), vec![middle.clone()]);
    assert_eq!(
        offered(Some(start().plus_days(5)), None),
        vec![late, middle],
        "an unfinished date doesn't limit"
    );
    assert!(!offered(None, None).contains(&private), "private entries are never offered");
    assert!(offered(Some(start().plus_days(6)), Some(start().plus_days(8))).is_empty());
    let _ = early;
}

#[test]
fn a_summary_is_saved_under_a_name_that_says_its_dates() {
    let c = Couple::new("Ana");
    let mut request = SummaryRequest::new(start(), start());
    request.include_regularity = true;
    let summary = c.summary(&request);
    assert_eq!(summary.file_name("md"), "mend-summary-2026-05-04-to-2026-05-04.md");
    assert_eq!(summary.file_name("html"), "mend-summary-2026-05-04-to-2026-05-04.html");
}
