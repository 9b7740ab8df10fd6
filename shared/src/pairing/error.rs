//! Why pairing did not happen (nothing was paired in every case).

use crate::relay::RelayError;

/// Pairing failed; nothing was paired.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    /// The typed code is not of the form `7-harbor-lantern-quiet`.
    #[error(
        "that doesn't look like a pairing code — it should be a number and three words, like 7-harbor-lantern-quiet"
    )]
    MalformedCode,
    /// A word in the code is not on Mend's word list (a typo, usually).
    #[error("\"{0}\" isn't one of the words Mend uses in codes — check the spelling")]
    UnknownWord(String),
    /// The two phones did not hold the same code.
    #[error("the code didn't match — ask your partner for a new code and try again")]
    WrongCode,
    /// The code was used already, expired, or was cancelled.
    #[error("this code has expired or was already used — ask your partner for a new one")]
    CodeExpired,
    /// Nobody joined within the code's ten minutes.
    #[error("nobody joined within ten minutes — make a new code when you're both ready")]
    TimedOut,
    /// The other phone took part, then stopped answering (closed, offline, or gave up).
    #[error("your partner's phone stopped answering — check that it still shows the code, then try again")]
    NoAnswer,
    /// Replacing a partner's phone, but the joining phone is set up as somebody else.
    #[error(
        "that phone is set up as {name}, not as the partner whose phone you're replacing — on the new \
         phone, choose “My partner is replacing my phone” before making a profile, or restore their own backup first"
    )]
    NotTheReplacedPartner {
        /// The name the joining phone is set up with.
        name: String,
    },
    /// The other phone sent something that is not a valid pairing message.
    #[error("the other phone sent an unreadable pairing message")]
    BadMessage,
    /// The relay could not be reached or refused.
    #[error(transparent)]
    Relay(RelayError),
}

impl From<RelayError> for PairingError {
    fn from(e: RelayError) -> Self {
        match e {
            RelayError::NameplateGone | RelayError::SlotTaken => PairingError::CodeExpired,
            other => PairingError::Relay(other),
        }
    }
}
