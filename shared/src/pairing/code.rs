//! Pairing codes: `nameplate-word-word-word`, generated from the word list and parsed leniently.

use super::PairingError;
use super::words::WORDS;
use crate::protocol::Nameplate;
use rand::Rng;
use std::fmt;
use std::str::FromStr;

/// How many words follow the nameplate.
const WORD_COUNT: usize = 3;

/// A pairing code: the relay nameplate and three words.
#[derive(Clone, PartialEq, Eq)]
pub struct PairingCode {
    nameplate: Nameplate,
    words: [&'static str; WORD_COUNT],
}

impl PairingCode {
    /// A new code on `nameplate` with random words.
    pub fn generate(nameplate: Nameplate) -> Self {
        let mut rng = rand::rngs::OsRng;
        let words = std::array::from_fn(|_| WORDS[rng.gen_range(0..WORDS.len())]);
        Self { nameplate, words }
    }

    /// The relay nameplate.
    pub fn nameplate(&self) -> Nameplate {
        self.nameplate
    }

    /// The SPAKE2 password: the whole code, so a wrong nameplate also fails the exchange.
    pub(crate) fn password(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }
}

impl fmt::Display for PairingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.nameplate, self.words.join("-"))
    }
}

/// Codes are secrets for ten minutes: keep them out of logs.
impl fmt::Debug for PairingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PairingCode({}-…)", self.nameplate)
    }
}

impl FromStr for PairingCode {
    type Err = PairingError;

    /// Accepts spaces, hyphens or both between parts, any case, and stray whitespace.
    fn from_str(s: &str) -> Result<Self, PairingError> {
        let parts: Vec<String> = s
            .split(|c: char| c == '-' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .map(|p| p.to_lowercase())
            .collect();
        if parts.len() != WORD_COUNT + 1 {
            return Err(PairingError::MalformedCode);
        }
        let nameplate: Nameplate = parts[0].parse().map_err(|_| PairingError::MalformedCode)?;
        let mut words = [""; WORD_COUNT];
        for (slot, part) in words.iter_mut().zip(&parts[1..]) {
            *slot = WORDS
                .iter()
                .find(|w| **w == part.as_str())
                .copied()
                .ok_or_else(|| PairingError::UnknownWord(part.chars().take(24).collect()))?;
        }
        Ok(Self { nameplate, words })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plate(n: u16) -> Nameplate {
        Nameplate::new(n).unwrap()
    }

    #[test]
    fn a_generated_code_reads_back_as_itself() {
        let code = PairingCode::generate(plate(7));
        let text = code.to_string();
        assert!(text.starts_with("7-"));
        assert_eq!(text.split('-').count(), 4);
        assert_eq!(text.parse::<PairingCode>().unwrap(), code);
    }

    #[test]
    fn typed_codes_are_forgiving_about_case_and_separators() {
        let code: PairingCode = "  12 Harbor-lantern  QUIET ".parse().unwrap();
        assert_eq!(code.to_string(), "12-harbor-lantern-quiet");
    }

    #[test]
    fn bad_codes_say_what_is_wrong() {
        assert_eq!("harbor-lantern-quiet".parse::<PairingCode>(), Err(PairingError::MalformedCode));
        assert_eq!("7-harbor-lantern".parse::<PairingCode>(), Err(PairingError::MalformedCode));
        assert_eq!("0-harbor-lantern-quiet".parse::<PairingCode>(), Err(PairingError::MalformedCode));
        assert_eq!(
            "7-harbor-lanturn-quiet".parse::<PairingCode>(),
            Err(PairingError::UnknownWord("lanturn".into()))
        );
    }

    #[test]
    fn the_word_list_has_256_distinct_lowercase_words() {
        let mut sorted = WORDS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 256);
        assert!(WORDS.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn codes_stay_out_of_debug_output() {
        let code: PairingCode = "7-harbor-lantern-quiet".parse().unwrap();
        assert_eq!(format!("{code:?}"), "PairingCode(7-…)");
    }
}
