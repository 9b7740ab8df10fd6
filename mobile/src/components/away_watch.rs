//! Locks the app after its chosen time away. "Away" is what the platform reports to the page:
//! the window hidden (another tab or app, the phone's screen off) or unfocused.

use crate::state::use_app;
use dioxus::prelude::*;
use std::time::{Duration, Instant};

/// Listens in the page for the app being hidden or unfocused and reports each change.
const WATCH: &str = r#"
const report = () => dioxus.send(document.hidden || !document.hasFocus() ? "away" : "back");
document.addEventListener("visibilitychange", report);
window.addEventListener("blur", () => dioxus.send("away"));
window.addEventListener("focus", report);
await new Promise(() => {});
"#;

/// Renders nothing; mount it once, at the root.
#[component]
pub fn AwayWatch() -> Element {
    let app = use_app();
    // When the app went away, if it is away now.
    let mut away_since = use_signal(|| None::<Instant>);
    use_future(move || async move {
        let mut watch = document::eval(WATCH);
        while let Ok(report) = watch.recv::<String>().await {
            let Some(lock) = *app.lock.peek() else {
                away_since.set(None);
                continue;
            };
            match report.as_str() {
                "away" if away_since.peek().is_none() => {
                    let since = Instant::now();
                    away_since.set(Some(since));
                    let limit = lock.away.duration();
                    if lock.away.locks_after(Duration::ZERO) {
                        app.lock_now();
                    } else {
                        // Lock while still away once the time is up, so the phone's app
                        // switcher never shows the app open after the limit.
                        spawn(async move {
                            tokio::time::sleep(limit).await;
                            if *away_since.peek() == Some(since) {
                                app.lock_now();
                            }
                        });
                    }
                }
                "back" => {
                    if let Some(since) = away_since.take()
                        && lock.away.locks_after(since.elapsed())
                    {
                        app.lock_now();
                    }
                }
                _ => {}
            }
        }
    });
    rsx! {}
}
