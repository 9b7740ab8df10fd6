//! The pairing mailbox in PostgreSQL, shared by every relay process: nameplates with their slots,
//! expiry and quarantine in one table, times from the database's clock (so processes agree),
//! and the same rules as the in-memory mailbox (see [`crate::pairing`]).

use super::signals::Signal;
use super::{PgStore, classify};
use crate::pairing::{PairingError, SlotRead, choose};
use crate::store::StoreError;
use axum::body::Bytes;
use mend_shared::protocol::{Nameplate, PairingSlot};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::net::IpAddr;
use std::time::Duration;

/// The advisory lock that makes allocation one at a time across processes ("mendname"):
/// pairing is rare, and this keeps choosing a free number and the per-client count race-free.
const ALLOCATE_LOCK: i64 = 0x6d65_6e64_6e61_6d65;

/// The slot's index as the SQL functions number them (a1, b1, a2, b2 = 0..=3).
fn index(slot: PairingSlot) -> i32 {
    slot.index() as i32
}

fn number(nameplate: Nameplate) -> i32 {
    i32::from(nameplate.get())
}

impl PgStore {
    /// The stored form of a client address: keyed by this database's salt, so the table holds no
    /// address in the clear.
    fn client_key(&self, client: IpAddr) -> Vec<u8> {
        let octets = match client {
            IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
            IpAddr::V6(v6) => v6.octets(),
        };
        Sha256::new().chain_update(&self.client_salt).chain_update(octets).finalize().to_vec()
    }

    fn ttl_secs(&self) -> f64 {
        self.options.nameplate_ttl.as_secs_f64()
    }
}

pub(super) async fn allocate(store: &PgStore, client: IpAddr) -> Result<Nameplate, StoreError> {
    let key = store.client_key(client);
    let mut conn = store.conn().await?;
    let tx = conn.transaction().await.map_err(classify)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ALLOCATE_LOCK]).await.map_err(classify)?;
    let cap = store.options.max_nameplates_per_client;
    if cap > 0 {
        let held: i64 = tx
            .query_one(
                "SELECT count(*) FROM nameplates WHERE client = $1 AND state = 'open' AND expires_at > now()",
                &[&key],
            )
            .await
            .map_err(classify)?
            .get(0);
        if held as u64 >= cap {
            return Err(PairingError::TooManyOpen { cap }.into());
        }
    }
    // Open or quarantined numbers; the quarantined ones ordered by when they free up.
    let busy = tx
        .query(
            "SELECT nameplate, state = 'open' AND expires_at > now() FROM nameplates
             WHERE free_at > now() ORDER BY free_at",
            &[],
        )
        .await
        .map_err(classify)?;
    let taken: HashSet<u16> = busy.iter().map(|row| row.get::<_, i32>(0) as u16).collect();
    let chosen = match choose(|n| !taken.contains(&n)) {
        Some(n) => n,
        // Everything is open or quarantined: take the number released longest ago.
        None => busy
            .iter()
            .find(|row| !row.get::<_, bool>(1))
            .and_then(|row| Nameplate::new(row.get::<_, i32>(0) as u16).ok())
            .ok_or(PairingError::Exhausted)?,
    };
    tx.execute(
        "INSERT INTO nameplates (nameplate, client, expires_at, free_at)
         VALUES ($1, $2, now() + make_interval(secs => $3), now() + make_interval(secs => 2 * $3))
         ON CONFLICT (nameplate) DO UPDATE SET client = excluded.client, expires_at = excluded.expires_at,
             free_at = excluded.free_at, state = 'open', delivered = 0, a1 = NULL, b1 = NULL, a2 = NULL, b2 = NULL",
        &[&number(chosen), &key, &store.ttl_secs()],
    )
    .await
    .map_err(classify)?;
    tx.commit().await.map_err(classify)?;
    Ok(chosen)
}

pub(super) async fn check_writable(
    store: &PgStore,
    nameplate: Nameplate,
    slot: PairingSlot,
) -> Result<(), StoreError> {
    let taken: bool = store
        .maybe(
            "SELECT (ARRAY[a1, b1, a2, b2])[$2 + 1] IS NOT NULL FROM nameplates
             WHERE nameplate = $1 AND state = 'open' AND expires_at > now()",
            &[&number(nameplate), &index(slot)],
        )
        .await?
        .ok_or(PairingError::Unknown)?
        .get(0);
    if taken { Err(PairingError::SlotTaken.into()) } else { Ok(()) }
}

pub(super) async fn write(
    store: &PgStore,
    nameplate: Nameplate,
    slot: PairingSlot,
    message: Bytes,
) -> Result<(), StoreError> {
    let row = store
        .one("SELECT mend_write_slot($1, $2, $3)", &[&number(nameplate), &index(slot), &message.as_ref()])
        .await?;
    match row.get::<_, &str>(0) {
        "written" => {
            store.changed(Signal::Nameplate(nameplate));
            Ok(())
        }
        "taken" => Err(PairingError::SlotTaken.into()),
        _ => Err(PairingError::Unknown.into()),
    }
}

pub(super) async fn read(
    store: &PgStore,
    nameplate: Nameplate,
    slot: PairingSlot,
) -> Result<SlotRead, StoreError> {
    let row = store
        .one(
            "SELECT outcome, message, expires_in FROM mend_read_slot($1, $2, $3)",
            &[&number(nameplate), &index(slot), &store.ttl_secs()],
        )
        .await?;
    let outcome: &str = row.get(0);
    match outcome {
        "ready" | "completed" => {
            if outcome == "completed" {
                // Waiters on the other slots learn the exchange is over.
                store.changed(Signal::Nameplate(nameplate));
            }
            let message: Vec<u8> = row.get(1);
            Ok(SlotRead::Ready(Bytes::from(message)))
        }
        "empty" => {
            let left: f64 = row.get(2);
            Ok(SlotRead::Empty { expires_in: Duration::from_secs_f64(left.max(0.0)) })
        }
        "closed" => Err(PairingError::Closed.into()),
        _ => Err(PairingError::Unknown.into()),
    }
}

pub(super) async fn close(store: &PgStore, nameplate: Nameplate) -> Result<(), StoreError> {
    let conn = store.conn().await?;
    let closed = conn
        .execute(
            "UPDATE nameplates SET state = 'closed', free_at = now() + make_interval(secs => $2),
                 a1 = NULL, b1 = NULL, a2 = NULL, b2 = NULL
             WHERE nameplate = $1 AND state = 'open' AND expires_at > now()",
            &[&number(nameplate), &store.ttl_secs()],
        )
        .await
        .map_err(classify)?;
    if closed == 0 {
        return Err(PairingError::Unknown.into());
    }
    store.changed(Signal::Nameplate(nameplate));
    Ok(())
}

/// Forget numbers past their quarantine, and drop the messages of expired nameplates.
pub(super) async fn sweep(store: &PgStore) -> Result<(), StoreError> {
    let conn = store.conn().await?;
    conn.batch_execute(
        "DELETE FROM nameplates WHERE free_at <= now();
         UPDATE nameplates SET state = 'expired', a1 = NULL, b1 = NULL, a2 = NULL, b2 = NULL
             WHERE state = 'open' AND expires_at <= now();",
    )
    .await
    .map_err(classify)
}
