//! Secrets as small files beside the data file (`mend.sqlite.keys`, `mend.sqlite.lock`): the
//! desktop and preview store. Each file is written atomically (temp file, fsync, rename) with
//! mode 0600 and starts with a magic tag, so a damaged or foreign file is reported, not guessed at.

use super::{SecretError, SecretSlot, SecretStore};
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The secrets of one data file, in files beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSecrets {
    data_file: PathBuf,
}

impl FileSecrets {
    /// The secrets beside `data_file`.
    pub fn beside(data_file: &Path) -> Self {
        FileSecrets { data_file: data_file.to_path_buf() }
    }

    /// The file that holds `slot`.
    pub fn path(&self, slot: SecretSlot) -> PathBuf {
        let mut name = self.data_file.as_os_str().to_os_string();
        name.push(match slot {
            SecretSlot::PairSecret => ".keys",
            SecretSlot::AppLock => ".lock",
        });
        PathBuf::from(name)
    }
}

/// The first bytes of each file: the pair secret's keeps the format key files always had.
fn magic(slot: SecretSlot) -> &'static [u8; 8] {
    match slot {
        SecretSlot::PairSecret => b"MENDKEY1",
        SecretSlot::AppLock => b"MENDLCK1",
    }
}

impl SecretStore for FileSecrets {
    fn load(&self, slot: SecretSlot) -> Result<Option<Zeroizing<Vec<u8>>>, SecretError> {
        let bytes = match std::fs::read(self.path(slot)) {
            Ok(b) => Zeroizing::new(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SecretError::new("read", slot, e.to_string())),
        };
        let tag = magic(slot);
        if bytes.len() < tag.len() || &bytes[..tag.len()] != tag {
            return Err(SecretError::new("read", slot, "it is not a Mend secret file"));
        }
        Ok(Some(Zeroizing::new(bytes[tag.len()..].to_vec())))
    }

    fn save(&self, slot: SecretSlot, secret: &[u8]) -> Result<(), SecretError> {
        let fail = |e: std::io::Error| SecretError::new("written", slot, e.to_string());
        let path = self.path(slot);
        let mut tmp_name = path.as_os_str().to_os_string();
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
        let mut bytes = Zeroizing::new(magic(slot).to_vec());
        bytes.extend_from_slice(secret);
        file.write_all(&bytes).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&tmp, &path).map_err(fail)?;
        Ok(())
    }

    fn forget(&self, slot: SecretSlot) -> Result<(), SecretError> {
        match std::fs::remove_file(self.path(slot)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(SecretError::new("removed", slot, e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_slot_saves_loads_and_forgets_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = FileSecrets::beside(&dir.path().join("mend.sqlite"));
        secrets.save(SecretSlot::PairSecret, &[7; 32]).unwrap();
        secrets.save(SecretSlot::AppLock, b"lock record").unwrap();
        assert_eq!(secrets.load(SecretSlot::PairSecret).unwrap().unwrap().as_slice(), &[7; 32]);
        secrets.forget(SecretSlot::PairSecret).unwrap();
        assert!(secrets.load(SecretSlot::PairSecret).unwrap().is_none());
        assert_eq!(secrets.load(SecretSlot::AppLock).unwrap().unwrap().as_slice(), b"lock record");
        secrets.forget(SecretSlot::PairSecret).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn secret_files_are_readable_only_by_their_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let secrets = FileSecrets::beside(&dir.path().join("mend.sqlite"));
        for slot in [SecretSlot::PairSecret, SecretSlot::AppLock] {
            secrets.save(slot, b"x").unwrap();
            let mode = std::fs::metadata(secrets.path(slot)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{slot:?}");
        }
    }

    #[test]
    fn a_damaged_or_swapped_file_is_reported_not_guessed_at() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = FileSecrets::beside(&dir.path().join("mend.sqlite"));
        std::fs::write(secrets.path(SecretSlot::PairSecret), b"garbage").unwrap();
        assert_eq!(secrets.load(SecretSlot::PairSecret).unwrap_err().action, "read");
        // A lock file put where the key file belongs is not taken for a key.
        secrets.save(SecretSlot::AppLock, &[1; 32]).unwrap();
        std::fs::copy(secrets.path(SecretSlot::AppLock), secrets.path(SecretSlot::PairSecret)).unwrap();
        assert!(secrets.load(SecretSlot::PairSecret).is_err());
    }
}
