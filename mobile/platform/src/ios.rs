//! What the iOS services share: reaching the app's window on the main thread. Type-checked here
//! only (`cargo check --target aarch64-apple-ios`); never run.

use crate::PlatformError;
use objc2::MainThreadMarker;
use objc2::rc::Retained;
use objc2_ui_kit::{UIApplication, UIWindow};

/// The app's key window (Dioxus shows one window).
pub(crate) fn key_window(
    mtm: MainThreadMarker,
    service: &'static str,
) -> Result<Retained<UIWindow>, PlatformError> {
    // `keyWindow` is deprecated for multi-window apps; Mend has one window, and the scene API
    // would need a scene to be found first for the same answer.
    #[allow(deprecated)]
    UIApplication::sharedApplication(mtm)
        .keyWindow()
        .ok_or_else(|| PlatformError::new(service, "the app has no window yet"))
}
