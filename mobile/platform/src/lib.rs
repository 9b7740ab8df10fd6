//! Mend's services on the phone itself, without Dioxus (so all of it can be type-checked for
//! iOS here, where a Dioxus build needs Xcode): one trait per service, one implementation per
//! platform.
//!
//! | service | Android | iOS | desktop / preview |
//! |---|---|---|---|
//! | [`keystore::Keystore`] | Android Keystore | Keychain | 0600 files (mend-shared `FileSecrets`) |
//! | [`reminders::Reminders`] | alarms + Kotlin receiver | calendar-triggered notifications | [`reminders::WhileRunning`] |
//! | [`switcher::SwitcherPrivacy`] | `FLAG_SECURE` | cover on resign-active | the app covers itself |
//! | [`backup_files::BackupFiles`] | share intent + document picker | share sheet + document picker | the web view (`mend_mobile::files`) |
//!
//! What ran where: the desktop and preview implementations run and are tested here; the
//! Android and iOS ones are only type-checked here (`cargo check --target aarch64-linux-android`
//! / `aarch64-apple-ios`); the Kotlin under `android/` is never compiled here (no Android SDK).

#![deny(missing_docs, unreachable_pub)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod backup_files;
mod error;
pub mod keystore;
pub mod reminders;
pub mod switcher;

#[cfg(target_os = "android")]
mod android;
#[cfg(target_os = "ios")]
mod ios;

pub use error::PlatformError;
