//! The pairing seam: invite a partner with a code, join with one, or unpair.

use super::ServiceError;
use std::future::Future;
use std::pin::Pin;

/// A pairing step under way. It runs on the UI's executor, so it needn't be `Send`; it is dropped
/// (cancelled) if the partner leaves the screen.
pub type PairingFuture<T> = Pin<Box<dyn Future<Output = Result<T, ServiceError>>>>;

/// An invitation the relay has opened: the code to show, and the wait for the partner to join.
pub struct Invitation {
    /// The code to read out or send to the partner, e.g. `7-harbor-lantern-quiet`.
    pub code: String,
    /// Finishes once the partner has joined and both phones share the couple's keys.
    pub accepted: PairingFuture<()>,
}

impl std::fmt::Debug for Invitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invitation").field("code", &self.code).finish_non_exhaustive()
    }
}

/// What unpairing does with the couple's shared history on this phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepData {
    /// Keep a copy of everything shared so far on this phone.
    Keep,
    /// Remove the shared history from this phone (private notes stay).
    Delete,
}

/// Pairing through the relay. Implementations read what they need (relay address, session)
/// themselves and call [`crate::Phone::changed_elsewhere`] when they change the session.
pub trait Pairing: Send + Sync + 'static {
    /// Open an invitation and return its code.
    fn invite(&self) -> PairingFuture<Invitation>;

    /// Replace the partner's lost phone: open an invitation for their new phone. Once it joins,
    /// the couple moves to new keys and the lost phone can read nothing written afterwards.
    fn replace_partner_phone(&self) -> PairingFuture<Invitation>;

    /// Join the partner who shared `code` (an invitation or a replacement).
    fn join(&self, code: String) -> PairingFuture<()>;

    /// Leave the couple's room on the relay, keeping or deleting the shared history here.
    fn unpair(&self, keep: KeepData) -> PairingFuture<()>;
}
