//! mend-shared's `SecretStore` over a phone keystore from mend-platform: each secret slot is a
//! keystore entry of its own name (`pair-secret`, `app-lock`), filed under this data file's
//! install id (see `mend_platform::keystore::InstallKeystore`).

use mend_platform::keystore::{InstallKeystore, Keystore};
use mend_shared::secrets::{SecretError, SecretSlot, SecretStore};
use std::fmt;
use zeroize::Zeroizing;

/// Every slot, so a new install can clear what an old one left behind.
const SLOTS: [SecretSlot; 2] = [SecretSlot::PairSecret, SecretSlot::AppLock];

/// The phone's keystore as this data file's secret store.
pub struct KeystoreSecrets<K> {
    keystore: InstallKeystore<K>,
}

impl<K: Keystore> KeystoreSecrets<K> {
    /// Secrets in `keystore`, filed under `install` (the data file's install id).
    pub fn open(keystore: K, install: &str) -> Result<Self, SecretError> {
        let names = SLOTS.map(SecretSlot::name);
        let keystore = InstallKeystore::open(keystore, install, &names)
            .map_err(|e| SecretError::new("read", SecretSlot::PairSecret, e.to_string()))?;
        Ok(KeystoreSecrets { keystore })
    }
}

impl<K> fmt::Debug for KeystoreSecrets<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeystoreSecrets").finish_non_exhaustive()
    }
}

impl<K: Keystore> SecretStore for KeystoreSecrets<K> {
    fn load(&self, slot: SecretSlot) -> Result<Option<Zeroizing<Vec<u8>>>, SecretError> {
        self.keystore.load(slot.name()).map_err(|e| SecretError::new("read", slot, e.reason))
    }

    fn save(&self, slot: SecretSlot, bytes: &[u8]) -> Result<(), SecretError> {
        self.keystore.save(slot.name(), bytes).map_err(|e| SecretError::new("written", slot, e.reason))
    }

    fn forget(&self, slot: SecretSlot) -> Result<(), SecretError> {
        self.keystore.forget(slot.name()).map_err(|e| SecretError::new("removed", slot, e.reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mend_platform::keystore::KeyringKeystore;
    use mend_shared::session::Session;
    use mend_shared::time::{Day, ManualClock};
    use std::sync::Arc;

    fn keychain() -> Arc<keyring_core::CredentialStore> {
        keyring_core::sample::Store::new().unwrap()
    }

    #[test]
    fn the_app_lock_set_through_a_session_lives_in_the_keystore_not_the_data_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mend.sqlite");
        let install = mend_shared::secrets::install_id(&path).unwrap();
        let store = keychain();
        let secrets =
            Arc::new(KeystoreSecrets::open(KeyringKeystore::new(store.clone(), &[]), &install).unwrap());
        let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 2));
        let mut session = Session::open_with_secrets(&path, clock.clone(), secrets).unwrap();
        session.create_profile("Ana").unwrap();
        use mend_shared::lock::{AwayLimit, LockKind, NewLock};
        let lock =
            NewLock { kind: LockKind::Pin, secret: "480915", confirm: "480915", away: AwayLimit::AtOnce };
        session.set_app_lock(lock).unwrap();
        drop(session);
        let raw = KeyringKeystore::new(store.clone(), &[]);
        assert!(raw.load(&format!("{install}.app-lock")).unwrap().is_some());
        assert!(!dir.path().join("mend.sqlite.lock").exists(), "no lock file beside the data");
        // Opened again through the same keystore, the lock is still on.
        let secrets = Arc::new(KeystoreSecrets::open(KeyringKeystore::new(store, &[]), &install).unwrap());
        let session = Session::open_with_secrets(&path, clock, secrets).unwrap();
        assert!(session.app_lock().unwrap().is_some());
    }

    #[test]
    fn a_fresh_data_file_after_a_reinstall_starts_unlocked_and_unpaired() {
        let dir = tempfile::tempdir().unwrap();
        let store = keychain();
        let old = KeystoreSecrets::open(KeyringKeystore::new(store.clone(), &[]), "0ld").unwrap();
        old.save(SecretSlot::AppLock, b"old lock").unwrap();
        old.save(SecretSlot::PairSecret, &[3; 32]).unwrap();
        let fresh_file = dir.path().join("mend.sqlite");
        let install = mend_shared::secrets::install_id(&fresh_file).unwrap();
        let fresh = KeystoreSecrets::open(KeyringKeystore::new(store, &[]), &install).unwrap();
        assert!(fresh.load(SecretSlot::AppLock).unwrap().is_none());
        assert!(fresh.load(SecretSlot::PairSecret).unwrap().is_none());
    }
}
