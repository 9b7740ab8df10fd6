//! Why a backup could not be written or restored.

use crate::session::SessionError;

/// A backup could not be exported or imported; on import, nothing on this phone changed unless
/// the error is [`BackupError::Interrupted`].
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file is not JSON at all.
    #[error("this file isn't a Mend backup: it isn't readable JSON ({reason})")]
    NotJson {
        /// What the JSON reader found.
        reason: String,
    },
    /// The file ends part-way: it was cut short while being saved or copied.
    #[error("this backup is cut short: it ends part-way, so it was damaged while being saved or copied")]
    Truncated,
    /// The file is JSON but not a Mend backup.
    #[error("this file isn't a Mend backup: {found}")]
    WrongFormat {
        /// What the file's `format` field held, in words.
        found: String,
    },
    /// The backup was made by a newer version of Mend.
    #[error(
        "this backup was made by a newer version of Mend (backup version {found}, this app reads up to \
         {supported}); please update the app first"
    )]
    NewerVersion {
        /// The backup's version.
        found: u64,
        /// The highest version this build reads.
        supported: u64,
    },
    /// A field is missing or has the wrong shape.
    #[error("this backup is incomplete or damaged: {reason}")]
    Malformed {
        /// What is wrong, in words.
        reason: String,
    },
    /// A document's text is not valid base64.
    #[error("the {part} in this backup is damaged: it isn't valid base64")]
    BadBase64 {
        /// "shared document" or "private document".
        part: &'static str,
    },
    /// A document's bytes are not a readable automerge document.
    #[error("the {part} in this backup is damaged and can't be read: {reason}")]
    Corrupt {
        /// "shared document" or "private document".
        part: &'static str,
        /// What the reader found.
        reason: String,
    },
    /// A document was written by a newer version of Mend.
    #[error(
        "the {part} in this backup was written by a newer version of Mend (schema {found}, this app reads \
         up to {supported}); please update the app first"
    )]
    NewerSchema {
        /// "shared document" or "private document".
        part: &'static str,
        /// The document's schema.
        found: u64,
        /// The highest schema this build reads.
        supported: u64,
    },
    /// The backup is the other partner's, and this phone already has its own profile.
    #[error(
        "this backup belongs to {backup_owner}, but this phone is set up for {this_phone}; restore it on \
         {backup_owner}'s phone, or on a phone that hasn't been set up yet"
    )]
    OtherPartner {
        /// The backup's partner, by name.
        backup_owner: String,
        /// This phone's partner, by name.
        this_phone: String,
    },
    /// The backup's document would not merge into this phone's (found on a copy; nothing changed).
    #[error(
        "the {part} in this backup doesn't fit with this phone's data, so nothing was restored: {reason}"
    )]
    WontMerge {
        /// "shared document" or "private document".
        part: &'static str,
        /// What the merge or the reading of its result found.
        reason: String,
    },
    /// The phone's storage failed part-way through applying a checked backup.
    #[error(
        "the phone's storage stopped part-way: the {restored} are in, the rest isn't ({reason}); restore \
         the same backup again to finish, nothing will be doubled"
    )]
    Interrupted {
        /// What is already restored, in words.
        restored: &'static str,
        /// What the storage said.
        reason: String,
    },
    /// A sealed backup was offered without its passphrase.
    #[error("this backup is sealed: enter the passphrase it was made with")]
    PassphraseNeeded,
    /// The passphrase does not open this backup.
    #[error("that passphrase doesn't open this backup; check it and try again")]
    WrongPassphrase,
    /// The sealed part no longer matches its digest: damaged in storage or transit.
    #[error(
        "this backup is damaged: its sealed part changed since it was made (a copy cut short or altered)"
    )]
    Damaged,
    /// The passphrase is right but the sealed part fails authentication: changed on purpose.
    #[error(
        "this backup was tampered with: the passphrase is right, but its contents were changed after sealing"
    )]
    Tampered,
    /// A new backup passphrase that is too short.
    #[error("a backup passphrase needs at least {min} characters")]
    PassphraseTooShort {
        /// The fewest characters allowed.
        min: usize,
    },
    /// A new backup passphrase that is too long to be typed.
    #[error("a backup passphrase can have at most {max} characters")]
    PassphraseTooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A new backup passphrase that is easy to guess.
    #[error(
        "that passphrase is too easy to guess for a backup anyone could copy{}; a few unrelated words work well",
        advice.as_ref().map(|a| format!(" ({a})")).unwrap_or_default()
    )]
    PassphraseTooEasy {
        /// zxcvbn's advice, when it has some.
        advice: Option<String>,
    },
    /// The passphrase and its confirmation differ.
    #[error("the two passphrases don't match")]
    PassphrasesDiffer,
    /// Sealing failed.
    #[error("the backup could not be sealed: {0}")]
    Seal(String),
    /// The backup could not be written as JSON.
    #[error("the backup could not be written: {0}")]
    Write(#[from] serde_json::Error),
    /// Reading or writing this phone's data failed.
    #[error(transparent)]
    Session(#[from] SessionError),
}
