//! The lock as stored in the phone's secret store: kind, Argon2id hash, away limit.

use super::{AwayLimit, LockError, LockKind};
use crate::secrets::{SecretSlot, SecretStore};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct LockRecord {
    /// Record format, so later versions can read it.
    v: u32,
    pub(super) kind: LockKind,
    /// PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`.
    pub(super) hash: String,
    pub(super) away: AwayLimit,
}

impl LockRecord {
    pub(super) fn new(kind: LockKind, hash: String, away: AwayLimit) -> Self {
        LockRecord { v: 1, kind, hash, away }
    }

    pub(super) fn load(secrets: &dyn SecretStore) -> Result<Option<Self>, LockError> {
        let Some(bytes) = secrets.load(SecretSlot::AppLock)? else { return Ok(None) };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| LockError::Damaged(e.to_string()))
    }

    pub(super) fn save(&self, secrets: &dyn SecretStore) -> Result<(), LockError> {
        let bytes =
            zeroize::Zeroizing::new(serde_json::to_vec(self).map_err(|e| LockError::Damaged(e.to_string()))?);
        Ok(secrets.save(SecretSlot::AppLock, &bytes)?)
    }
}
