//! The guided program in the browser: the root-cause exercise across two phones, an apology that
//! makes a promise the partner sees and answers, the counselor summary made from entries written
//! in the app and saved as files, and insights over 90 days.

use super::support::*;
use mend_tests::relay_bin;
use mend_tests::util::*;
use thirtyfour::prelude::*;

/// What the download link with this id saves: its file name and the file's text, read by the
/// browser from the link itself.
async fn download(driver: &WebDriver, id: &str) -> (String, String) {
    let el = by_id(driver, id).await;
    let name = el.attr("download").await.unwrap().unwrap_or_default();
    let text = driver
        .execute("return fetch(arguments[0].href).then(r => r.text());", vec![el.to_json().unwrap()])
        .await
        .unwrap()
        .convert::<String>()
        .unwrap();
    (name, text)
}

/// Wait until the element with this id no longer exists.
async fn wait_gone(driver: &WebDriver, id: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while driver.find(By::Id(id)).await.is_ok() {
        assert!(std::time::Instant::now() < deadline, "#{id} never went away");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_root_cause_answers_stay_hidden_until_both_have_answered_then_show_side_by_side() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    let ana_view = "We stopped talking about money and I hid the debt";
    let ben_view = "I pulled away when things got hard instead of asking";
    let ana_reflection = "When I found the second card statement";
    let what = "reflect-root-cause.what-happened";

    let ana = open_tab(d, &preview.phone_url("a"), true).await;
    click(d, "tab-guide").await;
    by_id(d, "step-root-cause").await;
    screenshot(d, "12-guide").await;
    click(d, "step-root-cause").await;
    click(d, "rootcause-factor-poor-communication").await;
    click(d, "rootcause-factor-betrayal").await;
    type_into(d, "rootcause-view", ana_view).await;
    click(d, "rootcause-save").await;
    wait_text(d, "rootcause-status", "Saved").await;
    wait_text(d, "rootcause-partner", "Ben hasn't written their view yet.").await;
    type_into(d, what, ana_reflection).await;
    click(d, &format!("{what}-save")).await;
    wait_text(d, &format!("{what}-status"), "Saved").await;
    wait_text(d, &format!("{what}-partner"), "Ben hasn't answered this one yet.").await;

    let ben = open_tab(d, &preview.phone_url("b"), false).await;
    click(d, "tab-guide").await;
    click(d, "step-root-cause").await;
    wait_for(|| {
        preview.phone("b").read(|s| {
            let shared = s.shared();
            (shared.root_causes.len() == 1 && shared.reflections.len() == 1).then_some(())
        })
    })
    .await;
    wait_text(
        d,
        "rootcause-partner",
        "Ana has written their view. It shows here once you have saved yours, so your view stays your own.",
    )
    .await;
    wait_text(
        d,
        &format!("{what}-partner"),
        "Ana has answered this one. Their answer shows here once you have saved yours",
    )
    .await;
    let page = d.source().await.unwrap();
    assert!(!page.contains(ana_view) && !page.contains(ana_reflection), "Ana's words aren't in Ben's page");
    screenshot_at(d, "rootcause-partner", "13-root-cause-hidden").await;

    click(d, "rootcause-factor-inconsistent-behaviour").await;
    type_into(d, "rootcause-view", ben_view).await;
    click(d, "rootcause-save").await;
    wait_text(d, "rootcause-side-partner", ana_view).await;
    wait_text(d, "rootcause-side-mine", ben_view).await;
    let ana_side = by_id(d, "rootcause-side-partner").await.text().await.unwrap();
    assert!(ana_side.contains("Poor communication") && ana_side.contains("Betrayal"), "{ana_side}");
    screenshot_at(d, "rootcause-partner", "14-root-cause-revealed").await;
    type_into(d, what, "The night you told me about the debt").await;
    click(d, &format!("{what}-save")).await;
    wait_text(d, &format!("{what}-partner"), ana_reflection).await;

    to(d, &ana).await;
    wait_text(d, "rootcause-side-partner", ben_view).await;
    wait_text(d, "rootcause-side-mine", ana_view).await;
    let bens_side = by_id(d, "rootcause-side-partner").await.text().await.unwrap();
    assert!(bens_side.contains("Ben") && bens_side.contains("Inconsistent behaviour"), "{bens_side}");
    wait_text(d, &format!("{what}-partner"), "The night you told me about the debt").await;
    let _ = ben;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_apology_makes_a_promise_the_partner_sees_and_answers_without_pressure() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    let promise_title = "Tell you before plans change";
    let bens_words = "I hear you, and I'm glad you told me";

    let ana = open_tab(d, &preview.phone_url("a"), true).await;
    click(d, "tab-guide").await;
    click(d, "step-apology").await;
    click(d, "apology-new").await;
    type_into(d, "apology-what", "I cancelled our weekend without telling you").await;
    type_into(d, "apology-impact", "You felt you couldn't count on our plans").await;
    type_into(d, "apology-part", "I chose work and kept it from you").await;
    type_into(d, "apology-will", "Tell you first, every time").await;
    click(d, "apology-make-promise").await;
    type_into(d, "apology-promise-title", promise_title).await;
    click(d, "apology-save").await;
    let apology =
        wait_for(|| preview.phone("a").read(|s| s.shared().apologies.iter().next().map(|a| a.id.clone())))
            .await;
    wait_text(d, "apology-status", "is now one of your promises").await;
    wait_text(d, &format!("apology-{apology}-response"), "No response yet, and there's no hurry.").await;
    screenshot_at(d, &format!("apology-{apology}"), "15-apology").await;

    open_tab(d, &preview.phone_url("b"), false).await;
    click(d, "tab-promises").await;
    let promise =
        wait_for(|| preview.phone("b").read(|s| s.shared().promises.iter().next().map(|p| p.id.clone())))
            .await;
    wait_text(d, &format!("promise-{promise}"), promise_title).await;
    click(d, "tab-guide").await;
    click(d, "step-apology").await;
    let card = wait_text(d, &format!("apology-{apology}"), "Ana's apology").await.text().await.unwrap();
    assert!(
        card.contains("Its impact on you") && card.contains("You felt you couldn't count on our plans"),
        "{card}"
    );
    wait_text(d, &format!("apology-{apology}-promise"), promise_title).await;
    type_into(d, &format!("apology-respond-{apology}-text"), bens_words).await;
    click(d, &format!("apology-respond-{apology}-words")).await;
    wait_text(d, &format!("apology-respond-{apology}-status"), "You responded “In my own words”").await;
    screenshot_at(d, &format!("apology-{apology}"), "16-apology-response").await;

    // Ben's linked promise opens from his copy of Ana's apology.
    click(d, &format!("apology-{apology}-promise")).await;
    wait_text(d, "detail-title", promise_title).await;

    to(d, &ana).await;
    let response = wait_text(d, &format!("apology-{apology}-response"), bens_words).await;
    let response = response.text().await.unwrap();
    assert!(response.contains("Ben responded") && response.contains("In my own words"), "{response}");
    let card = by_id(d, &format!("apology-{apology}")).await.text().await.unwrap();
    assert!(card.contains("Its impact on Ben") && card.contains(promise_title), "Ana's own card: {card}");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counselor_summary_holds_only_what_the_couple_chose_and_never_the_private_journal() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_with_history(&relay.url(), 60).await;
    let (chosen, unchosen, private) = (
        "We walked by the river and it helped",
        "An evening we'd rather keep to ourselves",
        "My own worry, never shared",
    );
    let browser = Browser::start().await;
    let d = &browser.driver;
    open_tab(d, &preview.phone_url("a"), true).await;

    // Three entries written in the journal the way Ana would: two shared, one private.
    click(d, "tab-journal").await;
    for (words, shared) in [(chosen, true), (unchosen, true), (private, false)] {
        click(d, "journal-new").await;
        if shared {
            click(d, "journal-visibility-shared").await;
        }
        type_into(d, "journal-body", words).await;
        click(d, "journal-save").await;
        wait_text(d, if shared { "journal-shared" } else { "journal-private" }, words).await;
    }
    let (chosen_id, private_id, today) = preview.phone("a").read(|s| {
        let find = |e: &mend_shared::model::JournalEntry| e.body == chosen;
        let chosen_id = s.shared().journal.iter().find(|e| find(e)).map(|e| e.id.clone()).unwrap();
        let private_id = s.private().journal.iter().next().map(|e| e.id.clone()).unwrap();
        (chosen_id, private_id, s.today())
    });

    click(d, "tab-guide").await;
    click(d, "step-professional-help").await;
    by_id(d, "safety-note").await;
    screenshot_at(d, "safety-note", "17-professional-help").await;
    click(d, "summary-open").await;
    let chosen_box = format!("summary-entry-{chosen_id}");
    by_id(d, &chosen_box).await;
    assert!(
        d.find(By::Id(format!("summary-entry-{private_id}"))).await.is_err(),
        "private entries are never offered"
    );
    assert!(!d.source().await.unwrap().contains(private));

    // Dates that end yesterday leave today's entries out; bringing them back to today offers them.
    set_value(d, "summary-to", today.plus_days(-1).to_string()).await;
    wait_gone(d, &chosen_box).await;
    set_value(d, "summary-to", today.to_string()).await;
    set_value(d, "summary-from", today.plus_days(-13).to_string()).await;
    click(d, "summary-include-trends").await;
    click(d, "summary-include-promises").await;
    click(d, &chosen_box).await;
    click(d, "summary-build").await;
    let preview_text = wait_text(d, "summary-preview", chosen).await.text().await.unwrap();
    assert!(preview_text.contains("Trust and mood, week by week") && preview_text.contains("Promises"));
    assert!(!preview_text.contains("Check-ins, week by week"), "regularity was not chosen");
    assert!(!preview_text.contains(unchosen) && !preview_text.contains(private));
    screenshot_at(d, "summary-preview", "18-counselor-summary").await;

    let span = format!("{}-to-{today}", today.plus_days(-13));
    let (name, markdown) = download(d, "summary-download-markdown").await;
    assert_eq!(name, format!("mend-summary-{span}.md"));
    assert!(markdown.starts_with("# A summary for our counselor, made with Mend"), "{markdown}");
    assert!(markdown.contains(chosen) && !markdown.contains(unchosen) && !markdown.contains(private));
    let (name, html) = download(d, "summary-download").await;
    assert_eq!(name, format!("mend-summary-{span}.html"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(chosen) && !html.contains(private));
    click(d, "summary-download-markdown").await;
    by_id(d, "summary-preview").await;

    click(d, "summary-show-markdown").await;
    let shown = by_id(d, "summary-markdown").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(shown, markdown, "the text to copy is the file's text");
    click(d, "summary-show-html").await;
    let page = by_id(d, "summary-html").await.attr("srcdoc").await.unwrap().unwrap_or_default();
    assert_eq!(page, html, "the printable page is the saved page");
    screenshot_at(d, "summary-export-title", "18b-counselor-summary-export").await;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insights_draw_ninety_days_of_trust_mood_consistency_and_milestones() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_with_history(&relay.url(), 90).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    open_tab(d, &preview.phone_url("a"), true).await;
    click(d, "tab-insights").await;
    click(d, "insights-range-90").await;
    let trust = by_id(d, "chart-trust").await;
    let label = trust.attr("aria-label").await.unwrap().unwrap_or_default();
    assert!(label.starts_with("Trust, ") && label.contains("Ana · daily: "), "{label}");
    let dots = d.find_all(By::Css("#chart-trust circle")).await.unwrap().len();
    assert!(dots >= 150, "both partners' daily trust over 90 days: {dots} points");
    for chart in ["chart-mood", "chart-consistency", "chart-regularity"] {
        by_id(d, chart).await;
    }
    by_id(d, "milestone-30").await;
    screenshot_at(d, "chart-trust", "19-insights").await;
    screenshot_at(d, "milestone-30", "20-milestones").await;
    click(d, "tab-journal").await;
    by_id(d, "journal-new").await;
    screenshot(d, "21-journal").await;
    browser.quit().await;
}
