//! Pairing two phones with a short code, through the relay's mailbox, using SPAKE2.
//!
//! Phone A (the inviter) allocates a nameplate on the relay and shows a code such as
//! `7-harbor-lantern-quiet`: the nameplate plus three words (24 bits). Phone B types it. Both run
//! SPAKE2 with the code as the password through the mailbox, so the relay never learns the key
//! and an attacker gets one online guess per code. B proves it holds the key (key confirmation,
//! sealed with its profile); only then does A send the couple's pair secret and its profile,
//! sealed under the SPAKE2 key. Nameplates are single-use and expire after ten minutes; a wrong,
//! used or expired code fails cleanly and pairs nothing.

mod code;
mod error;
mod exchange;
mod words;

pub use code::PairingCode;
pub use error::PairingError;
pub use exchange::{Invitation, PairedWith, join};
