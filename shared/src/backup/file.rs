//! The backup file's JSON shape, and the checks it must pass before anything is merged.

use super::BackupError;
use super::sealed::{self, SEALED_VERSION};
use crate::doc::{CrdtDoc, DocError, DocState, Incoming, PrivateState, SharedState};
use crate::ids::PartnerId;
use crate::time::Stamp;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The value of the `format` field.
pub const BACKUP_FORMAT: &str = "mend-backup";
/// The version of a plain (unsealed) backup: what a sealed one holds inside.
pub const BACKUP_VERSION: u64 = 1;

/// The backup file as written.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct BackupFile {
    pub(super) format: String,
    pub(super) version: u64,
    pub(super) exported_at: Stamp,
    pub(super) partner: Option<PartnerId>,
    /// base64 of the shared document's full save.
    pub(super) shared: String,
    /// base64 of the private document's full save.
    pub(super) private: String,
    /// Both documents' typed state, for people to read; import never uses it.
    pub(super) readable: serde_json::Value,
}

/// The readable part: the typed state of both documents.
#[derive(Debug, serde::Serialize)]
pub(super) struct Readable<'a> {
    pub(super) shared: &'a SharedState,
    pub(super) private: &'a PrivateState,
}

/// A backup that passed every check: its documents' bytes and what they hold.
#[derive(Debug)]
pub(super) struct Checked {
    pub(super) exported_at: Stamp,
    pub(super) partner: Option<PartnerId>,
    pub(super) shared: Vec<u8>,
    pub(super) private: Vec<u8>,
    pub(super) shared_state: SharedState,
}

const SHARED: &str = "shared document";
const PRIVATE: &str = "private document";

/// Read a backup of either version at the edge: JSON, format, version, then (sealed) the
/// passphrase and seal, then the plain backup inside. Returns it checked, and whether it was
/// sealed.
pub(super) fn read(text: &str, passphrase: Option<&str>) -> Result<(Checked, bool), BackupError> {
    let value = parse(text)?;
    match version_of(&value)? {
        BACKUP_VERSION => Ok((check_plain(value)?, false)),
        SEALED_VERSION => {
            let inner = sealed::open(value, passphrase)?;
            let inner = parse(&inner)?;
            // A sealed backup holds a plain one, never another sealed one.
            if version_of(&inner)? != BACKUP_VERSION {
                return Err(BackupError::Malformed { reason: "its sealed part isn't a plain backup".into() });
            }
            Ok((check_plain(inner)?, true))
        }
        found => Err(BackupError::NewerVersion { found, supported: SEALED_VERSION }),
    }
}

fn parse(text: &str) -> Result<serde_json::Value, BackupError> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() && !text.trim().is_empty() {
            BackupError::Truncated
        } else {
            BackupError::NotJson { reason: e.to_string() }
        }
    })
}

/// The format check, then the version (1 or 2 are read; 0 is malformed; above 2 is newer).
fn version_of(value: &serde_json::Value) -> Result<u64, BackupError> {
    let Some(object) = value.as_object() else {
        return Err(BackupError::WrongFormat { found: "it holds no \"format\" field".into() });
    };
    match object.get("format") {
        Some(serde_json::Value::String(f)) if f == BACKUP_FORMAT => {}
        Some(serde_json::Value::String(f)) => {
            let shown: String = f.chars().take(40).collect();
            return Err(BackupError::WrongFormat { found: format!("its format is \"{shown}\"") });
        }
        Some(_) => return Err(BackupError::WrongFormat { found: "its \"format\" field isn't text".into() }),
        None => return Err(BackupError::WrongFormat { found: "it holds no \"format\" field".into() }),
    }
    match object.get("version").and_then(serde_json::Value::as_u64) {
        Some(0) | None => {
            Err(BackupError::Malformed { reason: "its version is missing or not a number".into() })
        }
        Some(v) => Ok(v),
    }
}

/// Check a plain (version 1) backup: fields, base64, well-formed automerge, schema not newer,
/// records readable, and the partner present in the shared document.
fn check_plain(value: serde_json::Value) -> Result<Checked, BackupError> {
    let file: BackupFile =
        serde_json::from_value(value).map_err(|e| BackupError::Malformed { reason: e.to_string() })?;
    let shared = decode(&file.shared, SHARED)?;
    let private = decode(&file.private, PRIVATE)?;
    let shared_state: SharedState = read_doc(&shared, SHARED)?;
    let _: PrivateState = read_doc(&private, PRIVATE)?;
    if let Some(p) = &file.partner
        && shared_state.partners.get(p.as_str()).is_none()
    {
        return Err(BackupError::Malformed {
            reason: "the partner it was made for isn't in its shared document".into(),
        });
    }
    Ok(Checked { exported_at: file.exported_at, partner: file.partner, shared, private, shared_state })
}

/// Encode document bytes for the file.
pub(super) fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

fn decode(text: &str, part: &'static str) -> Result<Vec<u8>, BackupError> {
    STANDARD.decode(text.trim()).map_err(|_| BackupError::BadBase64 { part })
}

/// Load `bytes` as a document on its own and read its records, without touching this phone.
fn read_doc<S: DocState>(bytes: &[u8], part: &'static str) -> Result<S, BackupError> {
    let corrupt = |e: DocError| match e {
        DocError::NewerSchema { found, supported } => BackupError::NewerSchema { part, found, supported },
        other => BackupError::Corrupt { part, reason: other.to_string() },
    };
    Incoming::check(bytes).map_err(corrupt)?;
    let doc = CrdtDoc::load(bytes).map_err(corrupt)?;
    S::hydrate(&doc).map_err(corrupt)
}
