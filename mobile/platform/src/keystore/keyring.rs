//! A [`Keystore`] over any keyring-core credential store: the Android and iOS stores on phones,
//! keyring-core's in-memory sample store in this crate's tests.

use super::Keystore;
use crate::PlatformError;
use keyring_core::{CredentialStore, Entry, Error};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use zeroize::Zeroizing;

/// The service name every Mend entry is filed under (the app's bundle identifier).
pub(crate) const SERVICE: &str = "org.mend.app";

/// Secrets as entries of a keyring-core credential store.
pub struct KeyringKeystore {
    store: Arc<CredentialStore>,
    modifiers: Vec<(&'static str, &'static str)>,
}

impl KeyringKeystore {
    /// Entries in `store`, each created with `modifiers` (such as an iOS access policy).
    pub fn new(store: Arc<CredentialStore>, modifiers: &[(&'static str, &'static str)]) -> Self {
        KeyringKeystore { store, modifiers: modifiers.to_vec() }
    }

    fn entry(&self, name: &str) -> Result<Entry, PlatformError> {
        let modifiers: HashMap<&str, &str> = self.modifiers.iter().copied().collect();
        Entry::new_in_store_with_modifiers(&self.store, SERVICE, name, &modifiers).map_err(keystore_error)
    }
}

impl fmt::Debug for KeyringKeystore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyringKeystore").field("store", &self.store.id()).finish_non_exhaustive()
    }
}

impl Keystore for KeyringKeystore {
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError> {
        match self.entry(name)?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(keystore_error(e)),
        }
    }

    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError> {
        self.entry(name)?.set_secret(secret).map_err(keystore_error)
    }

    fn forget(&self, name: &str) -> Result<(), PlatformError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(e) => Err(keystore_error(e)),
        }
    }
}

/// A keyring error as a [`PlatformError`]. Its text never holds a secret: keyring-core's errors
/// carry bytes only for undecodable passwords, which this keystore never asks for.
pub(crate) fn keystore_error(e: Error) -> PlatformError {
    PlatformError::new("the keystore", e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> KeyringKeystore {
        KeyringKeystore::new(keyring_core::sample::Store::new().unwrap(), &[])
    }

    #[test]
    fn a_secret_is_saved_read_back_replaced_and_forgotten() {
        let keystore = sample();
        assert_eq!(keystore.load("pair-secret").unwrap(), None);
        keystore.save("pair-secret", &[7; 32]).unwrap();
        assert_eq!(keystore.load("pair-secret").unwrap().unwrap().as_slice(), &[7; 32]);
        keystore.save("pair-secret", &[9; 32]).unwrap();
        assert_eq!(keystore.load("pair-secret").unwrap().unwrap().as_slice(), &[9; 32]);
        keystore.forget("pair-secret").unwrap();
        assert_eq!(keystore.load("pair-secret").unwrap(), None);
        keystore.forget("pair-secret").unwrap();
    }

    #[test]
    fn secrets_are_kept_apart_by_name_and_may_be_any_bytes() {
        let keystore = sample();
        let not_utf8 = [0xff, 0x00, 0xfe];
        keystore.save("a", &not_utf8).unwrap();
        keystore.save("b", b"lock").unwrap();
        assert_eq!(keystore.load("a").unwrap().unwrap().as_slice(), &not_utf8);
        assert_eq!(keystore.load("b").unwrap().unwrap().as_slice(), b"lock");
    }
}
