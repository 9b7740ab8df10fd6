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
    /// Changes are waiting to go, or some of the partner's changes are still on their way.
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
    /// Changes on this phone that the relay is not yet known to hold.
    pub pending_changes: usize,
    /// Earlier changes of the partner's that this phone is missing (a bundle failed to arrive);
    /// later changes that build on them wait, and the partner's phone has been asked to resend.
    #[serde(default)]
    pub missing_from_partner: usize,
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
            SyncState::Waiting => {
                let mut parts = Vec::new();
                match self.pending_changes {
                    0 => {}
                    1 => parts.push("1 change waiting to sync.".to_string()),
                    n => parts.push(format!("{n} changes waiting to sync.")),
                }
                if self.missing_from_partner > 0 {
                    parts.push(
                        "Some of your partner's changes are still on their way: their phone has been \
                         asked to send them again."
                            .to_string(),
                    );
                }
                if parts.is_empty() { "Syncing…".to_string() } else { parts.join(" ") }
            }
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
        s.missing_from_partner = 2;
        assert_eq!(
            s.describe(),
            "1 change waiting to sync. Some of your partner's changes are still on their way: their phone \
             has been asked to send them again."
        );
        s.pending_changes = 0;
        assert!(s.describe().starts_with("Some of your partner's changes"), "{}", s.describe());
        s.state = SyncState::Offline;
        assert!(s.describe().contains("safe here"));
        s.state = SyncState::Error;
        s.last_error = Some("The relay refused this phone's key.".into());
        assert_eq!(s.describe(), "The relay refused this phone's key.");
    }
}
