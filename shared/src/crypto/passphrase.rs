//! Passphrases: Argon2id for the app lock's hash and for sealed backups' keys, and a strength
//! check (zxcvbn) before a passphrase is accepted.
//!
//! Parameters are stored with every hash and every backup, so they can grow later without
//! breaking what exists; parameters read back are bounded, so a damaged or hostile file can't
//! make the phone allocate gigabytes or spin for minutes.

use super::CryptoError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use zeroize::Zeroizing;

/// Argon2id cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

/// The most memory a stored parameter set may ask for (256 MiB).
const MAX_MEMORY_KIB: u32 = 256 * 1024;
/// The fewest KiB Argon2 accepts per lane, times eight.
const MIN_MEMORY_KIB: u32 = 8 * 1024;
const MAX_PASSES: u32 = 10;
const MAX_LANES: u32 = 4;
/// Salt length for new hashes and backups.
pub const SALT_LEN: usize = 16;

impl KdfParams {
    /// What this build uses for new lock hashes and backups: 64 MiB, 9 passes, 1 lane — an unlock
    /// takes about 0.43 s on this project's 2-core test machine (3 passes took 0.17 s and 6 took
    /// 0.26 s; see the `passphrase` benchmark), inside the 0.3–1 s a person accepts, and about a
    /// second on a phone's slower core. Memory stays at RFC 9106's 64 MiB, safe on older phones;
    /// the passes buy the time. One lane, since a phone hashes on one core. Stored hashes and
    /// backups carry their own parameters, so older ones still open.
    pub const CURRENT: KdfParams = KdfParams { m: 64 * 1024, t: 9, p: 1 };

    /// Refuse parameters outside what Mend has ever written.
    pub fn check(&self) -> Result<(), CryptoError> {
        let ok = (MIN_MEMORY_KIB..=MAX_MEMORY_KIB).contains(&self.m)
            && (1..=MAX_PASSES).contains(&self.t)
            && (1..=MAX_LANES).contains(&self.p);
        if ok {
            Ok(())
        } else {
            Err(CryptoError::KdfParams(format!("m={} KiB, t={}, p={}", self.m, self.t, self.p)))
        }
    }

    fn argon2(&self) -> Result<Argon2<'static>, CryptoError> {
        self.check()?;
        let params = Params::new(self.m, self.t, self.p, Some(32))
            .map_err(|e| CryptoError::KdfParams(e.to_string()))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// A fresh random salt.
pub fn random_salt() -> [u8; SALT_LEN] {
    let mut salt = [0u8; SALT_LEN];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    salt
}

/// A 256-bit key from `passphrase` and `salt` (sealed backups).
pub fn derive_key(
    passphrase: &str,
    salt: &[u8],
    params: &KdfParams,
) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let mut key = Zeroizing::new([0u8; 32]);
    params
        .argon2()?
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| CryptoError::KdfParams(e.to_string()))?;
    Ok(key)
}

/// An Argon2id hash of `secret` in the standard PHC string form (`$argon2id$v=19$m=…$salt$hash`),
/// which carries its salt and parameters.
pub fn hash_secret(secret: &str, params: &KdfParams) -> Result<String, CryptoError> {
    let salt = SaltString::encode_b64(&random_salt()).map_err(|_| CryptoError::BadHash)?;
    let hash = params.argon2()?.hash_password(secret.as_bytes(), &salt).map_err(|_| CryptoError::BadHash)?;
    Ok(hash.to_string())
}

/// Whether `secret` matches a hash made by [`hash_secret`] (compared in constant time).
pub fn verify_secret(phc: &str, secret: &str) -> Result<bool, CryptoError> {
    let hash = PasswordHash::new(phc).map_err(|_| CryptoError::BadHash)?;
    if hash.algorithm.as_str() != "argon2id" {
        return Err(CryptoError::BadHash);
    }
    let params = Params::try_from(&hash).map_err(|_| CryptoError::BadHash)?;
    let stored = KdfParams { m: params.m_cost(), t: params.t_cost(), p: params.p_cost() };
    let argon = stored.argon2()?;
    match argon.verify_password(secret.as_bytes(), &hash) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(_) => Err(CryptoError::BadHash),
    }
}

/// What a passphrase must be: its length in characters and zxcvbn score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The fewest characters.
    pub min_chars: usize,
    /// The most characters.
    pub max_chars: usize,
    /// The lowest zxcvbn score (0–4).
    pub min_score: u8,
}

/// Why a passphrase breaks a [`Rule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weakness {
    /// Fewer characters than the rule's minimum.
    TooShort(usize),
    /// More characters than the rule's maximum.
    TooLong(usize),
    /// Easy to guess, with zxcvbn's advice when it has some.
    TooEasy(Option<String>),
}

impl Rule {
    /// Check `passphrase` (with `known_words` counted as easy to guess) against the rule.
    pub fn check(&self, passphrase: &str, known_words: &[&str]) -> Result<(), Weakness> {
        let chars = passphrase.chars().count();
        if chars < self.min_chars {
            return Err(Weakness::TooShort(self.min_chars));
        }
        if chars > self.max_chars {
            return Err(Weakness::TooLong(self.max_chars));
        }
        let rated = strength(passphrase, known_words);
        if rated.score < self.min_score {
            return Err(Weakness::TooEasy(rated.advice));
        }
        Ok(())
    }
}

/// How hard a passphrase is to guess, on zxcvbn's 0–4 scale, with its advice in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// 0 (guessed at once) to 4 (very hard to guess).
    pub score: u8,
    /// What would make it stronger, when zxcvbn has advice.
    pub advice: Option<String>,
}

/// Rate `passphrase`, counting `known_words` (the partners' names, the app's name) as easy to guess.
pub fn strength(passphrase: &str, known_words: &[&str]) -> Strength {
    let entropy = zxcvbn::zxcvbn(passphrase, known_words);
    let advice = entropy.feedback().and_then(|f| {
        f.warning().map(|w| w.to_string()).or_else(|| f.suggestions().first().map(|s| s.to_string()))
    });
    Strength { score: u8::from(entropy.score()), advice }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lightest parameters `check` allows, so the unit tests stay quick.
    const LIGHT: KdfParams = KdfParams { m: MIN_MEMORY_KIB, t: 1, p: 1 };

    #[test]
    fn a_hash_verifies_only_its_own_secret_and_carries_its_parameters() {
        let phc = hash_secret("482913", &LIGHT).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=8192,t=1,p=1$"), "{phc}");
        assert!(verify_secret(&phc, "482913").unwrap());
        assert!(!verify_secret(&phc, "482914").unwrap());
        assert_ne!(phc, hash_secret("482913", &LIGHT).unwrap(), "every hash has its own salt");
    }

    #[test]
    fn a_hash_asking_for_too_much_memory_is_refused_before_any_work() {
        let phc = hash_secret("482913", &LIGHT).unwrap();
        let greedy = phc.replace("m=8192", "m=4194304");
        assert!(matches!(verify_secret(&greedy, "482913"), Err(CryptoError::KdfParams(_))));
        assert_eq!(verify_secret("not a hash", "482913"), Err(CryptoError::BadHash));
        let argon2i = phc.replace("$argon2id$", "$argon2i$");
        assert_eq!(verify_secret(&argon2i, "482913"), Err(CryptoError::BadHash));
    }

    #[test]
    fn derived_keys_depend_on_passphrase_salt_and_parameters() {
        let salt = random_salt();
        let key = derive_key("correct horse", &salt, &LIGHT).unwrap();
        assert_eq!(key, derive_key("correct horse", &salt, &LIGHT).unwrap());
        assert_ne!(key, derive_key("correct horsf", &salt, &LIGHT).unwrap());
        assert_ne!(key, derive_key("correct horse", &random_salt(), &LIGHT).unwrap());
        assert_ne!(key, derive_key("correct horse", &salt, &KdfParams { t: 2, ..LIGHT }).unwrap());
        assert!(derive_key("x", &salt, &KdfParams { m: 1 << 30, ..LIGHT }).is_err());
    }

    #[test]
    fn the_current_parameters_pass_their_own_bounds() {
        KdfParams::CURRENT.check().unwrap();
    }

    #[test]
    fn strength_rates_common_and_personal_words_low_and_long_phrases_high() {
        assert!(strength("password1", &[]).score <= 1);
        assert!(strength("anaandana", &["Ana"]).score <= 2);
        assert!(strength("lantern orchard velvet tuesday", &[]).score >= 4);
        assert!(strength("password", &[]).advice.is_some());
    }
}
