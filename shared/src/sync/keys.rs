//! The pair secret, kept in this phone's [`SecretStore`] — never inside the data file.
//!
//! Keeping the key apart means a copy of the data file (a backup, an export) holds no key, and a
//! platform keystore can take the place of the desktop's key file without touching the data.

use super::SyncError;
use crate::crypto::PairSecret;
use crate::secrets::{FileSecrets, SecretSlot, SecretStore};
use crate::session::Session;
use std::path::Path;
use std::sync::Arc;

/// Where one phone's pair secret is kept.
#[derive(Debug, Clone)]
pub struct KeyStore {
    secrets: Arc<dyn SecretStore>,
}

impl KeyStore {
    /// The pair secret in `secrets`.
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self { secrets }
    }

    /// The pair secret of `session`'s phone.
    pub fn of(session: &Session) -> Self {
        Self::new(session.secrets().clone())
    }

    /// The pair secret of a phone that can sync: sync keeps its bookkeeping in the data file, so
    /// an in-memory session has no place for a couple.
    pub(crate) fn of_syncing(session: &Session) -> Result<Self, SyncError> {
        session.data_path().ok_or(SyncError::NoDataFile)?;
        Ok(Self::of(session))
    }

    /// The desktop key file beside `data_file` (`mend.sqlite` → `mend.sqlite.keys`).
    pub fn beside(data_file: &Path) -> Self {
        Self::new(Arc::new(FileSecrets::beside(data_file)))
    }

    /// The stored secret, if this phone is paired.
    pub fn load(&self) -> Result<Option<PairSecret>, SyncError> {
        let Some(bytes) = self.secrets.load(SecretSlot::PairSecret)? else { return Ok(None) };
        let secret: [u8; 32] = bytes.as_slice().try_into().map_err(|_| SyncError::Keys {
            action: "read",
            reason: "it does not hold a 256-bit key".into(),
        })?;
        Ok(Some(PairSecret::from_bytes(secret)))
    }

    /// Store `secret`, replacing any previous one atomically.
    pub fn save(&self, secret: &PairSecret) -> Result<(), SyncError> {
        Ok(self.secrets.save(SecretSlot::PairSecret, secret.expose())?)
    }

    /// Forget the secret.
    pub fn forget(&self) -> Result<(), SyncError> {
        Ok(self.secrets.forget(SecretSlot::PairSecret)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_secret_loads_back_and_can_be_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyStore::beside(&dir.path().join("mend.sqlite"));
        assert!(keys.load().unwrap().is_none());
        let secret = PairSecret::random();
        keys.save(&secret).unwrap();
        assert_eq!(keys.load().unwrap(), Some(secret));
        keys.forget().unwrap();
        assert!(keys.load().unwrap().is_none());
    }

    #[test]
    fn a_key_file_from_before_the_secret_store_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("mend.sqlite");
        let mut old = b"MENDKEY1".to_vec();
        old.extend_from_slice(&[9; 32]);
        std::fs::write(dir.path().join("mend.sqlite.keys"), old).unwrap();
        assert_eq!(KeyStore::beside(&data).load().unwrap(), Some(PairSecret::from_bytes([9; 32])));
    }

    #[test]
    fn a_damaged_key_is_reported_not_guessed_at() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("mend.sqlite");
        FileSecrets::beside(&data).save(SecretSlot::PairSecret, b"short").unwrap();
        assert!(matches!(KeyStore::beside(&data).load(), Err(SyncError::Keys { action: "read", .. })));
    }
}
