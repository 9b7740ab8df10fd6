//! The pairing exchange through the relay's four mailbox slots.
//!
//! `a1`/`b1`: the SPAKE2 messages. `b2`: the joiner's key confirmation, sealed with its profile.
//! `a2`: the pair secret and the inviter's profile, sealed — sent only after `b2` opened.

use super::{PairingCode, PairingError};
use crate::crypto::{PairSecret, SealedKind};
use crate::ids::PartnerId;
use crate::model::Partner;
use crate::protocol::{NAMEPLATE_TTL_SECS, Nameplate, PairingSlot};
use crate::relay::{RelayClient, RelayError};
use hkdf::Hkdf;
use sha2::Sha256;
use spake2::{Ed25519Group, Identity, Password, Spake2};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

const POLL: Duration = Duration::from_secs(25);
/// How long one phone waits for the other's next message once the exchange has started.
const ANSWER_WAIT: Duration = Duration::from_secs(90);
const NO_SENDER: [u8; 16] = [0; 16];

/// What the other phone sent about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedWith {
    /// The other partner's profile, if they have made one.
    pub partner: Option<Partner>,
    /// For the joining phone: the partner whose lost phone it replaces, when the inviter started
    /// a replacement. The joiner becomes that partner.
    pub replacing: Option<PartnerId>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Confirmation {
    partner: Option<Partner>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Offer {
    secret: Zeroizing<String>,
    partner: Option<Partner>,
    /// A replacement: the joiner takes on this partner's identity. Older phones ignore it and
    /// adopt the only partner besides the inviter, which is the same one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replace: Option<PartnerId>,
}

/// An invitation waiting for the partner to type its code (phone A).
#[derive(Debug)]
pub struct Invitation {
    relay: RelayClient,
    code: PairingCode,
    spake: Spake2<Ed25519Group>,
    expires_at: Instant,
}

impl Invitation {
    /// Allocate a nameplate, post this phone's SPAKE2 message, and make the code to show.
    pub async fn create(relay: &RelayClient) -> Result<Self, PairingError> {
        let nameplate = relay.allocate_nameplate().await?;
        let expires_at = Instant::now() + Duration::from_secs(NAMEPLATE_TTL_SECS);
        let code = PairingCode::generate(nameplate);
        let (spake, message) = Spake2::<Ed25519Group>::start_a(&password(&code), &inviter(), &joiner());
        relay.put_slot(nameplate, PairingSlot::A1, message).await?;
        Ok(Self { relay: relay.clone(), code, spake, expires_at })
    }

    /// The code to show the partner.
    pub fn code(&self) -> &PairingCode {
        &self.code
    }

    /// Wait for the partner to join, check they hold the same code, then send them `secret` and
    /// `me`, and with `replace` the partner whose lost phone the joiner replaces (a joiner
    /// already set up as anyone else is refused before the secret is sent). Returns what the
    /// partner sent about themselves.
    pub async fn complete(
        self,
        secret: &PairSecret,
        me: Option<&Partner>,
        replace: Option<&PartnerId>,
    ) -> Result<PairedWith, PairingError> {
        let Invitation { relay, code, spake, expires_at } = self;
        let nameplate = code.nameplate();
        let result = exchange_as_inviter(&relay, nameplate, spake, expires_at, secret, me, replace).await;
        // Single use: on failure the inviter closes the nameplate at once; on success the joiner
        // closes it after reading the answer (closing here could race its read).
        if result.is_err() {
            let _ = relay.close_nameplate(nameplate).await;
        }
        result
    }

    /// Give up on the invitation and close its nameplate.
    pub async fn cancel(self) {
        let _ = self.relay.close_nameplate(self.code.nameplate()).await;
    }
}

async fn exchange_as_inviter(
    relay: &RelayClient,
    nameplate: Nameplate,
    spake: Spake2<Ed25519Group>,
    expires_at: Instant,
    secret: &PairSecret,
    me: Option<&Partner>,
    replace: Option<&PartnerId>,
) -> Result<PairedWith, PairingError> {
    let their_spake =
        wait_for_slot(relay, nameplate, PairingSlot::B1, expires_at).await?.ok_or(PairingError::TimedOut)?;
    let key = Zeroizing::new(spake.finish(&their_spake).map_err(|_| PairingError::BadMessage)?);
    let deadline = Instant::now() + ANSWER_WAIT;
    let confirmation =
        wait_for_slot(relay, nameplate, PairingSlot::B2, deadline).await?.ok_or(PairingError::NoAnswer)?;
    let opened = open(&key, PairingSlot::B2, nameplate, &confirmation)?;
    let confirmation: Confirmation = serde_json::from_slice(&opened).map_err(|_| PairingError::BadMessage)?;
    if let (Some(lost), Some(joiner)) = (replace, &confirmation.partner)
        && &joiner.id != lost
    {
        return Err(PairingError::NotTheReplacedPartner { name: joiner.name.clone() });
    }
    let offer = Offer {
        secret: Zeroizing::new(hex::encode(secret.expose())),
        partner: me.cloned(),
        replace: replace.cloned(),
    };
    let offer = Zeroizing::new(serde_json::to_vec(&offer).map_err(|_| PairingError::BadMessage)?);
    relay.put_slot(nameplate, PairingSlot::A2, seal(&key, PairingSlot::A2, nameplate, &offer)?).await?;
    Ok(PairedWith { partner: confirmation.partner, replacing: None })
}

/// Join the partner's invitation with the code they show (phone B). Returns the pair secret and
/// what the inviter sent about themselves.
pub async fn join(
    relay: &RelayClient,
    code: &PairingCode,
    me: Option<&Partner>,
) -> Result<(PairSecret, PairedWith), PairingError> {
    let nameplate = code.nameplate();
    let (spake, message) = Spake2::<Ed25519Group>::start_b(&password(code), &inviter(), &joiner());
    relay.put_slot(nameplate, PairingSlot::B1, message).await?;
    let deadline = Instant::now() + ANSWER_WAIT;
    let their_spake =
        wait_for_slot(relay, nameplate, PairingSlot::A1, deadline).await?.ok_or(PairingError::NoAnswer)?;
    let key = Zeroizing::new(spake.finish(&their_spake).map_err(|_| PairingError::BadMessage)?);
    let confirmation =
        serde_json::to_vec(&Confirmation { partner: me.cloned() }).map_err(|_| PairingError::BadMessage)?;
    relay
        .put_slot(nameplate, PairingSlot::B2, seal(&key, PairingSlot::B2, nameplate, &confirmation)?)
        .await?;
    // The inviter closes the nameplate instead of answering when our confirmation does not open
    // under its key: that means the codes differed.
    let answer = match wait_for_slot(relay, nameplate, PairingSlot::A2, Instant::now() + ANSWER_WAIT).await {
        Ok(Some(answer)) => answer,
        Ok(None) => return Err(PairingError::NoAnswer),
        Err(PairingError::CodeExpired) => return Err(PairingError::WrongCode),
        Err(e) => return Err(e),
    };
    let opened =
        Zeroizing::new(open(&key, PairingSlot::A2, nameplate, &answer).map_err(|_| PairingError::WrongCode)?);
    let offer: Offer = serde_json::from_slice(&opened).map_err(|_| PairingError::BadMessage)?;
    let mut bytes = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(offer.secret.as_bytes(), bytes.as_mut()).map_err(|_| PairingError::BadMessage)?;
    let secret = PairSecret::from_bytes(*bytes);
    let _ = relay.close_nameplate(nameplate).await;
    Ok((secret, PairedWith { partner: offer.partner, replacing: offer.replace }))
}

/// Long-poll a slot until it is written or `deadline` passes.
async fn wait_for_slot(
    relay: &RelayClient,
    nameplate: Nameplate,
    slot: PairingSlot,
    deadline: Instant,
) -> Result<Option<Vec<u8>>, PairingError> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        match relay.get_slot(nameplate, slot, left.min(POLL)).await {
            Ok(Some(message)) => return Ok(Some(message)),
            Ok(None) => continue,
            Err(RelayError::Unreachable(_)) if !left.is_zero() => {
                tokio::time::sleep(Duration::from_secs(1).min(left)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn password(code: &PairingCode) -> Password {
    Password::new(code.password())
}

fn inviter() -> Identity {
    Identity::new(b"mend/pairing/inviter")
}

fn joiner() -> Identity {
    Identity::new(b"mend/pairing/joiner")
}

/// A per-slot key from the SPAKE2 key, so the two directions never share a key.
fn slot_key(spake_key: &[u8], slot: PairingSlot) -> Zeroizing<[u8; 32]> {
    let hk = Hkdf::<Sha256>::new(Some(b"mend/pairing/v1"), spake_key);
    let mut out = Zeroizing::new([0u8; 32]);
    let _ = hk.expand(slot.as_str().as_bytes(), out.as_mut());
    out
}

fn seal(
    spake_key: &[u8],
    slot: PairingSlot,
    nameplate: Nameplate,
    message: &[u8],
) -> Result<Vec<u8>, PairingError> {
    let context = nameplate.get().to_be_bytes();
    crate::crypto::seal_with(&slot_key(spake_key, slot), SealedKind::Pairing, &context, &NO_SENDER, message)
        .map_err(|_| PairingError::BadMessage)
}

fn open(
    spake_key: &[u8],
    slot: PairingSlot,
    nameplate: Nameplate,
    sealed: &[u8],
) -> Result<Vec<u8>, PairingError> {
    let context = nameplate.get().to_be_bytes();
    crate::crypto::open_with(&slot_key(spake_key, slot), SealedKind::Pairing, &context, sealed)
        .map(|o| o.plaintext)
        .map_err(|_| PairingError::WrongCode)
}
