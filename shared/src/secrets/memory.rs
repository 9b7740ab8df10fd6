//! Secrets held in memory only, for sessions that have no data file (tests, throwaway previews).

use super::{SecretError, SecretSlot, SecretStore};
use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};
use zeroize::Zeroizing;

/// A secret store that forgets everything when dropped.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    slots: Mutex<BTreeMap<SecretSlot, Zeroizing<Vec<u8>>>>,
}

impl SecretStore for MemorySecrets {
    fn load(&self, slot: SecretSlot) -> Result<Option<Zeroizing<Vec<u8>>>, SecretError> {
        Ok(self.slots.lock().unwrap_or_else(PoisonError::into_inner).get(&slot).cloned())
    }

    fn save(&self, slot: SecretSlot, bytes: &[u8]) -> Result<(), SecretError> {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(slot, Zeroizing::new(bytes.to_vec()));
        Ok(())
    }

    fn forget(&self, slot: SecretSlot) -> Result<(), SecretError> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner).remove(&slot);
        Ok(())
    }
}
