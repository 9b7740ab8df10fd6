//! Typed identifiers: UUIDs as text, so they are readable in documents and never collide.

use autosurgeon::{Hydrate, HydrateError, Reconcile, Reconciler};
use std::fmt;
use std::str::FromStr;

/// A string that is not a valid identifier of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid {kind} id: {value:?}")]
pub struct BadId {
    /// Which kind of id was expected.
    pub kind: &'static str,
    /// The rejected text (truncated).
    pub value: String,
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// A fresh random id.
            pub fn random() -> Self {
                Self(uuid::Uuid::new_v4().to_string())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = BadId;
            fn from_str(s: &str) -> Result<Self, BadId> {
                match uuid::Uuid::parse_str(s) {
                    // Normalise to the lowercase hyphenated form so keys built from ids are stable.
                    Ok(u) => Ok(Self(u.to_string())),
                    Err(_) => Err(BadId { kind: $kind, value: s.chars().take(64).collect() }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = BadId;
            fn try_from(s: String) -> Result<Self, BadId> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Reconcile for $name {
            type Key<'a> = autosurgeon::reconcile::NoKey;
            fn reconcile<R: Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
                reconciler.str(&self.0)
            }
        }

        impl Hydrate for $name {
            fn hydrate_string(s: &str) -> Result<Self, HydrateError> {
                s.parse().map_err(|e: BadId| HydrateError::unexpected(concat!("a ", $kind, " id"), e.value))
            }
        }
    };
}

uuid_id!(
    /// One of the two partners.
    PartnerId,
    "partner"
);
uuid_id!(
    /// A promise in the shared tracker.
    PromiseId,
    "promise"
);
uuid_id!(
    /// A journal entry, shared or private.
    EntryId,
    "journal entry"
);
uuid_id!(
    /// An apology.
    ApologyId,
    "apology"
);
uuid_id!(
    /// A guided-exercise entry (talk, disclosure, support request, root-cause view…).
    ExerciseEntryId,
    "exercise entry"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_normalise_and_reject_garbage() {
        let id = PartnerId::random();
        let upper = id.as_str().to_uppercase();
        assert_eq!(upper.parse::<PartnerId>().unwrap(), id);
        let err = "not-a-uuid".parse::<PromiseId>().unwrap_err();
        assert_eq!(err.to_string(), "not a valid promise id: \"not-a-uuid\"");
    }

    #[test]
    fn ids_round_trip_through_serde() {
        let id = EntryId::random();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(serde_json::from_str::<EntryId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<EntryId>("\"x\"").is_err());
    }
}
