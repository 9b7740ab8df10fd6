//! Errors from sealing and opening.

/// Why sealed bytes could not be opened (or made).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// Too short, or not a Mend envelope at all.
    #[error("the data is not a sealed Mend envelope")]
    NotAnEnvelope,
    /// Written by a newer version of Mend.
    #[error("sealed with envelope version {0}, which this version of Mend can't read")]
    UnknownVersion(u8),
    /// Authentication failed: tampered with, or sealed with another couple's key.
    #[error("data from the relay failed to decrypt: it was altered, or sealed with another couple's key")]
    Tampered,
    /// The envelope was of the wrong kind for where it was found.
    #[error("expected a sealed {expected}, found a sealed {found}")]
    WrongKind {
        /// What was expected.
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
    /// The content does not match the id it was stored under.
    #[error("the bundle's content does not match its id")]
    IdMismatch,
    /// zstd failed to (de)compress.
    #[error("compressed data is corrupt")]
    Compression,
    /// It opened, but what it holds is not what this kind of envelope should hold.
    #[error("the {what} opened but its contents are unreadable")]
    Unreadable {
        /// "bundle", "snapshot" or "resend request".
        what: &'static str,
    },
    /// Decompressed data would exceed the safety limit.
    #[error("sealed data expands beyond the {0}-byte limit")]
    TooLarge(usize),
    /// Key derivation parameters outside what Mend ever uses (a damaged or hostile file).
    #[error("the key derivation settings are outside what Mend uses ({0})")]
    KdfParams(String),
    /// A stored passphrase hash could not be read.
    #[error("the stored passphrase hash is unreadable")]
    BadHash,
}
