//! What makes a PIN or passphrase acceptable for the lock.

use super::{LockError, LockKind};
use crate::crypto::passphrase::{Rule, Weakness};

/// The fewest digits in a PIN.
pub const MIN_PIN_DIGITS: usize = 6;
/// The fewest characters in a lock passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The most characters in either.
const MAX_CHARS: usize = 256;
/// zxcvbn's score a lock passphrase needs (3: about 10^8 guesses or more). A lock also has waits
/// between tries, so it needs less than a backup's passphrase.
const LOCK_SCORE: u8 = 3;

/// Check a new secret typed twice.
pub(super) fn check_new_secret(
    kind: LockKind,
    secret: &str,
    confirm: &str,
    known_words: &[&str],
) -> Result<(), LockError> {
    let chars = secret.chars().count();
    if chars > MAX_CHARS {
        return Err(LockError::TooLong { max: MAX_CHARS });
    }
    match kind {
        LockKind::Pin => {
            if !secret.chars().all(|c| c.is_ascii_digit()) {
                return Err(LockError::PinNotDigits);
            }
            if chars < MIN_PIN_DIGITS {
                return Err(LockError::PinTooShort { min: MIN_PIN_DIGITS });
            }
            if follows_a_pattern(secret.as_bytes()) {
                return Err(LockError::PinTooEasy);
            }
        }
        LockKind::Passphrase => {
            let rule = Rule { min_chars: MIN_PASSPHRASE_CHARS, max_chars: MAX_CHARS, min_score: LOCK_SCORE };
            rule.check(secret, known_words).map_err(|weak| match weak {
                Weakness::TooShort(min) => LockError::PassphraseTooShort { min },
                Weakness::TooLong(max) => LockError::TooLong { max },
                Weakness::TooEasy(advice) => LockError::PassphraseTooEasy { advice },
            })?;
        }
    }
    if secret != confirm {
        return Err(LockError::Mismatch);
    }
    Ok(())
}

/// All one digit, or every step up or down by one (123456, 987654).
fn follows_a_pattern(digits: &[u8]) -> bool {
    let steps: Vec<i16> = digits.windows(2).map(|w| i16::from(w[1]) - i16::from(w[0])).collect();
    steps.iter().all(|&d| d == 0) || steps.iter().all(|&d| d == 1) || steps.iter().all(|&d| d == -1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_must_be_six_or_more_digits_without_an_obvious_pattern() {
        let pin = |s: &str| check_new_secret(LockKind::Pin, s, s, &[]);
        assert!(pin("482913").is_ok());
        assert!(pin("4829130057").is_ok());
        assert!(matches!(pin("48291"), Err(LockError::PinTooShort { min: 6 })));
        assert!(matches!(pin("48291a"), Err(LockError::PinNotDigits)));
        assert!(matches!(pin("４８２９１３"), Err(LockError::PinNotDigits)), "full-width digits");
        for easy in ["000000", "123456", "987654", "2345678"] {
            assert!(matches!(pin(easy), Err(LockError::PinTooEasy)), "{easy}");
        }
    }

    #[test]
    fn both_entries_must_match() {
        assert!(matches!(check_new_secret(LockKind::Pin, "482913", "482931", &[]), Err(LockError::Mismatch)));
    }

    #[test]
    fn a_passphrase_must_be_long_enough_and_not_built_from_names() {
        let phrase = |s: &str, words: &[&str]| check_new_secret(LockKind::Passphrase, s, s, words);
        assert!(phrase("quiet harbor lantern", &[]).is_ok());
        assert!(matches!(phrase("short", &[]), Err(LockError::PassphraseTooShort { min: 8 })));
        assert!(matches!(phrase("password", &[]), Err(LockError::PassphraseTooEasy { .. })));
        assert!(matches!(phrase("anaandana", &["Ana"]), Err(LockError::PassphraseTooEasy { .. })));
        assert!(matches!(phrase(&"x".repeat(300), &[]), Err(LockError::TooLong { max: 256 })));
    }
}
