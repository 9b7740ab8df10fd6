//! Length and content rules for every text field, in one table.

use super::ModelError;

/// A text field's name and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLimit {
    /// Human name used in error messages.
    pub field: &'static str,
    /// Maximum length in characters.
    pub max: usize,
    /// Whether the field may be left empty.
    pub required: bool,
}

/// Every text field Mend stores, with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// A partner's display name.
    Name,
    /// The check-in's "what I feel".
    Feel,
    /// The check-in's "what I need".
    Need,
    /// The check-in's "what I appreciate".
    Appreciate,
    /// A promise's title.
    PromiseTitle,
    /// Why the promise matters.
    PromiseWhy,
    /// A note on an outcome or acknowledgement.
    Note,
    /// A journal entry's optional title.
    JournalTitle,
    /// A journal entry's body.
    JournalBody,
    /// One part of an apology.
    ApologyPart,
    /// An apology response's words.
    ResponseWords,
    /// A guide reflection or exercise answer.
    Reflection,
    /// What "something else" is, in the root-cause exercise.
    RootCauseOther,
    /// A partner's view of what broke trust, in the root-cause exercise.
    RootCauseView,
    /// The weekly talk's "what I felt".
    TalkFelt,
    /// The weekly talk's "what I need".
    TalkNeed,
    /// The reply to a partner's weekly talk.
    TalkReply,
    /// An "I want you to know" note or a "this week I need…" request.
    ExerciseNote,
    /// The closing reflection on the whole guide.
    ClosingReflection,
    /// A question in "Questions I need answered".
    Question,
    /// The answer to such a question.
    Answer,
}

impl TextField {
    /// This field's limits.
    pub const fn limit(self) -> TextLimit {
        let (field, max, required) = match self {
            TextField::Name => ("name", 40, true),
            TextField::Feel => ("what you feel", 500, false),
            TextField::Need => ("what you need", 500, false),
            TextField::Appreciate => ("what you appreciate", 500, false),
            TextField::PromiseTitle => ("the promise", 120, true),
            TextField::PromiseWhy => ("why it matters", 500, false),
            TextField::Note => ("the note", 500, false),
            TextField::JournalTitle => ("the title", 120, false),
            TextField::JournalBody => ("the entry", 20_000, true),
            TextField::ApologyPart => ("each part of the apology", 2_000, true),
            TextField::ResponseWords => ("your response", 2_000, false),
            TextField::Reflection => ("your answer", 5_000, true),
            TextField::RootCauseOther => ("what else you see", 300, false),
            TextField::RootCauseView => ("your view", 5_000, true),
            TextField::TalkFelt => ("what you felt", 2_000, true),
            TextField::TalkNeed => ("what you need", 2_000, true),
            TextField::TalkReply => ("your reply", 2_000, true),
            TextField::ExerciseNote => ("your note", 2_000, true),
            TextField::ClosingReflection => ("your closing reflection", 5_000, true),
            TextField::Question => ("your question", 1_000, true),
            TextField::Answer => ("your answer", 5_000, true),
        };
        TextLimit { field, max, required }
    }

    /// Trim `value` and check it against this field's rules, returning the text to store.
    pub fn clean(self, value: &str) -> Result<String, ModelError> {
        let TextLimit { field, max, required } = self.limit();
        let trimmed = value.trim();
        if required && trimmed.is_empty() {
            return Err(ModelError::EmptyText { field });
        }
        let len = trimmed.chars().count();
        if len > max {
            return Err(ModelError::TooLong { field, len, max });
        }
        if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
            return Err(ModelError::ControlCharacters { field });
        }
        Ok(trimmed.replace("\r\n", "\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_rejects_blank_input() {
        assert_eq!(TextField::PromiseTitle.clean("   "), Err(ModelError::EmptyText { field: "the promise" }));
        assert_eq!(TextField::Feel.clean("  ").unwrap(), "");
    }

    #[test]
    fn over_long_text_reports_its_length_and_limit() {
        let long = "é".repeat(121);
        assert_eq!(
            TextField::PromiseTitle.clean(&long),
            Err(ModelError::TooLong { field: "the promise", len: 121, max: 120 })
        );
        assert!(TextField::PromiseTitle.clean(&"é".repeat(120)).is_ok());
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept() {
        assert!(TextField::JournalBody.clean("a\u{0}b").is_err());
        assert_eq!(TextField::JournalBody.clean(" line one\r\nline two ").unwrap(), "line one\nline two");
    }
}
