//! Keeping Mend's screen out of the system's app switcher (and screenshots), so a glance at
//! someone's recent apps shows nothing of what they wrote.
//!
//! - Android: the window is marked `FLAG_SECURE` (a blank thumbnail, no screenshots).
//! - iOS: a plain cover is put over the window when the app is about to leave the foreground
//!   (the moment iOS takes its snapshot) and taken away when it is back.
//! - Desktop and the browser preview: no system facility exists ([`SwitcherCover::ByTheApp`]);
//!   the app draws no cover of its own yet, and its lock set to "at once" locks the moment the
//!   window is hidden or unfocused.

#[cfg(target_os = "android")]
mod android;
#[cfg(target_os = "ios")]
mod ios;

#[cfg(target_os = "android")]
pub use android::SecureWindow;
#[cfg(target_os = "ios")]
pub use ios::CoverOnResign;

use crate::PlatformError;
use std::fmt;

/// Who keeps the content out of the switcher once [`SwitcherPrivacy::protect`] has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitcherCover {
    /// The system does (nothing more for the app to do).
    BySystem,
    /// The app must cover its own content while it is away.
    ByTheApp,
}

/// Hides the app's content from the system's app switcher.
pub trait SwitcherPrivacy: Send + Sync + fmt::Debug {
    /// Turn the protection on for the life of the app.
    fn protect(&self) -> Result<SwitcherCover, PlatformError>;
}

/// Desktop and the browser preview: the system offers nothing, so the app covers itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppCoversItself;

impl SwitcherPrivacy for AppCoversItself {
    fn protect(&self) -> Result<SwitcherCover, PlatformError> {
        Ok(SwitcherCover::ByTheApp)
    }
}
