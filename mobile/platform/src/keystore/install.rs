//! Keystore entries named after one install of the app, so secrets an old install left in a
//! keystore that outlives the app (the iOS Keychain) are never taken up by a fresh data file —
//! and are deleted the first time the new install opens it.

use super::Keystore;
use crate::PlatformError;
use std::fmt;
use zeroize::Zeroizing;

/// The entry holding the install id that currently owns the keystore.
const OWNER: &str = "install";

/// A keystore seen through one install id: `name` is stored as `{install}.{name}`.
pub struct InstallKeystore<K> {
    inner: K,
    install: String,
}

impl<K: Keystore> InstallKeystore<K> {
    /// Take over `inner` for `install` (an id kept in the data file, new with every fresh data
    /// file). If another install owned it, that install's `names` are deleted first, so a
    /// reinstalled app neither reads nor keeps the old pair secret or lock.
    pub fn open(inner: K, install: &str, names: &[&str]) -> Result<Self, PlatformError> {
        if install.is_empty() || install.contains('.') {
            return Err(PlatformError::new("the keystore", format!("“{install}” is not an install id")));
        }
        let owner = inner.load(OWNER)?;
        let owner = owner.as_deref().map(|b| String::from_utf8_lossy(b).into_owned());
        if owner.as_deref() != Some(install) {
            if let Some(old) = owner.as_deref() {
                for name in names {
                    inner.forget(&format!("{old}.{name}"))?;
                }
            }
            inner.save(OWNER, install.as_bytes())?;
        }
        Ok(InstallKeystore { inner, install: install.to_string() })
    }

    fn key(&self, name: &str) -> String {
        format!("{}.{name}", self.install)
    }
}

impl<K> fmt::Debug for InstallKeystore<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The install id is no secret, but it needn't be in logs either.
        f.debug_struct("InstallKeystore").finish_non_exhaustive()
    }
}

impl<K: Keystore> Keystore for InstallKeystore<K> {
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError> {
        self.inner.load(&self.key(name))
    }

    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError> {
        self.inner.save(&self.key(name), secret)
    }

    fn forget(&self, name: &str) -> Result<(), PlatformError> {
        self.inner.forget(&self.key(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::KeyringKeystore;
    use std::sync::Arc;

    const NAMES: &[&str] = &["pair-secret", "app-lock"];

    /// One keystore that outlives installs, as the iOS Keychain does.
    fn keychain() -> Arc<keyring_core::CredentialStore> {
        keyring_core::sample::Store::new().unwrap()
    }

    #[test]
    fn the_same_install_finds_its_secrets_again() {
        let store = keychain();
        let first = InstallKeystore::open(KeyringKeystore::new(store.clone(), &[]), "a1", NAMES).unwrap();
        first.save("pair-secret", &[1; 32]).unwrap();
        let again = InstallKeystore::open(KeyringKeystore::new(store, &[]), "a1", NAMES).unwrap();
        assert_eq!(again.load("pair-secret").unwrap().unwrap().as_slice(), &[1; 32]);
    }

    #[test]
    fn a_reinstall_with_a_fresh_data_file_sees_nothing_of_the_old_install_and_removes_it() {
        let store = keychain();
        let old = InstallKeystore::open(KeyringKeystore::new(store.clone(), &[]), "old", NAMES).unwrap();
        old.save("pair-secret", &[1; 32]).unwrap();
        old.save("app-lock", b"$argon2id$...").unwrap();
        let fresh = InstallKeystore::open(KeyringKeystore::new(store.clone(), &[]), "new", NAMES).unwrap();
        assert_eq!(fresh.load("pair-secret").unwrap(), None);
        assert_eq!(fresh.load("app-lock").unwrap(), None);
        let raw = KeyringKeystore::new(store, &[]);
        assert_eq!(raw.load("old.pair-secret").unwrap(), None, "the old install's secret is deleted");
        assert_eq!(raw.load("old.app-lock").unwrap(), None);
        assert_eq!(raw.load("install").unwrap().unwrap().as_slice(), b"new");
    }

    #[test]
    fn an_install_id_that_could_collide_with_entry_names_is_refused() {
        for bad in ["", "a.b"] {
            let err = InstallKeystore::open(KeyringKeystore::new(keychain(), &[]), bad, NAMES).unwrap_err();
            assert_eq!(err.service, "the keystore");
        }
    }
}
