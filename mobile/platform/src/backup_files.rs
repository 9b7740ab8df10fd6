//! Sealed backups as files through the system's own sheets: exporting hands the file to the
//! share sheet (save to Files, AirDrop, a drive, mail — the person's choice), importing opens
//! the document picker. Dioxus 0.7.10's file input gives the app nothing on phones, so phones
//! need these.
//!
//! Desktop and the browser preview already do both inside the web view (a download link and the
//! page's file input, `mend_mobile::files`), so this crate has nothing to add there.

#[cfg(target_os = "android")]
mod android;
#[cfg(target_os = "ios")]
mod ios;

#[cfg(target_os = "android")]
pub use android::AndroidBackupFiles;
#[cfg(target_os = "ios")]
pub use ios::IosBackupFiles;

use crate::PlatformError;
use std::fmt;

/// What came of asking the person for a backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The file's contents (a sealed backup is text).
    Text(String),
    /// They closed the picker without choosing.
    Cancelled,
}

/// Called once with the picked file, on whichever thread the platform answers on.
pub type OnPicked = Box<dyn FnOnce(Result<Picked, PlatformError>) + Send>;

/// The share sheet and document picker for backup files.
pub trait BackupFiles: Send + Sync + fmt::Debug {
    /// Offer `text` as a file named `file_name` through the share sheet.
    fn export(&self, file_name: &str, text: &str) -> Result<(), PlatformError>;
    /// Open the document picker; `done` hears what was chosen.
    fn import(&self, done: OnPicked);
}

/// The largest backup file read (a three-year backup is well under 2 MiB).
pub const MAX_BACKUP_BYTES: usize = 16 * 1024 * 1024;

/// A picked file's bytes as backup text, refusing what can't be one.
pub fn backup_text(bytes: Vec<u8>) -> Result<Picked, PlatformError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(PlatformError::new("backup files", "that file is too large to be a Mend backup"));
    }
    String::from_utf8(bytes)
        .map(Picked::Text)
        .map_err(|_| PlatformError::new("backup files", "that file isn't text, so it can't be a Mend backup"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_file_must_be_text_of_a_sensible_size() {
        assert_eq!(backup_text(b"MEND-BACKUP".to_vec()).unwrap(), Picked::Text("MEND-BACKUP".into()));
        assert!(backup_text(vec![0xff, 0xfe]).unwrap_err().reason.contains("isn't text"));
        assert!(backup_text(vec![b'a'; MAX_BACKUP_BYTES + 1]).unwrap_err().reason.contains("too large"));
    }
}
