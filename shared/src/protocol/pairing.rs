//! Pairing mailbox addresses: the short nameplate number and the four message slots.

use std::fmt;
use std::str::FromStr;

/// Why a text is not a nameplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseNameplateError {
    /// Empty, or holding something other than ASCII digits.
    #[error("a nameplate is a decimal number from 1 to 9999")]
    NotANumber,
    /// Digits with a leading zero (`07`), which would give one nameplate two spellings.
    #[error("a nameplate has no leading zeros")]
    LeadingZero,
    /// A number outside 1..=9999.
    #[error("a nameplate is between 1 and 9999")]
    OutOfRange,
}

/// A pairing-mailbox number from 1 to 9999: the first part of a pairing code such as `7-harbor-lantern-quiet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nameplate(u16);

impl Nameplate {
    /// The smallest nameplate.
    pub const MIN: u16 = 1;
    /// The largest nameplate.
    pub const MAX: u16 = 9999;

    /// A nameplate from its number, if it is in 1..=9999.
    pub fn new(n: u16) -> Result<Self, ParseNameplateError> {
        if (Self::MIN..=Self::MAX).contains(&n) { Ok(Self(n)) } else { Err(ParseNameplateError::OutOfRange) }
    }

    /// The number.
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl FromStr for Nameplate {
    type Err = ParseNameplateError;
    fn from_str(s: &str) -> Result<Self, ParseNameplateError> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseNameplateError::NotANumber);
        }
        if s.starts_with('0') {
            return Err(if s.len() == 1 {
                ParseNameplateError::OutOfRange
            } else {
                ParseNameplateError::LeadingZero
            });
        }
        if s.len() > 4 {
            return Err(ParseNameplateError::OutOfRange);
        }
        s.parse::<u16>().map_err(|_| ParseNameplateError::NotANumber).and_then(Self::new)
    }
}

impl TryFrom<String> for Nameplate {
    type Error = ParseNameplateError;
    fn try_from(s: String) -> Result<Self, ParseNameplateError> {
        s.parse()
    }
}

impl From<Nameplate> for String {
    fn from(n: Nameplate) -> String {
        n.to_string()
    }
}

impl fmt::Display for Nameplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a text is not a pairing slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a pairing slot is one of a1, b1, a2, b2")]
pub struct ParseSlotError;

/// One write-once message slot in a pairing mailbox.
///
/// `A` is the inviting phone and `B` the joining one; `1` carries the SPAKE2 message and
/// `2` the key confirmation (from A: with the sealed pair secret).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PairingSlot {
    /// The inviting phone's SPAKE2 message.
    A1,
    /// The joining phone's SPAKE2 message.
    B1,
    /// The inviting phone's confirmation and sealed payload.
    A2,
    /// The joining phone's confirmation.
    B2,
}

impl PairingSlot {
    /// Every slot, in the order a pairing writes them.
    pub const ALL: [PairingSlot; 4] = [PairingSlot::A1, PairingSlot::B1, PairingSlot::A2, PairingSlot::B2];

    /// The slot's name in a URL.
    pub const fn as_str(self) -> &'static str {
        match self {
            PairingSlot::A1 => "a1",
            PairingSlot::B1 => "b1",
            PairingSlot::A2 => "a2",
            PairingSlot::B2 => "b2",
        }
    }

    /// Position in [`PairingSlot::ALL`], for array-backed mailboxes.
    pub const fn index(self) -> usize {
        match self {
            PairingSlot::A1 => 0,
            PairingSlot::B1 => 1,
            PairingSlot::A2 => 2,
            PairingSlot::B2 => 3,
        }
    }

    /// The other phone's slot of the same step (`a1` ↔ `b1`, `a2` ↔ `b2`): the one to read after writing this one.
    pub const fn counterpart(self) -> PairingSlot {
        match self {
            PairingSlot::A1 => PairingSlot::B1,
            PairingSlot::B1 => PairingSlot::A1,
            PairingSlot::A2 => PairingSlot::B2,
            PairingSlot::B2 => PairingSlot::A2,
        }
    }
}

impl FromStr for PairingSlot {
    type Err = ParseSlotError;
    fn from_str(s: &str) -> Result<Self, ParseSlotError> {
        PairingSlot::ALL.into_iter().find(|slot| slot.as_str() == s).ok_or(ParseSlotError)
    }
}

impl fmt::Display for PairingSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nameplates_parse_only_canonical_numbers_in_range() {
        assert_eq!("7".parse::<Nameplate>().unwrap().get(), 7);
        assert_eq!("9999".parse::<Nameplate>().unwrap().get(), 9999);
        assert_eq!("0".parse::<Nameplate>(), Err(ParseNameplateError::OutOfRange));
        assert_eq!("10000".parse::<Nameplate>(), Err(ParseNameplateError::OutOfRange));
        assert_eq!("99999999999".parse::<Nameplate>(), Err(ParseNameplateError::OutOfRange));
        assert_eq!("07".parse::<Nameplate>(), Err(ParseNameplateError::LeadingZero));
        for bad in ["", "-1", "+1", "1a", " 1", "١"] {
            assert_eq!(bad.parse::<Nameplate>(), Err(ParseNameplateError::NotANumber), "{bad:?}");
        }
        assert_eq!(Nameplate::new(0), Err(ParseNameplateError::OutOfRange));
    }

    #[test]
    fn nameplates_serialise_as_decimal_strings() {
        let n = Nameplate::new(42).unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"42\"");
        assert_eq!(serde_json::from_str::<Nameplate>("\"42\"").unwrap(), n);
        assert!(serde_json::from_str::<Nameplate>("\"042\"").is_err());
    }

    #[test]
    fn slots_round_trip_and_pair_up() {
        for slot in PairingSlot::ALL {
            assert_eq!(slot.to_string().parse::<PairingSlot>(), Ok(slot));
            assert_eq!(slot.counterpart().counterpart(), slot);
            assert_eq!(PairingSlot::ALL[slot.index()], slot);
        }
        for bad in ["A1", "a3", "c1", "", "a1 "] {
            assert_eq!(bad.parse::<PairingSlot>(), Err(ParseSlotError), "{bad:?}");
        }
    }
}
