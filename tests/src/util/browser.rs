//! A real browser for end-to-end tests: Debian's headless Chromium driven through chromedriver
//! (thirtyfour), at an exact 390×844 phone viewport, with screenshots under target/screenshots/
//! and an axe-core check of every screen it takes.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// The phone viewport every end-to-end test uses.
pub const PHONE: (u32, u32) = (390, 844);

/// A chromedriver process and one browser session on it.
pub struct Browser {
    /// The WebDriver session.
    pub driver: WebDriver,
    /// Where the browser saves downloaded files (without asking).
    pub downloads: tempfile::TempDir,
    chromedriver: Child,
    _profile: tempfile::TempDir,
    _home: tempfile::TempDir,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser").finish_non_exhaustive()
    }
}

impl Browser {
    /// Start chromedriver on a free port and open headless Chromium with a phone viewport.
    pub async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // Chromium and chromedriver write under $HOME: give them a throwaway one.
        let home = tempfile::tempdir().unwrap();
        let mut command =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()));
        command
            .arg(format!("--port={port}"))
            .env("HOME", home.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so the browsers it starts can be stopped with it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let chromedriver = command.spawn().expect("start chromedriver (apt-get install chromium-driver)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start on port {port}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())).unwrap();
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ] {
            caps.add_arg(arg).unwrap();
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.path().display())).unwrap();
        let downloads = tempfile::tempdir().unwrap();
        caps.add_experimental_option(
            "prefs",
            serde_json::json!({
                "download.default_directory": downloads.path(),
                "download.prompt_for_download": false,
            }),
        )
        .unwrap();
        caps.add_experimental_option(
            "mobileEmulation",
            serde_json::json!({ "deviceMetrics": { "width": PHONE.0, "height": PHONE.1, "pixelRatio": 2.0, "touch": true } }),
        )
        .unwrap();
        let driver =
            WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await.expect("a browser session");
        driver.set_implicit_wait_timeout(Duration::ZERO).await.unwrap();
        Browser { driver, downloads, chromedriver, _profile: profile, _home: home }
    }

    /// Wait (up to 30 s) for a finished download named `name` and return its path.
    pub async fn downloaded(&self, name: &str) -> PathBuf {
        let path = self.downloads.path().join(name);
        let deadline = Instant::now() + Duration::from_secs(30);
        // Chromium writes `name.crdownload` first and renames it when the download is complete.
        while !path.exists() {
            assert!(Instant::now() < deadline, "{name} was never downloaded");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        path
    }

    /// Close the browser and chromedriver.
    pub async fn quit(self) {
        let _ = self.driver.clone().quit().await;
        // Drop stops chromedriver and whatever it left running.
    }
}

impl Drop for Browser {
    /// Even when a test fails half-way: stop chromedriver and every browser it started. The
    /// process group is killed while chromedriver is still unreaped, so its id cannot yet belong
    /// to anyone else (process ids wrap at 32,768 here).
    fn drop(&mut self) {
        if matches!(self.chromedriver.try_wait(), Ok(None)) {
            // `-s KILL --` spelled out: procps-ng 4.0.2 reads `kill -9 -PGID` as kill(-1, SIGKILL),
            // which kills every process the user owns.
            #[cfg(unix)]
            {
                let group = format!("-{}", self.chromedriver.id());
                let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).status();
            }
            let _ = self.chromedriver.kill();
        }
        let _ = self.chromedriver.wait();
    }
}

/// The folder screenshots are written to: `target/screenshots/` of the workspace.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("target").join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Save a screenshot of what the browser shows as `target/screenshots/{name}.png`, after
/// axe-core has checked the screen: every screen the suite shows is held to it.
pub async fn screenshot(driver: &WebDriver, name: &str) -> PathBuf {
    let path = screenshot_dir().join(format!("{name}.png"));
    std::fs::write(&path, driver.screenshot_as_png().await.unwrap()).unwrap();
    super::axe::assert_accessible(driver, &format!("the screen of screenshot {name}")).await;
    path
}

/// Scroll the element with this id to the top of the screen, then take a screenshot.
pub async fn screenshot_at(driver: &WebDriver, id: &str, name: &str) -> PathBuf {
    let el = by_id(driver, id).await;
    // To the top, then back a little so the fixed top bar doesn't cover it.
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -96);",
            vec![el.to_json().unwrap()],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
    screenshot(driver, name).await
}

/// Whether the element with this id is on the page now (no waiting).
pub async fn present(driver: &WebDriver, id: &str) -> bool {
    driver.find(By::Id(id)).await.is_ok()
}

/// Name a fresh phone in onboarding and start alone, until Today shows.
pub async fn start_alone(driver: &WebDriver, name: &str) {
    type_into(driver, "onboarding-name", name).await;
    click(driver, "onboarding-continue").await;
    click(driver, "onboarding-alone").await;
    by_id(driver, "tab-today").await;
}

/// Wait (up to 15 s) for the element with this id; liveview renders over a websocket.
pub async fn by_id(driver: &WebDriver, id: &str) -> WebElement {
    driver
        .query(By::Id(id))
        .wait(Duration::from_secs(15), Duration::from_millis(50))
        .first()
        .await
        .unwrap_or_else(|e| panic!("no element #{id}: {e}"))
}

/// Wait for the element with this id to contain `text`.
pub async fn wait_text(driver: &WebDriver, id: &str, text: &str) -> WebElement {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(el) = driver.find(By::Id(id)).await
            && el.text().await.unwrap_or_default().contains(text)
        {
            return el;
        }
        assert!(Instant::now() < deadline, "#{id} never showed {text:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Click the element with this id, scrolled to the middle of the screen first (the fixed tab
/// bar covers the bottom of the viewport).
pub async fn click(driver: &WebDriver, id: &str) {
    let el = by_id(driver, id).await;
    el.scroll_into_view().await.ok();
    driver
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![el.to_json().unwrap()])
        .await
        .unwrap();
    el.wait_until().clickable().await.unwrap_or_else(|e| panic!("#{id} not clickable: {e}"));
    el.click().await.unwrap_or_else(|e| panic!("clicking #{id}: {e}"));
}

/// Replace the text of the input or textarea with this id.
pub async fn type_into(driver: &WebDriver, id: &str, text: &str) {
    let el = by_id(driver, id).await;
    driver
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![el.to_json().unwrap()])
        .await
        .unwrap();
    el.clear().await.ok();
    el.send_keys(text).await.unwrap_or_else(|e| panic!("typing into #{id}: {e}"));
    // Over liveview every keystroke is a round trip, and on a busy machine the app's echo of an
    // earlier keystroke can land mid-typing and drop characters. Wait for the field to settle on
    // the whole text; if it settled on less, enter it as one input event, as a paste would.
    if !value_settles(&el, text).await {
        fire_input(driver, &el, text.into()).await;
        assert!(value_settles(&el, text).await, "#{id} never held the text typed into it");
    }
}

/// Whether the field's value becomes exactly `text` within two seconds.
async fn value_settles(el: &WebElement, text: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        if el.prop("value").await.ok().flatten().as_deref() == Some(text) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Set a range input (sliders can't be typed into) and fire its input event.
pub async fn set_range(driver: &WebDriver, id: &str, value: i64) {
    set_value(driver, id, value).await;
}

/// Give a field `value` in one go and fire its input event, as a paste or a date picker does
/// (also for texts too long to type key by key).
pub async fn set_value(driver: &WebDriver, id: &str, value: impl Into<serde_json::Value>) {
    let el = by_id(driver, id).await;
    fire_input(driver, &el, value.into()).await;
}

async fn fire_input(driver: &WebDriver, el: &WebElement, value: serde_json::Value) {
    driver
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![el.to_json().unwrap(), value],
        )
        .await
        .unwrap();
}
