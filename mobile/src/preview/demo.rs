//! The two-phone demo: Ana and Ben, already paired through the relay, so sync is visible at once.

use crate::Phone;
use anyhow::Context;
use mend_shared::relay::RelayClient;
use mend_shared::sync;

/// The demo partners' names, by phone.
pub const DEMO_NAMES: [(&str, &str); 2] = [("a", "Ana"), ("b", "Ben")];

/// Give the demo phones profiles and pair them by code through `relay_url`, unless an earlier
/// run already did. Uses the same pairing as real phones (invite on A, join with its code on B).
pub async fn prepare_demo(phones: &[(String, Phone)], relay_url: &str) -> anyhow::Result<()> {
    let phone = |name: &str| phones.iter().find(|(n, _)| n == name).map(|(_, p)| p.clone());
    let (Some(a), Some(b)) = (phone("a"), phone("b")) else {
        anyhow::bail!("the demo needs phones a and b");
    };
    for (name, display) in DEMO_NAMES {
        let p = if name == "a" { &a } else { &b };
        if p.read(|s| s.me().is_none()) {
            p.edit(|s| s.create_profile(display)).with_context(|| format!("creating {display}'s profile"))?;
        }
    }
    let (sa, sb) = (a.session(), b.session());
    if sync::is_paired(&sa)? && sync::is_paired(&sb)? {
        return Ok(());
    }
    let relay = RelayClient::new(relay_url)?;
    let invite = sync::invite(&sa, &relay).await.context("opening the demo invitation")?;
    let code = invite.code();
    let (ra, rb) = tokio::join!(invite.finish(), sync::join_with_code(&sb, &relay, &code));
    ra.context("pairing phone a")?;
    rb.context("pairing phone b")?;
    a.changed_elsewhere();
    b.changed_elsewhere();
    Ok(())
}
