//! Long-polls, for either backend: subscribe to the topic, read, and while there is nothing new
//! wait for the hub to say "look again" (a change, or the relay stopping: shutdown wakes every
//! topic) or for the wait to end. Subscribing before the first read means no change can slip
//! between the read and the wait.

use crate::error::AppError;
use crate::hub::Topic;
use crate::pairing::{PairingError, SlotRead};
use crate::state::AppState;
use crate::store::{StoreError, TokenHash};
use axum::body::Bytes;
use mend_shared::protocol::{BundlePage, Nameplate, PairingSlot, RoomId};
use std::future::Future;
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

/// What a bundle list asks for.
#[derive(Debug, Clone, Copy)]
pub struct ListRequest {
    /// The room.
    pub room: RoomId,
    /// Its token's hash.
    pub token: TokenHash,
    /// Bundles with seq greater than this.
    pub after: u64,
    /// At most this many.
    pub limit: u32,
}

/// A page after the cursor; with a `wait`, held until a bundle arrives, the wait ends or the
/// relay stops (then the empty page).
///
/// Every waiting phone holds this future, so it is an `async` block (an `async fn` would keep a
/// second copy of its arguments) holding one copy of the request and of the page.
#[expect(clippy::manual_async_fn, reason = "an async fn keeps a second copy of its arguments")]
pub fn bundles(
    state: &AppState,
    request: ListRequest,
    wait: Duration,
) -> impl Future<Output = Result<BundlePage, AppError>> {
    async move {
        // Fields read in place: copied out, they would be held a second time while the phone waits.
        let read = || {
            let max_bytes = state.config().max_page_bytes;
            state.store().list(request.room, request.token, request.after, request.limit, max_bytes)
        };
        if wait.is_zero() {
            return Ok(read().await?);
        }
        let deadline = Instant::now() + wait;
        let mut changes = state.hub().subscribe(Topic::Room(request.room));
        let mut page = read().await?;
        if !page.bundles.is_empty() {
            return Ok(page);
        }
        let _permit = state.wait_permit()?;
        // Shutdown wakes every subscription, so checking the flag after each wake-up is enough.
        while !state.is_shutting_down() {
            tokio::select! {
                () = changes.changed() => {}
                () = sleep_until(deadline) => return Ok(page),
            }
            if state.is_shutting_down() {
                break;
            }
            page = read().await?;
            if !page.bundles.is_empty() {
                return Ok(page);
            }
        }
        Ok(page)
    }
}

/// A pairing slot's message; with a `wait`, held until it is written (`Some`), the wait ends or
/// the relay stops (`None`), the nameplate is closed (410) or expires (404).
pub async fn slot(
    state: &AppState,
    nameplate: Nameplate,
    slot: PairingSlot,
    wait: Duration,
) -> Result<Option<Bytes>, AppError> {
    let deadline = Instant::now() + wait;
    let mut changes = (!wait.is_zero()).then(|| state.hub().subscribe(Topic::Nameplate(nameplate)));
    // Closed before we came counts as unknown: 410 is only for a close that ends a wait.
    let mut expires_at = match state.store().read_slot(nameplate, slot).await {
        Ok(SlotRead::Ready(message)) => return Ok(Some(message)),
        Ok(SlotRead::Empty { expires_in }) => Instant::now() + expires_in,
        Err(StoreError::Pairing(PairingError::Closed)) => return Err(AppError::UnknownNameplate),
        Err(error) => return Err(error.into()),
    };
    let Some(changes) = changes.as_mut() else { return Ok(None) };
    let _permit = state.wait_permit()?;
    // Shutdown wakes every subscription, so checking the flag after each wake-up is enough.
    while !state.is_shutting_down() {
        tokio::select! {
            () = changes.changed() => {}
            () = sleep_until(deadline.min(expires_at)) => {
                if Instant::now() >= deadline && deadline < expires_at {
                    return Ok(None);
                }
            }
        }
        if state.is_shutting_down() {
            break;
        }
        match state.store().read_slot(nameplate, slot).await? {
            SlotRead::Ready(message) => return Ok(Some(message)),
            SlotRead::Empty { expires_in } => expires_at = Instant::now() + expires_in,
        }
    }
    Ok(None)
}
