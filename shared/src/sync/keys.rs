//! The pair secret on disk: a small file beside the data file, never inside it.
//!
//! Keeping the key apart means a copy of the data file (a backup, an export) holds no key, and a
//! platform keystore can replace this file without touching the data. The file is written
//! atomically (temp file, fsync, rename) and readable only by its owner.

use super::SyncError;
use crate::crypto::PairSecret;
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"MENDKEY1";

/// Where one data file's pair secret is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStore {
    path: PathBuf,
}

impl KeyStore {
    /// The key store beside `data_file` (`mend.sqlite` → `mend.sqlite.keys`).
    pub fn beside(data_file: &Path) -> Self {
        let mut name = data_file.as_os_str().to_os_string();
        name.push(".keys");
        Self { path: PathBuf::from(name) }
    }

    /// The key file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored secret, if this phone is paired.
    pub fn load(&self) -> Result<Option<PairSecret>, SyncError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => zeroize::Zeroizing::new(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SyncError::Keys { action: "read", reason: e.to_string() }),
        };
        if bytes.len() != MAGIC.len() + 32 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(SyncError::Keys { action: "read", reason: "it is not a Mend key file".into() });
        }
        let mut secret = [0u8; 32];
        secret.copy_from_slice(&bytes[MAGIC.len()..]);
        Ok(Some(PairSecret::from_bytes(secret)))
    }

    /// Store `secret`, replacing any previous one atomically.
    pub fn save(&self, secret: &PairSecret) -> Result<(), SyncError> {
        let fail = |e: std::io::Error| SyncError::Keys { action: "written", reason: e.to_string() };
        let mut tmp_name = self.path.as_os_str().to_os_string();
        tmp_name.push(".tmp");
        let tmp = PathBuf::from(tmp_name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp).map_err(fail)?;
        let mut bytes = zeroize::Zeroizing::new(MAGIC.to_vec());
        bytes.extend_from_slice(secret.expose());
        file.write_all(&bytes).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)?;
        Ok(())
    }

    /// Forget the secret.
    pub fn forget(&self) -> Result<(), SyncError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(SyncError::Keys { action: "written", reason: e.to_string() }),
        }
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

    #[cfg(unix)]
    #[test]
    fn the_key_file_is_readable_only_by_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyStore::beside(&dir.path().join("mend.sqlite"));
        keys.save(&PairSecret::random()).unwrap();
        let mode = std::fs::metadata(keys.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_damaged_key_file_is_reported_not_guessed_at() {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyStore::beside(&dir.path().join("mend.sqlite"));
        std::fs::write(keys.path(), b"garbage").unwrap();
        assert!(matches!(keys.load(), Err(SyncError::Keys { action: "read", .. })));
    }
}
