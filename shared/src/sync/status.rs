//! What the app shows about sync: paired or not, last success, changes waiting, last error.

use crate::time::Stamp;

/// The one-word state of sync, for the always-visible status badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyncState {
    /// This phone has no partner yet; everything stays local.
    #[default]
    NotPaired,
    /// Everything written here has reached the relay and everything there has been applied.
    Synced,
    /// Changes are waiting to go (or a sync is under way).
    Waiting,
    /// The relay can't be reached; changes are kept and go later.
    Offline,
    /// The relay answered but something is wrong (see the message).
    Error,
}

/// Sync status as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SyncStatus {
    /// The state in one word.
    pub state: SyncState,
    /// When the last sync round finished without error.
    pub last_synced: Option<Stamp>,
    /// Changes made on this phone that the relay has not yet acknowledged.
    pub pending_changes: usize,
    /// The last error, in words a partner can act on.
    pub last_error: Option<String>,
}

impl SyncState {
    /// A short label for the badge.
    pub fn label(self) -> &'static str {
        match self {
            SyncState::NotPaired => "Not paired",
            SyncState::Synced => "Synced",
            SyncState::Waiting => "Waiting to sync",
            SyncState::Offline => "Offline",
            SyncState::Error => "Sync problem",
        }
    }
}

impl SyncStatus {
    /// One calm sentence describing the status.
    pub fn describe(&self) -> String {
        match self.state {
            SyncState::NotPaired => "Only on this phone until you pair with your partner.".to_string(),
            SyncState::Synced => "Up to date with your partner's phone.".to_string(),
            SyncState::Waiting if self.pending_changes == 1 => "1 change waiting to sync.".to_string(),
            SyncState::Waiting => format!("{} changes waiting to sync.", self.pending_changes),
            SyncState::Offline => "Offline — your changes are safe here and will sync later.".to_string(),
            SyncState::Error => {
                self.last_error.clone().unwrap_or_else(|| "Sync needs attention.".to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_reads_calmly_in_every_state() {
        let mut s = SyncStatus::default();
        assert_eq!(s.state.label(), "Not paired");
        s.state = SyncState::Waiting;
        s.pending_changes = 1;
        assert_eq!(s.describe(), "1 change waiting to sync.");
        s.state = SyncState::Offline;
        assert!(s.describe().contains("safe here"));
        s.state = SyncState::Error;
        s.last_error = Some("The relay refused this phone's key.".into());
        assert_eq!(s.describe(), "The relay refused this phone's key.");
    }
}
