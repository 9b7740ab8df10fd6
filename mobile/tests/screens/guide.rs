//! The guide: steps in order with both partners' progress, each step's words and reflection
//! questions, and the exercise each step leads to — worked through by two partners whose phones
//! exchange changes.

use crate::support::{Screen, TestPhone, monday, open_step, sync};
use mend_shared::guide::{self, SAFETY_NOTE, StepId};
use mend_shared::ids::PromiseId;
use mend_shared::model::{
    AckKind, Cadence, NoteKind, OutcomeKind, PromiseDraft, ResponseKind, RootCauseFactor,
};
use mend_shared::session::SampleSpec;

/// Ana and Ben, paired (their phones have exchanged changes once).
fn couple() -> (TestPhone, TestPhone) {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    sync(&ana, &ben);
    (ana, ben)
}

/// The ids of every button on the screen, in page order.
fn buttons(screen: &Screen) -> Vec<String> {
    let html = screen.html();
    html.split("<button")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let at = tag.find(" id=\"")? + 5;
            Some(tag[at..at + tag[at..].find('"')?].to_string())
        })
        .collect()
}

fn step_state(phone: &TestPhone, step: StepId) -> Option<bool> {
    phone.with(|s| {
        let me = s.my_id().unwrap().clone();
        s.shared().progress.get(&format!("{step}/{me}")).map(|p| p.completed_at.is_some())
    })
}

#[test]
fn the_guide_lists_every_step_in_order_with_both_partners_progress() {
    let (ana, ben) = couple();
    ben.phone.edit(|s| s.set_step_done(StepId::RootCause, true)).unwrap();
    ben.phone.edit(|s| s.start_step(StepId::Communication)).unwrap();
    sync(&ana, &ben);

    let mut screen = Screen::new(&ana.phone);
    screen.click("tab-guide");
    let html = screen.html();
    let positions: Vec<usize> = guide::steps()
        .iter()
        .map(|step| html.find(&format!("id=\"step-{}\"", step.id)).expect("every step is listed"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "steps are listed in program order");
    let first = screen.text("step-root-cause-progress");
    assert!(first.contains("You: Not started") && first.contains("Ben: Done"), "{first}");
    let second = screen.text("step-communication-progress");
    assert!(second.contains("Ben: Started"), "{second}");
    assert_eq!(screen.text("guide-current"), "You're on step 1.");
    assert!(screen.shows(guide::step(StepId::Apology).summary));
}

#[test]
fn opening_a_step_marks_it_started_and_it_can_be_marked_done_and_reopened() {
    let ana = TestPhone::named("Ana");
    assert_eq!(step_state(&ana, StepId::Communication), None);
    let mut screen = open_step(&ana, StepId::Communication);
    let step = guide::step(StepId::Communication);
    assert_eq!(screen.text("step-title"), step.title);
    assert!(screen.shows(step.body[0]));
    assert!(screen.has(&format!("exercise-{}", step.exercises[0].id)));
    assert_eq!(step_state(&ana, StepId::Communication), Some(false), "opened means started");
    assert!(screen.text("step-progress").contains("You: Started"));

    screen.click("step-done");
    assert_eq!(step_state(&ana, StepId::Communication), Some(true));
    assert!(screen.tag("step-done").contains(r#"aria-pressed="true""#));
    assert!(screen.text("step-progress").contains("You: Done"));
    screen.click("step-done");
    assert_eq!(step_state(&ana, StepId::Communication), Some(false), "a step can be reopened");

    screen.click("step-next");
    assert_eq!(screen.text("step-title"), guide::step(StepId::Transparency).title);
    screen.click("back");
    assert!(screen.has("step-root-cause"));
    assert!(screen.tag("tab-guide").contains(r#"aria-current="page""#));
}

#[test]
fn my_reflection_is_saved_for_me_and_my_partners_answer_is_shown_read_only() {
    let (ana, ben) = couple();
    let prompt = "time.patience";
    let mut screen = open_step(&ana, StepId::Time);
    screen.click(&format!("reflect-{prompt}-save"));
    assert_eq!(screen.text(&format!("reflect-{prompt}-error")), "your answer can't be empty");
    assert!(ana.with(|s| s.shared().reflections.is_empty()), "nothing half-saved");
    assert!(screen.text(&format!("reflect-{prompt}-partner")).contains("Ben hasn't answered this one yet."));

    screen.input(&format!("reflect-{prompt}"), "  Remembering how far we've come.  ");
    screen.click(&format!("reflect-{prompt}-save"));
    assert_eq!(screen.text(&format!("reflect-{prompt}-status")), "Saved");
    let me = ana.with(|s| s.my_id().unwrap().clone());
    let saved = ana.with(|s| s.shared().reflections.get(&format!("{prompt}/{me}")).unwrap().text.clone());
    assert_eq!(saved, "Remembering how far we've come.");
    sync(&ana, &ben);

    let screen = open_step(&ben, StepId::Time);
    let theirs = format!("reflect-{prompt}-partner");
    assert!(screen.text(&theirs).contains("Ana's answer"));
    assert!(
        screen.text(&theirs).contains("Remembering how far we've come."),
        "on this step my partner's answer shows before I answer"
    );
    assert!(!screen.html().contains(&format!("id=\"{theirs}\" value")), "my partner's answer isn't a field");
    assert!(screen.tag(&format!("reflect-{prompt}")).contains(r#"value="""#), "my own answer starts empty");
}

#[test]
fn a_root_cause_reflection_stays_hidden_until_i_have_answered_the_same_question() {
    let (ana, ben) = couple();
    let (what, part) = ("root-cause.what-happened", "root-cause.my-part");
    let anas_words = "Trust broke when I hid the debt.";
    let mut a = open_step(&ana, StepId::RootCause);
    a.input(&format!("reflect-{what}"), anas_words);
    a.click(&format!("reflect-{what}-save"));
    drop(a);
    sync(&ana, &ben);
    assert_eq!(ben.with(|s| s.shared().reflections.len()), 1, "Ana's answer has reached Ben's phone");

    let mut b = open_step(&ben, StepId::RootCause);
    let waiting = b.text(&format!("reflect-{what}-partner"));
    assert_eq!(
        waiting,
        "Ana's answerAna has answered this one. Their answer shows here once you have saved yours, so your \
         answer stays your own."
    );
    assert!(!b.shows(anas_words), "not anywhere on Ben's page");
    b.input(&format!("reflect-{part}"), "I stopped asking how you were.");
    b.click(&format!("reflect-{part}-save"));
    assert!(!b.shows(anas_words), "answering another question doesn't open this one");
    b.input(&format!("reflect-{what}"), "We stopped talking about money.");
    b.click(&format!("reflect-{what}-save"));
    let revealed = b.text(&format!("reflect-{what}-partner"));
    assert_eq!(revealed, format!("Ana's answer{anas_words}"));
    drop(b);

    let a = open_step(&ana, StepId::RootCause);
    assert!(
        a.text(&format!("reflect-{what}-partner")).contains("Ben hasn't answered this one yet."),
        "Ana sees Ben's answer only once it reaches her phone"
    );
    drop(a);
    sync(&ana, &ben);
    let a = open_step(&ana, StepId::RootCause);
    assert!(a.text(&format!("reflect-{what}-partner")).contains("We stopped talking about money."));
    assert!(
        a.text(&format!("reflect-{part}-partner")).contains("Ben has answered this one."),
        "Ana hasn't answered \"my part\" yet, so Ben's stays hidden from her"
    );
}

#[test]
fn an_answer_counts_as_saved_when_it_holds_what_a_save_would_store() {
    let ana = TestPhone::named("Ana");
    let prompt = "time.patience";
    let mut screen = open_step(&ana, StepId::Time);
    screen.input(&format!("reflect-{prompt}"), "Slow days.\r\nGood days.");
    screen.click(&format!("reflect-{prompt}-save"));
    assert_eq!(screen.text(&format!("reflect-{prompt}-status")), "Saved");
    screen.input(&format!("reflect-{prompt}"), " Slow days.\r\nGood days.\n");
    assert_eq!(
        screen.text(&format!("reflect-{prompt}-status")),
        "Saved",
        "line endings and outer spaces are cleaned on save, so nothing is unsaved"
    );
    screen.input(&format!("reflect-{prompt}"), &"x".repeat(5_001));
    assert_eq!(screen.text(&format!("reflect-{prompt}-status")), "Changes not saved yet");
    screen.input(&format!("reflect-{prompt}"), "Slow days.");
    assert_eq!(screen.text(&format!("reflect-{prompt}-status")), "Changes not saved yet");

    let mut screen = open_step(&ana, StepId::RootCause);
    screen.click("rootcause-factor-betrayal");
    screen.input("rootcause-view", "We drifted.");
    screen.click("rootcause-save");
    screen.input("rootcause-view", "We drifted.\r\n");
    assert_eq!(screen.text("rootcause-status"), "Saved");
    screen.click("rootcause-factor-other");
    assert_eq!(screen.text("rootcause-status"), "Changes not saved yet");

    let mut screen = open_step(&ana, StepId::Communication);
    screen.input("talk-felt", "Tired.");
    screen.input("talk-need", "Sleep.");
    screen.click("talk-save");
    screen.input("talk-need", "Sleep.\r\n");
    assert_eq!(screen.text("talk-status"), "Shared");
}

#[test]
fn the_root_cause_answer_stays_hidden_until_both_have_answered_then_shows_side_by_side() {
    let (ana, ben) = couple();
    let mut a = open_step(&ana, StepId::RootCause);
    a.input("rootcause-view", "We stopped talking about money.");
    a.click("rootcause-save");
    assert_eq!(a.text("rootcause-factors-error"), "choose at least one factor, or \"Something else\"");
    a.click("rootcause-factor-other");
    a.click("rootcause-save");
    assert_eq!(a.text("rootcause-other-error"), "please add a few words to go with \"Something else\"");
    assert!(ana.with(|s| s.shared().root_causes.is_empty()), "nothing refused was saved");
    a.click("rootcause-factor-other");
    assert!(!a.has("rootcause-other"), "the words for something else go when it is unchosen");
    a.click("rootcause-factor-poor-communication");
    a.click("rootcause-factor-misunderstanding");
    assert!(a.tag("rootcause-factor-misunderstanding").contains(r#"aria-pressed="true""#));
    a.click("rootcause-save");
    assert_eq!(a.text("rootcause-status"), "Saved");
    assert!(a.text("rootcause-partner").contains("Ben hasn't written their view yet."));
    drop(a);
    sync(&ana, &ben);

    let mut b = open_step(&ben, StepId::RootCause);
    let waiting = b.text("rootcause-partner");
    assert!(
        waiting.contains("Ana has written their view. It shows here once you have saved yours"),
        "{waiting}"
    );
    assert!(!b.shows("We stopped talking about money."), "Ana's view stays hidden from Ben for now");
    b.click("rootcause-factor-betrayal");
    b.input("rootcause-view", "I kept the debt from you.");
    b.click("rootcause-save");
    let side = b.text("rootcause-side-partner");
    assert!(side.contains("Ana") && side.contains("We stopped talking about money."), "{side}");
    assert!(side.contains("Poor communication") && side.contains("Misunderstanding"), "{side}");
    assert!(b.text("rootcause-side-mine").contains("I kept the debt from you."));
    drop(b);

    let before = open_step(&ana, StepId::RootCause);
    assert!(!before.shows("I kept the debt from you."), "Ana sees Ben's view only once it reaches her");
    drop(before);
    sync(&ana, &ben);
    let a = open_step(&ana, StepId::RootCause);
    let side = a.text("rootcause-side-partner");
    assert!(
        side.contains("Ben") && side.contains("Betrayal") && side.contains("I kept the debt from you."),
        "{side}"
    );
    assert!(
        a.tag("rootcause-view").contains("We stopped talking about money."),
        "my view stays mine to revise"
    );
    let factors = ana.with(|s| s.shared().root_causes.iter().map(|v| v.factors.clone()).collect::<Vec<_>>());
    assert!(factors.contains(&vec![RootCauseFactor::PoorCommunication, RootCauseFactor::Misunderstanding]));
}

#[test]
fn a_weekly_talk_is_shared_and_my_partners_reply_is_kept_beside_it() {
    let (ana, ben) = couple();
    let mut a = open_step(&ana, StepId::Communication);
    a.input("talk-felt", "Lonely on Thursday.");
    a.click("talk-save");
    assert_eq!(a.text("talk-need-error"), "what you need can't be empty");
    assert!(ana.with(|s| s.shared().talks.is_empty()));
    a.input("talk-need", "An evening together.");
    a.click("talk-save");
    assert_eq!(a.text("talk-status"), "Shared");
    let week = monday();
    assert!(a.text(&format!("talk-week-{week}")).contains("No reply from Ben yet."));
    drop(a);
    sync(&ana, &ben);

    let mut b = open_step(&ben, StepId::Communication);
    let row = b.text(&format!("talk-week-{week}"));
    assert!(row.contains("Lonely on Thursday.") && row.contains("An evening together."), "{row}");
    assert!(row.contains("Nothing from you yet this week — there's no hurry."), "{row}");
    b.click(&format!("talk-reply-{week}-save"));
    assert_eq!(b.text(&format!("talk-reply-{week}-error")), "your reply can't be empty");
    b.input(&format!("talk-reply-{week}"), "Thursday is ours from now on.");
    b.click(&format!("talk-reply-{week}-save"));
    assert_eq!(ben.with(|s| s.shared().talk_replies.len()), 1);
    drop(b);
    sync(&ana, &ben);

    let a = open_step(&ana, StepId::Communication);
    let row = a.text(&format!("talk-week-{week}"));
    assert!(row.contains("Ben replied: “Thursday is ours from now on.”"));
    assert!(row.contains("Nothing from Ben yet this week — there's no hurry."), "{row}");
    assert!(!a.has(&format!("talk-reply-{week}")), "no reply form on my own talk");
    assert!(a.tag("talk-felt").contains("Lonely on Thursday."), "this week's talk can still be revised");
    drop(a);

    ana.advance_days(7);
    let a = open_step(&ana, StepId::Communication);
    let row = a.text(&format!("talk-week-{week}"));
    assert!(row.contains("A quiet week from Ben, and that's okay."), "a past week keeps no score: {row}");
    assert!(a.tag("talk-felt").contains(r#"value="""#), "a new week starts a new talk");
}

#[test]
fn an_i_want_you_to_know_note_is_offered_by_its_writer_and_can_be_thanked() {
    let (ana, ben) = couple();
    let mut a = open_step(&ana, StepId::Transparency);
    assert!(a.has("guide-open-promises"), "transparency leads to the promise tracker");
    assert!(a.shows("You decide what to share and when; it is offered, never asked for."));
    a.click("note-save");
    assert_eq!(a.text("note-new-text-error"), "your note can't be empty");
    a.input("note-new-text", "My ex messaged me today. I didn't reply.");
    a.click("note-save");
    let id = ana.with(|s| s.shared().notes_of_kind(NoteKind::Disclosure)[0].note.id.clone());
    assert!(a.text(&format!("note-{id}")).contains("My ex messaged me today."));
    a.click(&format!("note-{id}-edit"));
    a.input(&format!("note-{id}-text"), "My ex messaged me today. I didn't reply, and I blocked the number.");
    a.click(&format!("note-{id}-save"));
    assert!(a.text(&format!("note-{id}")).contains("I blocked the number."));
    drop(a);
    sync(&ana, &ben);

    let mut b = open_step(&ben, StepId::Transparency);
    assert!(b.text(&format!("note-{id}")).contains("Ana"));
    // Everything Ben can do with notes: write his own, or thank Ana for hers. Nothing asks Ana for
    // a note or changes hers.
    let note_buttons: Vec<String> = buttons(&b).into_iter().filter(|id| id.starts_with("note")).collect();
    assert_eq!(note_buttons, vec!["note-save".to_string(), format!("note-{id}-thanks")]);
    b.input(&format!("note-{id}-thanks-words"), "Thank you for telling me first.");
    b.click(&format!("note-{id}-thanks"));
    assert!(b.tag(&format!("note-{id}-thanks")).contains(r#"aria-pressed="true""#));
    assert_eq!(b.text(&format!("note-{id}-thanks-status")), "You said thank you");
    drop(b);
    sync(&ana, &ben);

    let mut a = open_step(&ana, StepId::Transparency);
    assert!(
        a.text(&format!("note-{id}")).contains("Ben replied “Thank you”: Thank you for telling me first.")
    );
    a.click(&format!("note-{id}-delete"));
    a.click(&format!("note-{id}-delete-cancel"));
    assert_eq!(ana.with(|s| s.shared().notes.len()), 1, "keeping it changes nothing");
    a.click(&format!("note-{id}-delete"));
    a.click(&format!("note-{id}-delete-confirm"));
    assert!(ana.with(|s| s.shared().notes.is_empty()));
    assert!(!a.has(&format!("note-{id}")));
}

#[test]
fn an_apology_that_makes_a_promise_reaches_my_partner_who_responds_in_their_own_time() {
    let (ana, ben) = couple();
    let mut a = open_step(&ana, StepId::Apology);
    a.click("apology-new");
    assert!(
        a.page().contains("Its impact on your partner") && a.shows("How you understand it affected them")
    );
    a.click("apology-save");
    assert_eq!(a.text("apology-what-error"), "what happened can't be empty");
    a.input("apology-what", "I hid the messages from you.");
    a.click("apology-save");
    assert_eq!(a.text("apology-impact-error"), "its impact on your partner can't be empty");
    a.input("apology-impact", "You felt deceived and alone.");
    a.input("apology-part", "I chose to hide them.");
    a.input("apology-will", "Tell you first, every time.");
    a.check("apology-make-promise");
    a.click("apology-save");
    assert_eq!(a.text("apology-promise-title-error"), "the promise can't be empty");
    assert!(
        ana.with(|s| s.shared().apologies.is_empty() && s.shared().promises.is_empty()),
        "all or nothing"
    );
    a.input("apology-promise-title", "Tell you when someone from the past gets in touch");
    a.click("apology-cadence-weekly");
    a.change("apology-promise-times", "2");
    a.click("apology-save");
    assert!(a.text("apology-status").contains("is now one of your promises"));
    let (apology, promise) = ana.with(|s| {
        let a = s.shared().apologies.iter().next().unwrap().clone();
        let p = s.shared().promise(a.promise.as_ref().unwrap()).unwrap().clone();
        (a, p)
    });
    assert_eq!(promise.cadence, Cadence::PerWeek { times: 2 });
    assert_eq!(promise.apology.as_ref(), Some(&apology.id));
    let card = a.text(&format!("apology-{}", apology.id));
    assert!(card.contains("Tell you when someone from the past gets in touch"), "{card}");
    assert!(
        card.contains("Its impact on BenYou felt deceived and alone."),
        "the writer's words about Ben: {card}"
    );
    assert!(a.text(&format!("apology-{}-response", apology.id)).contains("there's no hurry"));
    drop(a);
    sync(&ana, &ben);

    let mut b = open_step(&ben, StepId::Apology);
    let card = b.text(&format!("apology-{}", apology.id));
    assert!(card.contains("Ana's apology") && card.contains("I chose to hide them."), "{card}");
    assert!(
        card.contains("Its impact on youYou felt deceived and alone."),
        "read by Ben, it speaks to him: {card}"
    );
    assert!(!b.has(&format!("apology-{}-edit", apology.id)), "Ben can't change Ana's apology");
    b.click(&format!("apology-respond-{}-words", apology.id));
    assert_eq!(
        b.text(&format!("apology-respond-{}-text-error", apology.id)),
        "please add a few words to go with \"In my own words\""
    );
    assert!(ben.with(|s| s.shared().responses.is_empty()));
    b.click(&format!("apology-respond-{}-notready", apology.id));
    b.click(&format!("apology-respond-{}-hear", apology.id));
    assert!(b.tag(&format!("apology-respond-{}-hear", apology.id)).contains(r#"aria-pressed="true""#));
    let response = ben.with(|s| s.shared().responses.get(apology.id.as_str()).unwrap().kind);
    assert_eq!(response, ResponseKind::HearYou, "a response can be changed");
    b.click(&format!("apology-{}-promise", apology.id));
    assert_eq!(b.text("detail-title"), "Tell you when someone from the past gets in touch");
    assert!(b.shows("Ana's promise · 2 times a week"));
    b.click("tab-promises");
    assert_eq!(b.text("theirs-title"), "Ana's");
    assert!(b.has(&format!("promise-{}", promise.id)), "Ben sees the promise with Ana's others");
    drop(b);
    sync(&ana, &ben);

    let a = open_step(&ana, StepId::Apology);
    let response = a.text(&format!("apology-{}-response", apology.id));
    assert!(response.contains("Ben responded") && response.contains("I hear you"), "{response}");
}

#[test]
fn mutual_support_holds_requests_and_a_thank_you_for_each_promise_kept() {
    let (ana, ben) = couple();
    let draft = PromiseDraft { title: "Home by seven".into(), why: String::new(), cadence: Cadence::Daily };
    let id: PromiseId = ana.phone.edit(|s| s.create_promise(draft)).unwrap().id;
    ana.phone.edit(|s| s.record_outcome(&id, monday(), OutcomeKind::Kept, "made it")).unwrap();
    ana.phone.edit(|s| s.add_note(NoteKind::SupportRequest, "A quiet evening on Friday.")).unwrap();
    sync(&ana, &ben);

    let mut b = open_step(&ben, StepId::MutualSupport);
    let note = ben.with(|s| s.shared().notes.iter().next().unwrap().id.clone());
    assert!(b.text(&format!("note-{note}")).contains("A quiet evening on Friday."));
    let kept = format!("kept-{id}-{}", monday());
    assert!(b.text(&kept).contains("Home by seven") && b.text(&kept).contains("“made it”"));
    b.click(&format!("{kept}-thanks"));
    b.click(&format!("note-{note}-thanks"));
    let acks = ben.with(|s| s.shared().acks.iter().map(|a| a.kind).collect::<Vec<_>>());
    assert_eq!(acks, vec![AckKind::ThankYou, AckKind::ThankYou]);
    b.input("note-new-text", "Ten minutes to talk after work.");
    b.click("note-save");
    assert_eq!(ben.with(|s| s.shared().notes_of_kind(NoteKind::SupportRequest).len()), 2);
    assert!(b.has("guide-open-promises"));
}

#[test]
fn the_healing_takes_time_step_shows_the_timeline_and_an_honest_horizon() {
    let ana = TestPhone::named("Ana");
    ana.with(|s| s.generate_sample("Ben", SampleSpec::weeks(40))).unwrap();
    let mut screen = open_step(&ana, StepId::Time);
    assert!(screen.text("timeline-horizon").starts_with(guide::HEALING_HORIZON));
    assert!(screen.tag("milestone-30").contains("reached"));
    assert!(!screen.tag("milestone-90").contains("reached"));
    assert!(screen.text("milestone-90").contains("in 51 days"), "{}", screen.text("milestone-90"));
    assert!(screen.tag("timeline-trust").contains(r#"role="img""#));
    screen.click("timeline-open-insights");
    assert!(screen.has("chart-trust"));
}

#[test]
fn the_professional_help_step_puts_the_safety_note_first_and_offers_a_summary() {
    let ana = TestPhone::named("Ana");
    let mut screen = open_step(&ana, StepId::ProfessionalHelp);
    assert_eq!(screen.text("safety-note"), format!("Your safety comes first{SAFETY_NOTE}"));
    let html = screen.html();
    assert!(html.find("id=\"safety-note\"") < html.find("id=\"step-title\""), "the safety note comes first");
    let signs = screen.text("seek-help-signs");
    for sign in guide::step(StepId::ProfessionalHelp).when_to_seek_help {
        assert!(signs.contains(sign), "{sign}");
    }
    let resources = screen.text("help-resources");
    for paragraph in guide::step(StepId::ProfessionalHelp).resources {
        assert!(resources.contains(paragraph), "{paragraph}");
    }
    assert!(!screen.has("counselor-suggestion"), "no suggestion without a reason for one");
    screen.click("summary-open");
    assert_eq!(screen.text("top-title-text"), "Counselor summary");
    assert!(screen.has("summary-build"));
}

#[test]
fn the_closing_reflection_is_mine_to_write_and_my_partners_to_read() {
    let (ana, ben) = couple();
    let mut a = open_step(&ana, StepId::Closing);
    assert!(a.text("closing-partner").contains("Ben hasn't written theirs yet."));
    a.click("closing-save");
    assert_eq!(a.text("closing-text-error"), "your closing reflection can't be empty");
    a.input("closing-text", "We learned to say the hard thing early.");
    a.click("closing-save");
    assert_eq!(a.text("closing-status"), "Saved");
    assert!(!a.has("step-next"), "the closing is the last step");
    drop(a);
    sync(&ana, &ben);
    let b = open_step(&ben, StepId::Closing);
    assert!(b.text("closing-partner").contains("We learned to say the hard thing early."));
    assert!(b.tag("closing-text").contains(r#"value="""#));
}

#[test]
fn after_unpairing_the_guide_offers_no_replies_that_could_never_reach_the_partner() {
    let (ana, ben) = couple();
    ana.with(|s| {
        s.save_talk("Lonely on Thursday.", "An evening together.").unwrap();
        s.add_note(NoteKind::Disclosure, "My ex messaged me today.").unwrap();
        let draft = mend_shared::model::ApologyDraft {
            what_happened: "I hid the debt".into(),
            impact: "You stopped trusting the numbers".into(),
            my_part: "I chose not to tell you".into(),
            will_do: "Show you every statement".into(),
        };
        s.apologize(draft, None).unwrap();
    });
    sync(&ana, &ben);
    let week = monday();
    let b = open_step(&ben, StepId::Communication);
    assert!(b.has(&format!("talk-reply-{week}")), "paired, Ben can reply");
    drop(b);

    // Ben unpairs and keeps his copy: Ana's words stay, but nothing offers to answer them.
    ben.keys().forget().unwrap();
    assert!(!ben.is_paired());
    let b = open_step(&ben, StepId::Communication);
    assert!(b.text(&format!("talk-week-{week}")).contains("Lonely on Thursday."));
    assert!(!b.has(&format!("talk-reply-{week}")));
    let b = open_step(&ben, StepId::Transparency);
    let id = ben.with(|s| s.shared().notes_of_kind(NoteKind::Disclosure)[0].note.id.clone());
    assert!(b.text(&format!("note-{id}")).contains("My ex messaged me today."));
    assert!(!b.has(&format!("note-{id}-thanks")));
    let b = open_step(&ben, StepId::Apology);
    let apology = ben.with(|s| s.shared().apologies.iter().next().unwrap().id.clone());
    assert!(b.shows("I hid the debt"));
    assert!(!b.has(&format!("apology-respond-{apology}-text")));
}
