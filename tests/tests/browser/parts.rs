//! Each partner's part in the browser: Ana chooses "I broke trust" and Ben "I was hurt", each sees
//! their own step 4, Ben asks two questions, Ana answers one, Ben withdraws the other, and both
//! phones agree after sync; Ben's part stays hidden from Ana until he shares it. axe-core checks
//! every screen of the app for serious or critical accessibility problems.

use super::support::*;
use mend_shared::guide::StepId;
use mend_shared::ids::ExerciseEntryId;
use mend_shared::model::{Part, QuestionState};
use mend_tests::relay_bin;
use mend_tests::util::*;
use thirtyfour::prelude::*;

/// Open a guide step from the guide tab, as a partner would.
async fn open_step(d: &WebDriver, step: StepId) {
    click(d, "tab-guide").await;
    click(d, &format!("step-{step}")).await;
    by_id(d, "step-title").await;
}

/// Open Settings and choose a part there.
async fn choose_part(d: &WebDriver, part: Part) {
    click(d, "open-settings").await;
    click(d, &format!("part-{part}")).await;
    wait_text(d, "part-status", "Saved on this phone").await;
}

/// Tap through `taps`, wait for the element `ready`, then have axe-core check the screen.
async fn check_screen(d: &WebDriver, taps: &[&str], ready: &str, screen: &str) {
    for id in taps {
        click(d, id).await;
    }
    by_id(d, ready).await;
    assert_accessible(d, screen).await;
}

/// Every question on a phone, as (text, state, answer): what "both phones agree" compares.
fn questions(preview: &PreviewServer, phone: &str) -> Vec<(String, QuestionState, Option<String>)> {
    preview.phone(phone).read(|s| {
        s.shared()
            .questions_in_order()
            .iter()
            .map(|q| (q.question.text.clone(), q.state, q.answer.map(|a| a.text.clone())))
            .collect()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_partner_follows_their_part_and_both_phones_agree_on_the_questions_after_sync() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    let (first_q, second_q) =
        ("Did you see them after you promised to stop?", "Is there anything else I should know?");
    let answer = "Once, in March. I should have told you that night.";

    // Ana: "I broke trust", kept to herself.
    let ana = open_tab(d, &preview.phone_url("a"), true).await;
    choose_part(d, Part::BrokeTrust).await;
    assert!(!by_id(d, "part-share").await.is_selected().await.unwrap(), "sharing is off by default");
    screenshot_at(d, "your-part", "30-parts-ana-chooses").await;
    open_step(d, StepId::Apology).await;
    wait_text(d, "apology-new", "Write an apology").await;
    assert!(!present(d, "need-to-hear").await, "Ana's step 4 leads with the composer");
    screenshot_at(d, "apologies-title", "31-parts-ana-step-4").await;

    // Ben: "I was hurt"; his step 4 opens with receiving and what he'd need to hear.
    let ben = open_tab(d, &preview.phone_url("b"), false).await;
    choose_part(d, Part::Hurt).await;
    open_step(d, StepId::Apology).await;
    wait_text(d, "apologies-title", "When an apology comes").await;
    wait_text(d, "need-to-hear", "What would you need to hear for an apology to feel sincere?").await;
    wait_text(d, "apology-new", "Write an apology of your own").await;
    screenshot_at(d, "apologies-title", "32-parts-ben-step-4").await;

    // Ben's part stays hidden from Ana until he shares it.
    wait_for(|| preview.phone("a").read(|s| s.partner().map(|_| ()))).await;
    to(d, &ana).await;
    click(d, "open-settings").await;
    by_id(d, "your-part").await;
    assert!(!present(d, "partner-part").await);
    assert!(!d.source().await.unwrap().contains("Ben chose to share"));
    assert!(
        preview.phone("a").read(|s| s.shared().parts.is_empty()),
        "nothing of Ben's part reached Ana's phone"
    );
    to(d, &ben).await;
    click(d, "open-settings").await;
    click(d, "part-share").await;
    wait_text(d, "part-share-hint", "Ana can see it.").await;
    to(d, &ana).await;
    wait_text(d, "partner-part", "Ben chose to share their part: “I was hurt”").await;
    screenshot_at(d, "your-part", "33-parts-ben-shared").await;

    // Ben asks two questions.
    to(d, &ben).await;
    open_step(d, StepId::Transparency).await;
    for q in [first_q, second_q] {
        type_into(d, "question-new-text", q).await;
        click(d, "question-ask").await;
        wait_text(d, "question-status", "Asked").await;
    }
    let find = |phone: &str, text: &str| -> Option<ExerciseEntryId> {
        preview
            .phone(phone)
            .read(|s| s.shared().questions.iter().find(|q| q.text == text).map(|q| q.id.clone()))
    };
    let first = wait_for(|| find("a", first_q)).await;
    let second = wait_for(|| find("a", second_q)).await;

    // Ana answers the first, in her own time.
    to(d, &ana).await;
    open_step(d, StepId::Transparency).await;
    by_id(d, "questions-answering").await;
    assert!(!present(d, "question-new-text").await, "Ana answers here");
    wait_text(d, &format!("question-{first}-state"), "Open — answer whenever you're ready").await;
    type_into(d, &format!("question-{first}-answer"), answer).await;
    click(d, &format!("question-{first}-answer-save")).await;
    wait_text(d, &format!("question-{first}-answer-status"), "Saved").await;
    screenshot_at(d, "questions-title", "34-parts-ana-answers").await;

    // Ben reads the answer and withdraws the other question.
    to(d, &ben).await;
    wait_text(d, &format!("question-{first}-state"), "Answered").await;
    wait_text(d, &format!("question-{first}-answer-text"), answer).await;
    click(d, &format!("question-{second}-withdraw")).await;
    click(d, &format!("question-{second}-withdraw-confirm")).await;
    wait_text(d, &format!("question-{second}-state"), "Withdrawn by you").await;
    screenshot_at(d, "questions-title", "35-parts-ben-questions").await;

    to(d, &ana).await;
    wait_text(d, &format!("question-{second}-state"), "Withdrawn by Ben").await;
    assert!(!present(d, &format!("question-{second}-answer")).await, "nothing left to answer");
    let agreed = wait_for(|| {
        let (a, b) = (questions(&preview, "a"), questions(&preview, "b"));
        (a == b).then_some(a)
    })
    .await;
    assert_eq!(
        agreed,
        [
            (first_q.to_string(), QuestionState::Answered, Some(answer.to_string())),
            (second_q.to_string(), QuestionState::Withdrawn, None),
        ]
    );
    // Ana's part never left her phone; Ben's is in the couple's document because he shared it.
    let (ana_id, ben_id) =
        preview.phone("b").read(|s| (s.partner().unwrap().id.clone(), s.my_id().unwrap().clone()));
    for phone in ["a", "b"] {
        preview.phone(phone).read(|s| {
            assert_eq!(s.shared().shared_part_of(&ana_id), None);
            assert_eq!(s.shared().shared_part_of(&ben_id).map(|p| p.part), Some(Part::Hurt));
        });
    }
    browser.quit().await;
}

/// Put a button whose name hides its visible words on the page: axe-core must report it, or the
/// checks below could pass by not running at all.
async fn axe_catches_a_planted_problem(d: &WebDriver) {
    d.execute(
        "const b = document.createElement('button'); b.id = 'axe-control'; \
         b.setAttribute('aria-label', 'Something else entirely'); b.textContent = 'Visible words'; \
         document.body.appendChild(b);",
        vec![],
    )
    .await
    .unwrap();
    let found = serious_violations(d).await;
    assert!(
        found.iter().any(|v| v.contains("label-content-name-mismatch") && v.contains("#axe-control")),
        "{found:?}"
    );
    d.execute("document.getElementById('axe-control').remove();", vec![]).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_core_finds_no_serious_or_critical_problem_on_any_screen() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let fresh = PreviewServer::start(&["c"], &relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    // A new phone: onboarding, the part offered, restore and pairing screens.
    open_tab(d, &fresh.phone_url("c"), true).await;
    by_id(d, "privacy-note").await;
    axe_catches_a_planted_problem(d).await;
    check_screen(d, &[], "onboarding-name", "onboarding: name").await;
    check_screen(d, &["onboarding-restore"], "restore-cancel", "onboarding: restore a backup").await;
    click(d, "restore-cancel").await;
    type_into(d, "onboarding-name", "Cleo").await;
    click(d, "onboarding-continue").await;
    click(d, "part-rather-not-say").await;
    check_screen(d, &[], "part-status", "onboarding: how to begin, with your part").await;
    check_screen(d, &["onboarding-join"], "pair-code-input", "onboarding: join with a code").await;

    // Every screen of a paired phone, with the forms that open on them.
    open_tab(d, &preview.phone_url("a"), false).await;
    by_id(d, "mood-1").await;
    check_screen(d, &["mood-3"], "today-suggestion", "Today").await;
    screenshot_at(d, "today-suggestion", "36-today-suggestion").await;
    check_screen(d, &["tab-promises", "promise-new"], "promise-title", "Promises, with the new-promise form")
        .await;
    type_into(d, "promise-title", "Call when I'm late").await;
    click(d, "promise-save").await;
    let promise =
        wait_for(|| preview.phone("a").read(|s| s.shared().promises.iter().next().map(|p| p.id.clone())))
            .await;
    check_screen(d, &[&format!("promise-{promise}")], "detail-title", "a promise's detail").await;
    check_screen(d, &["tab-journal", "journal-new"], "journal-body", "Journal, with the editor").await;
    check_screen(d, &["tab-guide"], "step-root-cause", "Guide").await;
    for part in [Part::Hurt, Part::BrokeTrust] {
        preview.phone("a").edit(|s| s.choose_part(part)).unwrap();
        for step in StepId::ALL {
            open_step(d, step).await;
            assert_accessible(d, &format!("guide step {step} as {part}")).await;
        }
    }
    check_screen(d, &["tab-insights"], "insights-range-30", "Insights").await;
    open_step(d, StepId::ProfessionalHelp).await;
    check_screen(
        d,
        &["summary-open", "summary-include-trends", "summary-build"],
        "summary-preview",
        "the counselor summary",
    )
    .await;
    check_screen(d, &["open-settings"], "your-part", "Settings").await;
    browser.quit().await;
}
