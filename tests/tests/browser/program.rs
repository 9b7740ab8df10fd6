//! The guided program in the browser: the root-cause exercise across two phones, an apology that
//! makes a promise the partner sees, the counselor summary export, and insights over 90 days.

use super::support::*;
use mend_shared::model::{JournalDraft, Visibility};
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_root_cause_answers_stay_hidden_until_both_have_answered_then_show_side_by_side() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    let ana_view = "We stopped talking about money and I hid the debt";
    let ben_view = "I pulled away when things got hard instead of asking";

    let ana = open_tab(d, &preview.phone_url("a"), true).await;
    click(d, "tab-guide").await;
    by_id(d, "step-root-cause").await;
    screenshot(d, "12-guide").await;
    click(d, "step-root-cause").await;
    click(d, "rootcause-factor-poor-communication").await;
    click(d, "rootcause-factor-betrayal").await;
    type_into(d, "rootcause-view", ana_view).await;
    click(d, "rootcause-save").await;
    let waiting = by_id(d, "rootcause-partner").await.text().await.unwrap();
    assert!(!waiting.contains(ben_view));

    let ben = open_tab(d, &preview.phone_url("b"), false).await;
    click(d, "tab-guide").await;
    click(d, "step-root-cause").await;
    wait_for(|| preview.phone("b").read(|s| (s.shared().root_causes.len() == 1).then_some(()))).await;
    let hidden = by_id(d, "rootcause-partner").await.text().await.unwrap();
    assert!(!hidden.contains(ana_view), "Ana's answer is hidden from Ben until he answers: {hidden}");
    assert!(!d.source().await.unwrap().contains(ana_view), "not even in the page");
    screenshot_at(d, "rootcause-partner", "13-root-cause-hidden").await;
    click(d, "rootcause-factor-inconsistent-behaviour").await;
    type_into(d, "rootcause-view", ben_view).await;
    click(d, "rootcause-save").await;
    wait_text(d, "rootcause-side-partner", ana_view).await;
    wait_text(d, "rootcause-side-mine", ben_view).await;
    screenshot_at(d, "rootcause-partner", "14-root-cause-revealed").await;

    to(d, &ana).await;
    wait_text(d, "rootcause-side-partner", ben_view).await;
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

    open_tab(d, &preview.phone_url("a"), true).await;
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
    by_id(d, &format!("apology-{apology}")).await;
    screenshot_at(d, &format!("apology-{apology}"), "15-apology").await;

    open_tab(d, &preview.phone_url("b"), false).await;
    click(d, "tab-promises").await;
    let promise =
        wait_for(|| preview.phone("b").read(|s| s.shared().promises.iter().next().map(|p| p.id.clone())))
            .await;
    wait_text(d, &format!("promise-{promise}"), promise_title).await;
    click(d, "tab-guide").await;
    click(d, "step-apology").await;
    click(d, &format!("apology-respond-{apology}-hear")).await;
    wait_for(|| preview.phone("a").read(|s| (!s.shared().responses.is_empty()).then_some(()))).await;
    screenshot_at(d, &format!("apology-{apology}"), "16-apology-response").await;
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
    let ids = preview.phone("a").edit(|s| {
        let a = s.add_journal_entry(
            Visibility::Shared,
            JournalDraft { body: chosen.into(), ..Default::default() },
        )?;
        s.add_journal_entry(
            Visibility::Shared,
            JournalDraft { body: unchosen.into(), ..Default::default() },
        )?;
        let p = s.add_journal_entry(
            Visibility::Private,
            JournalDraft { body: private.into(), ..Default::default() },
        )?;
        Ok::<_, mend_shared::session::SessionError>((a.id, p.id))
    });
    let (chosen_id, private_id) = ids.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    open_tab(d, &preview.phone_url("a"), true).await;
    click(d, "tab-guide").await;
    click(d, "step-professional-help").await;
    by_id(d, "safety-note").await;
    screenshot_at(d, "safety-note", "17-professional-help").await;
    click(d, "summary-open").await;
    by_id(d, &format!("summary-entry-{chosen_id}")).await;
    assert!(
        d.find(thirtyfour::By::Id(format!("summary-entry-{private_id}"))).await.is_err(),
        "private entries are never offered"
    );
    assert!(!d.source().await.unwrap().contains(private));
    click(d, "summary-include-trends").await;
    click(d, "summary-include-promises").await;
    click(d, &format!("summary-entry-{chosen_id}")).await;
    click(d, "summary-build").await;
    click(d, "summary-show-markdown").await;
    let markdown = by_id(d, "summary-markdown").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(markdown.contains(chosen), "{markdown}");
    assert!(!markdown.contains(unchosen));
    assert!(!markdown.contains(private));
    screenshot_at(d, "summary-preview", "18-counselor-summary").await;
    click(d, "summary-show-html").await;
    let html = by_id(d, "summary-html").await.attr("srcdoc").await.unwrap().unwrap_or_default();
    assert!(html.contains("We walked by the river") && !html.contains(private));
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
    assert!(!label.is_empty());
    let dots = d.find_all(thirtyfour::By::Css("#chart-trust circle")).await.unwrap().len();
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
