//! What the browser tests share: one browser test at a time (each runs Chromium), and tabs.

use thirtyfour::prelude::*;
use tokio::sync::Mutex;

/// Browser tests take turns: two Chromiums at once on a 2-core machine only make both flaky.
pub static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// Open `url` in a new tab and return its handle (the first tab is reused for the first page).
pub async fn open_tab(driver: &WebDriver, url: &str, first: bool) -> WindowHandle {
    if !first {
        let handle = driver.new_tab().await.unwrap();
        driver.switch_to_window(handle).await.unwrap();
    }
    driver.goto(url).await.unwrap();
    driver.window().await.unwrap()
}

/// Switch to a tab.
pub async fn to(driver: &WebDriver, tab: &WindowHandle) {
    driver.switch_to_window(tab.clone()).await.unwrap();
}

/// Wait (up to 30 s) for `probe` to return something.
pub async fn wait_for<T>(probe: impl Fn() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(std::time::Instant::now() < deadline, "the app never got there");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
