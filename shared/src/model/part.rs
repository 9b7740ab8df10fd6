//! Each partner's part in what broke trust: chosen privately, changed at any time, and seen by
//! the other partner only if its owner decides to share it.
//!
//! The choice lives in this phone's private document ([`PartChoice`]). Only while its owner has
//! sharing turned on does a copy sit in the couple's shared document ([`SharedPart`]); turning
//! sharing off removes it again. The part changes what the guide says and which exercise leads,
//! never what is kept: choosing another part deletes nothing anyone wrote.

use crate::ids::PartnerId;
use crate::time::Stamp;
use autosurgeon::{Hydrate, HydrateError, Reconcile, Reconciler};
use std::fmt;
use std::str::FromStr;

/// A partner's part in the breakdown of trust, in their own choice of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// "I was hurt."
    Hurt,
    /// "I broke trust."
    BrokeTrust,
    /// "We both did, in different ways."
    Both,
    /// "I'd rather not say": the guide speaks to both parts at once, as it always has.
    RatherNotSay,
}

/// How step 4 (apologies) opens for a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApologyLead {
    /// The apology composer comes first: for the partner who broke trust, or both.
    Writing,
    /// Receiving an apology, and "what I'd need to hear", come first: for the partner who was hurt.
    Receiving,
}

impl Part {
    /// Every part, in the order the app offers them.
    pub const ALL: [Part; 4] = [Part::Hurt, Part::BrokeTrust, Part::Both, Part::RatherNotSay];

    /// The part as its owner says it.
    pub const fn label(self) -> &'static str {
        match self {
            Part::Hurt => "I was hurt",
            Part::BrokeTrust => "I broke trust",
            Part::Both => "We both did, in different ways",
            Part::RatherNotSay => "I'd rather not say",
        }
    }

    /// The stable kebab-case name stored in documents, e.g. `"broke-trust"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Hurt => "hurt",
            Part::BrokeTrust => "broke-trust",
            Part::Both => "both",
            Part::RatherNotSay => "rather-not-say",
        }
    }

    /// The part as the other partner reads it once shared: "Ana: I broke trust".
    pub fn as_shared_by(self, name: &str) -> String {
        format!("{name}: {}", self.label())
    }

    /// Whether this part writes questions in "Questions I need answered": the partner who was
    /// hurt, or either partner when both broke trust or the part is not said. The partner who
    /// broke trust answers.
    pub const fn asks_questions(self) -> bool {
        !matches!(self, Part::BrokeTrust)
    }

    /// Which side of step 4 comes first.
    pub const fn apology_lead(self) -> ApologyLead {
        match self {
            Part::Hurt => ApologyLead::Receiving,
            Part::BrokeTrust | Part::Both | Part::RatherNotSay => ApologyLead::Writing,
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown part: {0:?} (expected hurt, broke-trust, both or rather-not-say)")]
pub struct UnknownPart(
    /// The text that was not a part's name.
    pub String,
);

impl FromStr for Part {
    type Err = UnknownPart;

    /// Parse the kebab-case name from [`Part::as_str`]; exact match only.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Part::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownPart(s.chars().take(40).collect()))
    }
}

impl Reconcile for Part {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.str(self.as_str())
    }
}

impl Hydrate for Part {
    fn hydrate_string(s: &str) -> Result<Self, HydrateError> {
        s.parse().map_err(|e: UnknownPart| HydrateError::unexpected("a part", e.0))
    }
}

/// My part, as kept in this phone's private document: never synced. `shared` is the one toggle
/// that puts a copy in the couple's document; it is off until its owner turns it on.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct PartChoice {
    /// The part chosen.
    pub part: Part,
    /// Whether my partner may see it.
    pub shared: bool,
    /// When it was last chosen or the toggle last changed.
    pub at: Stamp,
}

impl PartChoice {
    /// Its natural key in the private document (`part/mine`).
    pub const KEY: &'static str = "mine";
}

/// A partner's part, in the couple's shared document only while its owner shares it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct SharedPart {
    /// Whose part.
    pub partner: PartnerId,
    /// Their part.
    pub part: Part,
    /// When they last shared or changed it.
    pub at: Stamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip_through_their_names_and_refuse_others() {
        for part in Part::ALL {
            assert_eq!(part.as_str().parse::<Part>(), Ok(part));
            let json = serde_json::to_string(&part).unwrap();
            assert_eq!(json, format!("\"{}\"", part.as_str()));
        }
        let err = "victim".parse::<Part>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown part: \"victim\" (expected hurt, broke-trust, both or rather-not-say)"
        );
    }

    #[test]
    fn only_the_partner_who_broke_trust_answers_rather_than_asks() {
        let askers: Vec<Part> = Part::ALL.into_iter().filter(|p| p.asks_questions()).collect();
        assert_eq!(askers, [Part::Hurt, Part::Both, Part::RatherNotSay]);
    }

    #[test]
    fn step_four_leads_with_receiving_only_for_the_partner_who_was_hurt() {
        for part in Part::ALL {
            let expected = if part == Part::Hurt { ApologyLead::Receiving } else { ApologyLead::Writing };
            assert_eq!(part.apology_lead(), expected, "{part}");
        }
    }
}
