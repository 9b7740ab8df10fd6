//! Sealed backups (version 2): the version-1 JSON, compressed and sealed under a key from the
//! owner's passphrase, so the file reads as nothing but its header without it.
//!
//! ```json
//! { "format": "mend-backup", "version": 2,
//!   "kdf": { "alg": "argon2id", "m": 65536, "t": 3, "p": 1, "salt": "<base64, 16 bytes>" },
//!   "key_check": "<base64, 16 bytes>", "sha256": "<hex digest of the sealed bytes>",
//!   "sealed": "<base64 of a Mend envelope>" }
//! ```
//!
//! Argon2id turns the passphrase and salt into a root key; HKDF splits it into the content key
//! and a short key check. The envelope is the crate's one seal path (zstd, then
//! XChaCha20-Poly1305 with a random nonce), with the header — format, version, every Argon2
//! parameter and the salt — bound in as associated data, so no header field can be changed
//! without the file failing to open. The key check tells a wrong passphrase from a tampered
//! file, and the plain digest tells a file damaged in transit (cut short, a flipped bit) from
//! both; neither helps a guesser, who can already test a guess by trying to open the file.

use super::{BACKUP_FORMAT, BackupError};
use crate::crypto::passphrase::{self, KdfParams, Rule, SALT_LEN, Weakness};
use crate::crypto::{CryptoError, SealedKind, open_with, seal_with};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The version of a sealed backup.
pub const SEALED_VERSION: u64 = 2;
/// zxcvbn's score a backup passphrase needs (4, its highest: about 10^10 guesses or more). A
/// backup file can be attacked offline without waits, so it needs more than the lock; a few
/// unrelated words reach it easily.
const BACKUP_SCORE: u8 = 4;
/// The fewest characters in a backup passphrase.
pub const MIN_BACKUP_PASSPHRASE_CHARS: usize = 10;
const MAX_PASSPHRASE_CHARS: usize = 1024;
const KEY_CHECK_LEN: usize = 16;
const NO_SENDER: [u8; 16] = [0; 16];

#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedFile {
    format: String,
    version: u64,
    kdf: KdfHeader,
    key_check: String,
    sha256: String,
    sealed: String,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct KdfHeader {
    alg: String,
    m: u32,
    t: u32,
    p: u32,
    salt: String,
}

/// Check a new backup passphrase typed twice.
pub(super) fn check_passphrase(
    passphrase: &str,
    confirm: &str,
    known_words: &[&str],
) -> Result<(), BackupError> {
    let rule = Rule {
        min_chars: MIN_BACKUP_PASSPHRASE_CHARS,
        max_chars: MAX_PASSPHRASE_CHARS,
        min_score: BACKUP_SCORE,
    };
    rule.check(passphrase, known_words).map_err(|weak| match weak {
        Weakness::TooShort(min) => BackupError::PassphraseTooShort { min },
        Weakness::TooLong(max) => BackupError::PassphraseTooLong { max },
        Weakness::TooEasy(advice) => BackupError::PassphraseTooEasy { advice },
    })?;
    if passphrase != confirm {
        return Err(BackupError::PassphrasesDiffer);
    }
    Ok(())
}

/// Seal `plain_json` (a version-1 backup) under `passphrase`.
pub(super) fn seal(plain_json: &str, passphrase: &str, params: &KdfParams) -> Result<String, BackupError> {
    let salt = passphrase::random_salt();
    let keys = Keys::derive(passphrase, &salt, params)?;
    let context = associated_data(params, &salt);
    let sealed = seal_with(&keys.content, SealedKind::Backup, &context, &NO_SENDER, plain_json.as_bytes())
        .map_err(|e| BackupError::Seal(e.to_string()))?;
    let file = SealedFile {
        format: BACKUP_FORMAT.into(),
        version: SEALED_VERSION,
        kdf: KdfHeader {
            alg: "argon2id".into(),
            m: params.m,
            t: params.t,
            p: params.p,
            salt: STANDARD.encode(salt),
        },
        key_check: STANDARD.encode(keys.check),
        sha256: hex::encode(Sha256::digest(&sealed)),
        sealed: STANDARD.encode(&sealed),
    };
    Ok(serde_json::to_string_pretty(&file)?)
}

/// Open a sealed backup whose `format` and `version` were already read, returning the
/// version-1 JSON inside. Every failure is specific and changes nothing.
pub(super) fn open(
    value: serde_json::Value,
    passphrase: Option<&str>,
) -> Result<Zeroizing<String>, BackupError> {
    let file: SealedFile =
        serde_json::from_value(value).map_err(|e| BackupError::Malformed { reason: e.to_string() })?;
    if file.kdf.alg != "argon2id" {
        return Err(BackupError::Malformed {
            reason: format!("it uses an unknown key derivation, {:?}", file.kdf.alg),
        });
    }
    let params = KdfParams { m: file.kdf.m, t: file.kdf.t, p: file.kdf.p };
    params.check().map_err(|e| BackupError::Malformed { reason: e.to_string() })?;
    let salt = decode(&file.kdf.salt, "its salt")?;
    if !(SALT_LEN..=64).contains(&salt.len()) {
        return Err(BackupError::Malformed { reason: "its salt has the wrong length".into() });
    }
    let key_check = decode(&file.key_check, "its key check")?;
    let sealed = decode(&file.sealed, "its sealed part")?;
    let digest = hex::decode(file.sha256.trim())
        .map_err(|_| BackupError::Malformed { reason: "its digest isn't hexadecimal".into() })?;
    if digest.as_slice() != Sha256::digest(&sealed).as_slice() {
        return Err(BackupError::Damaged);
    }
    let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or(BackupError::PassphraseNeeded)?;
    let keys = Keys::derive(passphrase, &salt, &params)?;
    if key_check.len() != KEY_CHECK_LEN || !bool::from(keys.check.ct_eq(key_check.as_slice())) {
        return Err(BackupError::WrongPassphrase);
    }
    let opened = open_with(&keys.content, SealedKind::Backup, &associated_data(&params, &salt), &sealed)
        .map_err(|e| match e {
            CryptoError::UnknownVersion(_) => {
                BackupError::NewerVersion { found: SEALED_VERSION + 1, supported: SEALED_VERSION }
            }
            CryptoError::Tampered => BackupError::Tampered,
            other => BackupError::Corrupt { part: "sealed part", reason: other.to_string() },
        })?;
    String::from_utf8(opened.plaintext)
        .map(Zeroizing::new)
        .map_err(|_| BackupError::Corrupt { part: "sealed part", reason: "it isn't text".into() })
}

/// The content key and key check from one passphrase.
struct Keys {
    content: Zeroizing<[u8; 32]>,
    check: [u8; KEY_CHECK_LEN],
}

impl Keys {
    fn derive(passphrase: &str, salt: &[u8], params: &KdfParams) -> Result<Self, BackupError> {
        let root =
            passphrase::derive_key(passphrase, salt, params).map_err(|e| BackupError::Seal(e.to_string()))?;
        let hk = Hkdf::<Sha256>::new(Some(b"mend/backup/v2"), root.as_ref());
        let mut content = Zeroizing::new([0u8; 32]);
        let mut check = [0u8; KEY_CHECK_LEN];
        // Both lengths are far below HKDF-SHA256's limit, so expanding can't fail.
        let _ = hk.expand(b"content-key", content.as_mut());
        let _ = hk.expand(b"key-check", &mut check);
        Ok(Keys { content, check })
    }
}

/// Everything in the header that shapes the key, bound into the seal.
fn associated_data(params: &KdfParams, salt: &[u8]) -> Vec<u8> {
    let mut ad = format!(
        "{BACKUP_FORMAT}/v{SEALED_VERSION}/argon2id/m={}/t={}/p={}/salt=",
        params.m, params.t, params.p
    )
    .into_bytes();
    ad.extend_from_slice(salt);
    ad
}

fn decode(text: &str, what: &str) -> Result<Vec<u8>, BackupError> {
    STANDARD
        .decode(text.trim())
        .map_err(|_| BackupError::Malformed { reason: format!("{what} isn't valid base64") })
}
