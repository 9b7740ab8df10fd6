//! Everyday use in the browser: pairing by code, a check-in and a promise that reach the partner,
//! an acknowledgement, inline validation, and working through a relay outage.

use super::support::*;
use mend_mobile::preview::PreviewConfig;
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_partners_pair_by_code_then_a_check_in_and_a_promise_reach_the_partner_who_acknowledges() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start(&["a", "b"], &relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    // Ana starts and invites.
    let ana = open_tab(d, &preview.phone_url("a"), true).await;
    let width: i64 = d.execute("return window.innerWidth", vec![]).await.unwrap().convert().unwrap();
    let height: i64 = d.execute("return window.innerHeight", vec![]).await.unwrap().convert().unwrap();
    assert_eq!((width, height), (390, 844), "an exact phone viewport");
    by_id(d, "privacy-note").await;
    screenshot(d, "01-onboarding").await;
    type_into(d, "onboarding-name", "Ana").await;
    click(d, "onboarding-continue").await;
    click(d, "onboarding-invite").await;
    let code = wait_text(d, "pair-code", "-").await.text().await.unwrap();
    assert_eq!(code.split('-').count(), 4, "{code}");
    screenshot(d, "02-pairing-invite").await;

    // Ben joins with the code Ana's phone shows.
    let ben = open_tab(d, &preview.phone_url("b"), false).await;
    type_into(d, "onboarding-name", "Ben").await;
    click(d, "onboarding-continue").await;
    click(d, "onboarding-join").await;
    type_into(d, "pair-code-input", &code).await;
    screenshot(d, "03-pairing-join").await;
    click(d, "pair-join").await;
    by_id(d, "pair-done").await;
    click(d, "pair-done").await;
    to(d, &ana).await;
    by_id(d, "pair-done").await;
    click(d, "pair-done").await;

    // Ana checks in and makes a promise.
    click(d, "mood-4").await;
    set_range(d, "trust", 7).await;
    type_into(d, "feel", "Hopeful after our walk").await;
    click(d, "checkin-save").await;
    wait_text(d, "checkin-status", "Saved").await;
    screenshot(d, "04-today-checked-in").await;
    click(d, "tab-promises").await;
    click(d, "promise-new").await;
    type_into(d, "promise-title", "Text when I'm running late").await;
    click(d, "promise-save").await;
    let promise_id =
        wait_for(|| preview.phone("a").read(|s| s.shared().promises.iter().next().map(|p| p.id.to_string())))
            .await;
    by_id(d, &format!("promise-{promise_id}")).await;
    screenshot(d, "05-promises").await;
    click(d, &format!("promise-{promise_id}")).await;
    by_id(d, "promise-edit").await;
    screenshot(d, "06-promise-detail").await;

    // Ben's phone shows both once synced, and he says thank you for the check-in.
    to(d, &ben).await;
    wait_text(d, "partner-mood", "4").await;
    wait_text(d, "partner-trust", "7 / 10").await;
    screenshot_at(d, "partner-checkin-title", "07-today-partner-checkin").await;
    click(d, "ack-checkin-thanks").await;
    click(d, "tab-promises").await;
    by_id(d, &format!("promise-{promise_id}")).await;
    wait_text(d, &format!("promise-{promise_id}"), "Text when I'm running late").await;
    // The thank-you reaches Ana's phone as Ben's own record.
    let ben_name = wait_for(|| {
        preview.phone("a").read(|s| s.shared().acks.iter().next().map(|a| s.shared().name_of(&a.by)))
    })
    .await;
    assert_eq!(ben_name, "Ben");
    click(d, "open-settings").await;
    wait_text(d, "settings-relay-locked", "http://127.0.0.1").await;
    screenshot(d, "08-settings").await;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_promise_shows_its_error_inline_and_saves_nothing() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    open_tab(d, &preview.phone_url("a"), true).await;
    click(d, "tab-promises").await;
    click(d, "promise-new").await;
    type_into(d, "promise-title", "   ").await;
    click(d, "promise-save").await;
    wait_text(d, "promise-title-error", "the promise can't be empty").await;
    screenshot(d, "09-promise-validation").await;
    assert!(preview.phone("a").read(|s| s.shared().promises.is_empty()), "nothing saved");
    // An over-long answer in the check-in is refused at the field, and nothing is saved.
    click(d, "tab-today").await;
    click(d, "mood-3").await;
    type_into(d, "need", &"more time together ".repeat(30)).await;
    click(d, "checkin-save").await;
    wait_text(d, "need-error", "too long").await;
    screenshot(d, "10-checkin-validation").await;
    assert!(preview.phone("a").read(|s| s.shared().checkins.is_empty()), "nothing saved");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_keeps_working_while_the_relay_is_down_and_syncs_when_it_returns() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let mut relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    let ana = open_tab(d, &preview.phone_url("a"), true).await;
    wait_text(d, "sync-badge", "Synced").await;
    relay.kill();
    click(d, "mood-2").await;
    set_range(d, "trust", 3).await;
    click(d, "checkin-save").await;
    wait_text(d, "checkin-status", "Saved").await;
    wait_text(d, "sync-badge", "Offline").await;
    screenshot(d, "11-offline").await;
    relay.restart();
    let ben = open_tab(d, &preview.phone_url("b"), false).await;
    wait_text(d, "partner-mood", "2").await;
    to(d, &ana).await;
    wait_text(d, "sync-badge", "Synced").await;
    let _ = ben;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_demo_shows_two_paired_phones_and_a_check_in_on_one_reaches_the_other() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    // Started exactly as `mend-preview --demo` starts it: the relay inside, Ana and Ben paired.
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = PreviewConfig { data_dir: dir.path().to_path_buf(), demo: true, relay: None };
    let demo = mend_mobile::preview::launch(listener, config).await.unwrap();
    let url = format!("http://{}/", demo.addr);
    tokio::spawn(demo.serve());
    let browser = Browser::start().await;
    let d = &browser.driver;
    d.goto(&url).await.unwrap();
    by_id(d, "phone-a").await.enter_frame().await.unwrap();
    wait_text(d, "sync-badge", "Synced").await;
    click(d, "mood-5").await;
    set_range(d, "trust", 8).await;
    click(d, "checkin-save").await;
    wait_text(d, "checkin-status", "Saved").await;
    d.enter_default_frame().await.unwrap();
    by_id(d, "phone-b").await.enter_frame().await.unwrap();
    wait_text(d, "partner-mood", "5").await;
    wait_text(d, "partner-trust", "8 / 10").await;
    d.enter_default_frame().await.unwrap();
    screenshot(d, "15-demo-two-phones").await;
    browser.quit().await;
}

/// Every element on the page whose own text is smaller than 13 px, described.
async fn small_text(driver: &thirtyfour::WebDriver) -> Vec<String> {
    let found = driver
        .execute(
            r#"const small = [];
               for (const el of document.querySelectorAll('body *')) {
                 const style = getComputedStyle(el);
                 if (style.display === 'none' || style.visibility === 'hidden') continue;
                 const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                 const size = parseFloat(style.fontSize);
                 if (own && size < 13) small.push(`${el.tagName.toLowerCase()}.${el.className}: ${size}px "${el.textContent.trim().slice(0, 30)}"`);
               }
               return small;"#,
            vec![],
        )
        .await
        .unwrap();
    found.convert().unwrap()
}

/// The narrowest calendar day cell, in CSS pixels.
async fn narrowest_day(driver: &thirtyfour::WebDriver) -> f64 {
    let width = driver
        .execute("return Math.min(...[...document.querySelectorAll('.day')].map(d => d.getBoundingClientRect().width));", vec![])
        .await
        .unwrap();
    width.convert().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendar_days_are_44_px_targets_and_every_label_is_at_least_13_px() {
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let relay = RelayProcess::start(relay_bin!());
    let preview = PreviewServer::start_paired(&relay.url()).await;
    let draft = mend_shared::model::PromiseDraft {
        title: "Home by seven".into(),
        why: String::new(),
        cadence: mend_shared::model::Cadence::Daily,
    };
    let id = preview.phone("a").edit(|s| s.create_promise(draft)).unwrap().id;
    let browser = Browser::start().await;
    let d = &browser.driver;
    open_tab(d, &preview.phone_url("a"), true).await;
    by_id(d, "checkin-title").await;
    assert_eq!(small_text(d).await, Vec::<String>::new(), "Today");
    click(d, "tab-promises").await;
    by_id(d, &format!("promise-{id}")).await;
    assert_eq!(small_text(d).await, Vec::<String>::new(), "Promises");
    click(d, &format!("promise-{id}")).await;
    by_id(d, "cal-title").await;
    assert_eq!(small_text(d).await, Vec::<String>::new(), "the promise's detail");
    let at_390 = narrowest_day(d).await;
    assert!(at_390 >= 44.0, "day cells at 390 px are {at_390} px wide");
    // The narrowest phones the app is made for.
    d.execute("document.body.style.width = '360px';", vec![]).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let at_360 = narrowest_day(d).await;
    assert!(at_360 >= 44.0, "day cells at 360 px are {at_360} px wide");
    screenshot_at(d, "cal-title", "17-calendar-360px").await;
    d.execute("document.body.style.width = '';", vec![]).await.unwrap();
    click(d, "open-settings").await;
    by_id(d, "settings-relay-locked").await;
    assert_eq!(small_text(d).await, Vec::<String>::new(), "Settings");
    browser.quit().await;
}
