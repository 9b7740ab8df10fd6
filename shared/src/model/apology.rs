//! Apologies (what happened, its impact on my partner, my part, what I'll do) and the partner's
//! response.

use super::{ModelError, TextField};
use crate::ids::{ApologyId, PartnerId, PromiseId};
use crate::time::Stamp;
use autosurgeon::{Hydrate, Reconcile};

/// An apology, written by the partner who apologises; only they may edit it.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct Apology {
    /// Stable id.
    pub id: ApologyId,
    /// Who apologises.
    pub author: PartnerId,
    /// What happened, plainly.
    pub what_happened: String,
    /// The impact it had on the partner, as the author understands it.
    pub impact: String,
    /// The author's own part, without excuses.
    pub my_part: String,
    /// What the author will do differently.
    pub will_do: String,
    /// A promise made from this apology, if any.
    pub promise: Option<PromiseId>,
    /// When it was written.
    pub created_at: Stamp,
    /// When it last changed.
    pub updated_at: Stamp,
}

/// What the apology composer submits, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApologyDraft {
    /// What happened.
    pub what_happened: String,
    /// Its impact on my partner, as I understand it.
    pub impact: String,
    /// My part.
    pub my_part: String,
    /// What I will do differently.
    pub will_do: String,
}

impl ApologyDraft {
    /// Check every part; all four are needed for a sincere apology.
    pub fn validate(&self) -> Result<[String; 4], ModelError> {
        let part = |field: &'static str, v: &str| {
            TextField::ApologyPart.clean(v).map_err(|e| match e {
                ModelError::EmptyText { .. } => ModelError::EmptyText { field },
                ModelError::TooLong { len, max, .. } => ModelError::TooLong { field, len, max },
                ModelError::ControlCharacters { .. } => ModelError::ControlCharacters { field },
                other => other,
            })
        };
        Ok([
            part("what happened", &self.what_happened)?,
            part("its impact on your partner", &self.impact)?,
            part("my part", &self.my_part)?,
            part("what I will do differently", &self.will_do)?,
        ])
    }
}

/// How the partner responds to an apology: in their own time, with no pressure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseKind {
    /// "I hear you."
    HearYou,
    /// "I'm not ready yet."
    NotReadyYet,
    /// The partner's own words.
    Words,
}

impl ResponseKind {
    /// All kinds, in the order the app offers them.
    pub const ALL: [ResponseKind; 3] =
        [ResponseKind::HearYou, ResponseKind::NotReadyYet, ResponseKind::Words];

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            ResponseKind::HearYou => "I hear you",
            ResponseKind::NotReadyYet => "I'm not ready yet",
            ResponseKind::Words => "In my own words",
        }
    }
}

/// The other partner's response to an apology; they may change it at any time.
#[derive(Debug, Clone, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize)]
pub struct ApologyResponse {
    /// Which apology.
    pub apology: ApologyId,
    /// Who responds.
    pub by: PartnerId,
    /// I hear you, not ready yet, or words.
    pub kind: ResponseKind,
    /// Their words (required for [`ResponseKind::Words`], optional otherwise).
    pub text: String,
    /// When.
    pub at: Stamp,
}

impl ApologyResponse {
    /// Validate a response's words for its kind.
    pub fn clean_text(kind: ResponseKind, text: &str) -> Result<String, ModelError> {
        let text = TextField::ResponseWords.clean(text)?;
        if kind == ResponseKind::Words && text.is_empty() {
            return Err(ModelError::WordsRequired(kind.label()));
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_an_apology_is_needed_and_named_in_the_error() {
        let mut d = ApologyDraft {
            what_happened: "I hid the messages.".into(),
            impact: "You felt deceived.".into(),
            my_part: "I chose to hide them.".into(),
            will_do: String::new(),
        };
        assert_eq!(d.validate(), Err(ModelError::EmptyText { field: "what I will do differently" }));
        d.will_do = "Tell you first.".into();
        assert!(d.validate().is_ok());
    }

    #[test]
    fn a_response_in_words_needs_words() {
        assert_eq!(
            ApologyResponse::clean_text(ResponseKind::Words, " "),
            Err(ModelError::WordsRequired("In my own words"))
        );
        assert_eq!(ApologyResponse::clean_text(ResponseKind::NotReadyYet, "").unwrap(), "");
    }
}
