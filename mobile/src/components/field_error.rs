//! A form's error shown next to the field it concerns, in mend-shared's own words.

use dioxus::prelude::*;
use mend_shared::model::ModelError;
use mend_shared::session::SessionError;

/// What went wrong with a form, kept so each field can pick out what concerns it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormError {
    field: Option<&'static str>,
    message: Option<String>,
}

impl FormError {
    /// No error.
    pub fn none() -> Self {
        FormError::default()
    }

    /// The error a session operation returned (nothing was saved).
    pub fn from_session(error: &SessionError) -> Self {
        match error.as_invalid() {
            Some(invalid) => FormError { field: field_of(invalid), message: Some(invalid.to_string()) },
            None => FormError { field: None, message: Some(format!("nothing was saved: {error}")) },
        }
    }

    /// A message for one field, from the form itself (an unreadable date, say).
    pub fn at(field: &'static str, message: impl Into<String>) -> Self {
        FormError { field: Some(field), message: Some(message.into()) }
    }

    /// The message for the field mend-shared calls `field` ("the promise", "name", "mood"…).
    pub fn for_field(&self, field: &str) -> Option<String> {
        self.message.clone().filter(|_| self.field == Some(field))
    }

    /// The message, unless it belongs next to one of `fields`.
    pub fn rest(&self, fields: &[&str]) -> Option<String> {
        self.message.clone().filter(|_| self.field.is_none_or(|f| !fields.contains(&f)))
    }
}

/// The field an error message is about, by the name mend-shared uses for it.
fn field_of(error: &ModelError) -> Option<&'static str> {
    match error {
        ModelError::EmptyText { field }
        | ModelError::TooLong { field, .. }
        | ModelError::ControlCharacters { field } => Some(field),
        ModelError::MoodOutOfRange(_) => Some("mood"),
        ModelError::TrustOutOfRange(_) => Some("trust"),
        ModelError::TimesPerWeekOutOfRange(_) => Some("times per week"),
        ModelError::DueDateInPast { .. } => Some("due date"),
        _ => None,
    }
}

/// An error message (or nothing), announced to screen readers when it appears.
#[component]
pub fn FieldError(id: String, message: Option<String>) -> Element {
    rsx! {
        if let Some(message) = message {
            p { id, class: "field-error", role: "alert", "{message}" }
        }
    }
}
