//! This build's phone services from mend-platform: where the data file's secrets are kept, where
//! reminders are planned and shown, and (on phones) the app switcher cover and backup file sheets.
//!
//! Android and iOS use the phone's keystore, the system's notifications, `FLAG_SECURE` or a
//! cover on resign-active, and the share sheet / document picker — type-checked here, never run.
//! Desktop and the preview keep secrets in 0600 files beside the data, show reminders while the
//! app runs (desktop: a system notification too), and do files in the web view.

use crate::Phone;
#[cfg(not(any(target_os = "android", target_os = "ios")))]
use mend_platform::PlatformError;
use mend_platform::reminders::Reminders;
#[cfg(not(any(target_os = "android", target_os = "ios")))]
use mend_platform::reminders::{Notice, Notifier};
use mend_shared::secrets::SecretStore;
use std::path::Path;
use std::sync::Arc;

/// How reminders reach the person while the app runs (desktop and preview).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notices {
    /// A banner inside the app only (the preview, and tests).
    InApp,
    /// A system notification as well (the desktop app).
    System,
}

/// The secret store for the data file at `data_file`.
#[cfg(any(target_os = "android", target_os = "ios"))]
pub(crate) fn secrets_for(data_file: &Path) -> Result<Arc<dyn SecretStore>, String> {
    let install = mend_shared::secrets::install_id(data_file).map_err(|e| e.to_string())?;
    let keystore = mend_platform::keystore::device_keystore().map_err(|e| e.to_string())?;
    let secrets =
        crate::keystore_secrets::KeystoreSecrets::open(keystore, &install).map_err(|e| e.to_string())?;
    Ok(Arc::new(secrets))
}

/// The secret store for the data file at `data_file`: 0600 files beside it.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
pub(crate) fn secrets_for(data_file: &Path) -> Result<Arc<dyn SecretStore>, String> {
    Ok(Arc::new(mend_shared::secrets::FileSecrets::beside(data_file)))
}

/// Where `phone`'s reminders are planned: the system's notifications on phones.
#[cfg(target_os = "android")]
pub(crate) fn reminders_for(_phone: &Phone, _notices: Notices) -> Arc<dyn Reminders> {
    Arc::new(mend_platform::reminders::AndroidReminders)
}

/// Where `phone`'s reminders are planned: the system's notifications on phones.
#[cfg(target_os = "ios")]
pub(crate) fn reminders_for(_phone: &Phone, _notices: Notices) -> Arc<dyn Reminders> {
    Arc::new(mend_platform::reminders::IosReminders)
}

/// Where `phone`'s reminders are planned: in the app, shown while it runs on its own clock.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
pub(crate) fn reminders_for(phone: &Phone, notices: Notices) -> Arc<dyn Reminders> {
    use mend_platform::reminders::WhileRunning;
    let clock = phone.read(|s| s.clock().clone());
    let in_app = InApp(phone.clone_banner());
    let notifier: Arc<dyn Notifier> = match notices {
        Notices::InApp => Arc::new(in_app),
        Notices::System => Arc::new(AlsoSystem(in_app)),
    };
    Arc::new(WhileRunning::start(Arc::new(move || clock.now().to_utc()), notifier, TICK))
}

/// How often the app looks at the clock for a due reminder.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// Shows a reminder as the in-app banner.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
#[derive(Debug)]
struct InApp(tokio::sync::watch::Sender<Option<Notice>>);

#[cfg(not(any(target_os = "android", target_os = "ios")))]
impl Notifier for InApp {
    fn show(&self, notice: &Notice) -> Result<(), PlatformError> {
        self.0.send_replace(Some(notice.clone()));
        Ok(())
    }
}

/// The banner, and a system notification for when the window is out of sight.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
#[derive(Debug)]
struct AlsoSystem(InApp);

#[cfg(not(any(target_os = "android", target_os = "ios")))]
impl Notifier for AlsoSystem {
    fn show(&self, notice: &Notice) -> Result<(), PlatformError> {
        self.0.show(notice)?;
        mend_platform::reminders::SystemNotifier.show(notice)
    }
}

/// Turn on the phone's own services that need no screen: `FLAG_SECURE` on the window, and the
/// system's save and open dialogs for backup files.
#[cfg(target_os = "android")]
pub(crate) fn phone_services(phone: Phone) -> Phone {
    use mend_platform::switcher::{SecureWindow, SwitcherPrivacy};
    if let Err(e) = SecureWindow.protect() {
        tracing::warn!(error = %e, "the app switcher may show Mend's screen");
    }
    phone.with_backup_files(Arc::new(mend_platform::backup_files::AndroidBackupFiles))
}

/// Turn on the phone's own services that need no screen: the cover laid over the window when
/// the app leaves the foreground, and the share sheet / document picker for backup files.
#[cfg(target_os = "ios")]
pub(crate) fn phone_services(phone: Phone) -> Phone {
    use mend_platform::switcher::{CoverOnResign, SwitcherPrivacy};
    if let Err(e) = CoverOnResign.protect() {
        tracing::warn!(error = %e, "the app switcher may show Mend's screen");
    }
    phone.with_backup_files(Arc::new(mend_platform::backup_files::IosBackupFiles))
}

/// Desktop and the preview: nothing to turn on (files go through the web view). Nothing covers
/// the window in the desktop's window switcher yet; the app lock set to "at once" locks it as
/// soon as the window is hidden or loses focus.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
pub(crate) fn phone_services(phone: Phone) -> Phone {
    phone
}
