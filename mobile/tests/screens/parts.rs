//! Each partner's part on screen: chosen privately in onboarding, guide step 1 and Settings,
//! shared only by its owner's toggle; every step worded for my part and no other; step 4 led by
//! my part; "Questions I need answered"; Today's one suggestion; and the check-in's words.

use crate::support::{Screen, TestPhone, open_step, sync};
use mend_shared::guide::{self, NEED_TO_HEAR_PROMPT, StepId};
use mend_shared::model::{Part, QuestionState};

/// Ana and Ben, paired, with the parts they chose (kept to themselves).
fn couple(ana_part: Part, ben_part: Part) -> (TestPhone, TestPhone) {
    let ana = TestPhone::named("Ana");
    let ben = TestPhone::named("Ben");
    ana.phone.edit(|s| s.choose_part(ana_part)).unwrap();
    ben.phone.edit(|s| s.choose_part(ben_part)).unwrap();
    sync(&ana, &ben);
    (ana, ben)
}

fn settings(phone: &TestPhone) -> Screen {
    let mut screen = Screen::new(&phone.phone);
    screen.click("open-settings");
    screen
}

/// Every text a step shows a part: summary, prompts, exercise instructions.
fn step_texts(step: StepId, part: Part) -> Vec<&'static str> {
    let w = guide::for_part(step, Some(part));
    let mut texts = vec![w.summary];
    texts.extend(w.prompts.iter().map(|p| p.text));
    texts.extend(w.exercises.iter().map(|e| e.instructions));
    texts
}

#[test]
fn onboarding_offers_the_part_privately_and_never_requires_it() {
    let phone = TestPhone::fresh();
    let mut screen = Screen::new(&phone.phone);
    screen.input("onboarding-name", "Ana");
    screen.click("onboarding-continue");
    assert!(screen.has("your-part") && screen.has("onboarding-alone"));
    assert!(screen.text("your-part").contains("It stays on this phone unless you share it"));
    screen.click("part-broke-trust");
    assert!(
        screen.tag("part-broke-trust").contains(r#"aria-pressed="true""#),
        "{}",
        screen.tag("part-broke-trust")
    );
    assert!(!screen.tag("part-share").contains("checked"), "sharing is off: {}", screen.tag("part-share"));
    assert_eq!(phone.with(|s| (s.my_part(), s.sharing_part())), (Some(Part::BrokeTrust), false));
    screen.click("onboarding-alone");
    assert!(screen.has("tab-today"), "starting goes on without more questions");
}

#[test]
fn settings_changes_the_part_and_its_one_sharing_toggle_at_any_time() {
    let (ana, ben) = couple(Part::RatherNotSay, Part::Hurt);
    let mut screen = settings(&ana);
    screen.click("part-both");
    assert_eq!(screen.text("part-status"), "Saved on this phone. Nothing you wrote changes.");
    assert_eq!(ana.with(|s| s.my_part()), Some(Part::Both));
    assert!(screen.text("part-share-hint").starts_with("Only you can see it."));
    screen.check("part-share");
    assert!(ana.with(|s| s.sharing_part()));
    assert!(screen.text("part-share-hint").starts_with("Ben can see it."));
    screen.uncheck("part-share");
    assert!(!ana.with(|s| s.sharing_part()));
    sync(&ana, &ben);
    assert!(ben.with(|s| s.shared().parts.is_empty()));
}

#[test]
fn guide_step_one_returns_to_the_part_choice() {
    let (ana, _ben) = couple(Part::Hurt, Part::BrokeTrust);
    let mut screen = open_step(&ana, StepId::RootCause);
    assert!(screen.tag("part-hurt").contains(r#"aria-pressed="true""#));
    screen.click("part-both");
    assert_eq!(ana.with(|s| s.my_part()), Some(Part::Both));
    assert!(
        screen.shows(guide::for_part(StepId::RootCause, Some(Part::Both)).summary),
        "the step rewords at once"
    );
}

#[test]
fn my_partners_part_stays_hidden_until_they_share_it() {
    let (ana, ben) = couple(Part::BrokeTrust, Part::Hurt);
    assert!(!settings(&ana).has("partner-part"));
    assert!(!open_step(&ana, StepId::RootCause).has("partner-part"));
    ben.phone.edit(|s| s.share_part(true)).unwrap();
    sync(&ana, &ben);
    assert_eq!(settings(&ana).text("partner-part"), "Ben chose to share their part: “I was hurt”");
    assert!(!settings(&ben).has("partner-part"), "Ana's is still hers");
}

#[test]
fn every_step_shows_the_words_for_my_part_and_none_meant_for_another() {
    let phone = TestPhone::named("Ana");
    for part in Part::ALL {
        phone.phone.edit(|s| s.choose_part(part)).unwrap();
        for step in guide::steps() {
            let page = open_step(&phone, step.id).page();
            let mine = step_texts(step.id, part);
            for text in &mine {
                assert!(page.contains(text), "{} as {part} is missing {text:?}", step.id);
            }
            for other in Part::ALL.into_iter().filter(|o| *o != part) {
                for text in step_texts(step.id, other).into_iter().filter(|t| !mine.contains(t)) {
                    assert!(!page.contains(text), "{} as {part} shows {other}'s words {text:?}", step.id);
                }
            }
        }
    }
}

#[test]
fn step_four_leads_with_the_composer_for_ana_and_with_receiving_for_ben() {
    let (ana, ben) = couple(Part::BrokeTrust, Part::Hurt);
    let page = open_step(&ana, StepId::Apology);
    assert!(!page.has("need-to-hear") && !page.has("apology-receiving"));
    assert!(page.tag("apology-new").contains("primary"), "the composer leads: {}", page.tag("apology-new"));
    assert_eq!(page.text("apology-new"), "Write an apology");
    assert!(page.has(&format!("reflect-{NEED_TO_HEAR_PROMPT}")), "Ana's reflection list keeps the prompt");

    let page = open_step(&ben, StepId::Apology);
    let html = page.html();
    let need = html.find("id=\"need-to-hear\"").expect("what I'd need to hear comes first");
    let compose = html.find("id=\"apology-new\"").unwrap();
    assert!(need < compose, "receiving before writing");
    assert_eq!(page.text("apology-new"), "Write an apology of your own");
    assert_eq!(html.matches(&format!("id=\"reflect-{NEED_TO_HEAR_PROMPT}\"")).count(), 1, "shown once");
    assert!(
        page.text("need-to-hear").contains("What would you need to hear for an apology to feel sincere?")
    );
}

#[test]
fn what_ben_would_need_to_hear_reaches_ana_under_her_own_wording() {
    let (ana, ben) = couple(Part::BrokeTrust, Part::Hurt);
    let mut page = open_step(&ben, StepId::Apology);
    let field = format!("reflect-{NEED_TO_HEAR_PROMPT}");
    page.input(&field, "That you knew, and did it anyway, and that you're sorry.");
    page.click(&format!("{field}-save"));
    sync(&ana, &ben);
    let page = open_step(&ana, StepId::Apology);
    assert!(page.text(&format!("{field}-partner")).contains("That you knew, and did it anyway"));
    assert!(page.shows("What do you think they need to hear from you"));
    assert!(!page.shows("What would you need to hear for an apology to feel sincere?"));
}

#[test]
fn ben_asks_ana_answers_and_a_withdrawn_question_stays_withdrawn_on_both_phones() {
    let (ana, ben) = couple(Part::BrokeTrust, Part::Hurt);
    let mut page = open_step(&ben, StepId::Transparency);
    page.click("question-ask");
    assert_eq!(page.text("question-new-text-error"), "your question can't be empty");
    assert!(ben.with(|s| s.shared().questions.is_empty()), "nothing saved");
    page.input("question-new-text", "Did you see them after you promised to stop?");
    page.click("question-ask");
    assert_eq!(page.text("question-status"), "Asked");
    page.input("question-new-text", "Is there anything else I should know?");
    page.click("question-ask");
    let (first, second) = ben.with(|s| {
        let q = s.shared().questions_in_order();
        let find = |t: &str| q.iter().find(|q| q.question.text.starts_with(t)).unwrap().question.id.clone();
        (find("Did you"), find("Is there"))
    });
    sync(&ana, &ben);

    let mut page = open_step(&ana, StepId::Transparency);
    assert!(!page.has("question-new-text") && page.has("questions-answering"), "Ana answers here");
    assert_eq!(page.text(&format!("question-{first}-state")), "Open — answer whenever you're ready");
    for pressure in ["overdue", "deadline:", "unanswered for", "days late", "waiting since"] {
        assert!(!page.page().to_lowercase().contains(pressure), "no pressure on a question: {pressure:?}");
    }
    page.input(&format!("question-{first}-answer"), "Once, in March. I should have told you.");
    page.click(&format!("question-{first}-answer-save"));
    assert_eq!(page.text(&format!("question-{first}-answer-status")), "Saved");
    assert!(!page.has(&format!("question-{first}-withdraw")), "only the asker withdraws");
    sync(&ana, &ben);

    let mut page = open_step(&ben, StepId::Transparency);
    assert_eq!(page.text(&format!("question-{first}-state")), "Answered");
    assert!(page.text(&format!("question-{first}-answer-text")).contains("Once, in March."));
    assert!(!page.has(&format!("question-{first}-withdraw")), "an answered question stays as asked");
    page.click(&format!("question-{second}-withdraw"));
    page.click(&format!("question-{second}-withdraw-confirm"));
    assert_eq!(page.text(&format!("question-{second}-state")), "Withdrawn by you");
    sync(&ana, &ben);

    let page = open_step(&ana, StepId::Transparency);
    assert_eq!(page.text(&format!("question-{second}-state")), "Withdrawn by Ben");
    assert!(!page.has(&format!("question-{second}-answer")), "nothing left to answer");
    for phone in [&ana, &ben] {
        let states: Vec<QuestionState> =
            phone.with(|s| s.shared().questions_in_order().iter().map(|q| q.state).collect());
        assert_eq!(states, [QuestionState::Answered, QuestionState::Withdrawn]);
    }
}

#[test]
fn today_shows_one_gentle_suggestion_for_my_part_until_i_say_not_now() {
    let (ana, _ben) = couple(Part::BrokeTrust, Part::Hurt);
    let mut today = Screen::new(&ana.phone);
    let expected = guide::for_part(StepId::RootCause, Some(Part::BrokeTrust)).suggestion;
    assert_eq!(today.text("today-suggestion-text"), expected.text);
    assert!(today.text("today-suggestion-place").contains("From step 1"));
    assert_eq!(today.html().matches("id=\"today-suggestion\"").count(), 1, "one suggestion");
    today.click("suggestion-dismiss");
    assert!(!today.has("today-suggestion"));
    assert!(!Screen::new(&ana.phone).has("today-suggestion"), "it stays set aside");
}

#[test]
fn the_suggestion_opens_its_step() {
    let (_ana, ben) = couple(Part::BrokeTrust, Part::Hurt);
    let mut today = Screen::new(&ben.phone);
    today.click("suggestion-open");
    assert_eq!(today.text("step-title"), guide::step(StepId::RootCause).title);
}

#[test]
fn the_check_in_asks_about_trust_between_the_two_partners() {
    let (ana, _ben) = couple(Part::Hurt, Part::BrokeTrust);
    let today = Screen::new(&ana.phone);
    assert!(today.shows("How much trust do you feel between you and Ben today?"));
    assert!(!today.page().to_lowercase().contains("trust us"));
    let alone = TestPhone::named("Cleo");
    assert!(
        Screen::new(&alone.phone).shows("How much trust do you feel between you and your partner today?")
    );
}

#[test]
fn each_mood_button_is_named_by_the_words_it_shows() {
    let phone = TestPhone::named("Ana");
    let today = Screen::new(&phone.phone);
    for (mood, words) in [(1, "Very low"), (3, "Okay"), (5, "Very good")] {
        let id = format!("mood-{mood}");
        assert!(!today.tag(&id).contains("aria-label"), "{}", today.tag(&id));
        assert!(today.text(&id).starts_with(&format!("{mood} {words}")), "{}", today.text(&id));
    }
}
