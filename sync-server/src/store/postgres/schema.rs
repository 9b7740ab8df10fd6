//! Versioned schema migrations, applied at start under an advisory lock (relay processes starting
//! together migrate once); a database from a newer relay is refused.

use crate::store::StoreError;
use rand::RngCore;
use tokio_postgres::Client;

/// Each step's SQL; `mend_schema.version` records how many have run.
const MIGRATIONS: &[&str] = &[include_str!("v1.sql")];

/// The advisory lock key held while migrating ("mendschm").
const MIGRATION_LOCK: i64 = 0x6d65_6e64_7363_686d;

/// Bring the schema up to date; returns the salt that keys stored client addresses.
pub(super) async fn migrate(client: &mut Client) -> Result<Vec<u8>, StoreError> {
    client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).await?;
    let migrated = run(client).await;
    // Released on every path; a lost connection releases it anyway.
    let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).await;
    migrated?;
    let salt: Vec<u8> = {
        let fresh = {
            let mut bytes = vec![0u8; 32];
            rand::thread_rng().fill_bytes(&mut bytes);
            bytes
        };
        client
            .execute(
                "INSERT INTO mend_meta (name, value) VALUES ('client_salt', $1) ON CONFLICT (name) DO NOTHING",
                &[&fresh],
            )
            .await?;
        client.query_one("SELECT value FROM mend_meta WHERE name = 'client_salt'", &[]).await?.get(0)
    };
    Ok(salt)
}

async fn run(client: &mut Client) -> Result<(), StoreError> {
    client.batch_execute("CREATE TABLE IF NOT EXISTS mend_schema (version bigint NOT NULL)").await?;
    let version: i64 =
        client.query_opt("SELECT version FROM mend_schema", &[]).await?.map_or(0, |row| row.get(0));
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::SchemaTooNew { found: version, known });
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = client.transaction().await?;
        tx.batch_execute(sql).await?;
        let next = step as i64 + 1;
        if tx.execute("UPDATE mend_schema SET version = $1", &[&next]).await? == 0 {
            tx.execute("INSERT INTO mend_schema (version) VALUES ($1)", &[&next]).await?;
        }
        tx.commit().await?;
        tracing::info!(version = next, "database schema migrated");
    }
    Ok(())
}
