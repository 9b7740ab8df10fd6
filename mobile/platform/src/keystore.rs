//! Secret storage: small secrets (the pair secret, the app lock's hash) by name, bytes in and
//! bytes out, in the phone's own keystore — Android Keystore, iOS Keychain — never in the data
//! file.
//!
//! On desktop and in the preview the secrets stay in 0600 files beside the data file
//! (`mend_shared::secrets::FileSecrets`, used by the app directly), so this crate adds nothing
//! for them. This crate can't depend on mend-shared (its bundled SQLite can't be checked for iOS
//! here), which is why the trait speaks bytes and names; the app adapts it to mend-shared's
//! `SecretStore`.
//!
//! An iOS Keychain item outlives the app: uninstalling Mend deletes its data file but not its
//! Keychain items. [`InstallKeystore`] therefore names every entry after an install id kept in
//! the data file, so a fresh data file never sees an old install's secrets, and it deletes the
//! previous install's entries the first time a new install opens the keystore.

mod install;
mod keyring;

pub use install::InstallKeystore;
pub use keyring::KeyringKeystore;

use crate::PlatformError;
use std::fmt;
use zeroize::Zeroizing;

/// A place for small secrets, by name. Saving replaces; forgetting a missing one is not an error.
pub trait Keystore: Send + Sync + fmt::Debug {
    /// The secret stored under `name`, if any.
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError>;
    /// Store `secret` under `name`, replacing what was there.
    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError>;
    /// Remove the secret under `name`.
    fn forget(&self, name: &str) -> Result<(), PlatformError>;
}

/// This phone's keystore: the Android Keystore.
#[cfg(target_os = "android")]
pub fn device_keystore() -> Result<KeyringKeystore, PlatformError> {
    let store = android_native_keyring_store::Store::new().map_err(keyring::keystore_error)?;
    Ok(KeyringKeystore::new(store, &[]))
}

/// This phone's keystore: the iOS Keychain, items readable only while the phone is unlocked and
/// never carried to another device by a backup or iCloud.
#[cfg(target_os = "ios")]
pub fn device_keystore() -> Result<KeyringKeystore, PlatformError> {
    let store = apple_native_keyring_store::protected::Store::new().map_err(keyring::keystore_error)?;
    Ok(KeyringKeystore::new(store, &[("access-policy", "WhenUnlockedThisDeviceOnly")]))
}
