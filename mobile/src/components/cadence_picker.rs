//! Choosing how often a promise is kept — every day, some days a week, or once by a date — used
//! by the promise form and by the apology composer's linked promise.

use super::{FieldError, FormError};
use dioxus::prelude::*;
use mend_shared::model::Cadence;
use mend_shared::time::Day;

/// Which kind of cadence is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rhythm {
    /// Every day.
    Daily,
    /// Some days a week.
    Weekly,
    /// Once, by a date.
    Once,
}

const RHYTHMS: [(Rhythm, &str, &str); 3] = [
    (Rhythm::Daily, "daily", "Every day"),
    (Rhythm::Weekly, "weekly", "Some days a week"),
    (Rhythm::Once, "once", "Once, by a date"),
];

/// A cadence as the form holds it while it is being chosen (the date as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceChoice {
    /// The kind.
    pub rhythm: Rhythm,
    /// Days a week, for [`Rhythm::Weekly`].
    pub times: u8,
    /// The due date as typed, for [`Rhythm::Once`].
    pub due: String,
}

impl CadenceChoice {
    /// Start from an existing cadence, or from "every day" (with a due date a week out).
    pub fn new(initial: Option<Cadence>, today: Day) -> Self {
        match initial {
            Some(Cadence::PerWeek { times }) => {
                CadenceChoice { rhythm: Rhythm::Weekly, times, due: today.plus_days(7).to_string() }
            }
            Some(Cadence::OneOff { due }) => {
                CadenceChoice { rhythm: Rhythm::Once, times: 3, due: due.to_string() }
            }
            _ => CadenceChoice { rhythm: Rhythm::Daily, times: 3, due: today.plus_days(7).to_string() },
        }
    }

    /// The chosen cadence, or the error to show by the date field.
    pub fn cadence(&self) -> Result<Cadence, FormError> {
        Ok(match self.rhythm {
            Rhythm::Daily => Cadence::Daily,
            Rhythm::Weekly => Cadence::PerWeek { times: self.times },
            Rhythm::Once => match self.due.parse::<Day>() {
                Ok(due) => Cadence::OneOff { due },
                Err(_) => return Err(FormError::at("due date", "choose the date to keep it by")),
            },
        })
    }
}

/// The rhythm buttons (`{cadence_id}-daily|weekly|once`) and, as needed, the days-a-week select
/// (`{field_id}-times`) or the date (`{field_id}-due`), each with its error beside it.
#[component]
pub fn CadencePicker(
    choice: Signal<CadenceChoice>,
    cadence_id: String,
    field_id: String,
    today: Day,
    error: FormError,
) -> Element {
    let rhythm = choice.read().rhythm;
    let times = choice.read().times;
    let due = choice.read().due.clone();
    rsx! {
        fieldset { class: "choice-group",
            legend { "How often?" }
            div { class: "choice-row",
                for (r, key, label) in RHYTHMS {
                    button {
                        key: "{key}",
                        id: "{cadence_id}-{key}",
                        r#type: "button",
                        class: "choice",
                        "aria-pressed": "{rhythm == r}",
                        onclick: move |_| choice.write().rhythm = r,
                        "{label}"
                    }
                }
            }
        }
        if rhythm == Rhythm::Weekly {
            div { class: "field",
                label { r#for: "{field_id}-times", "Days a week" }
                select {
                    id: "{field_id}-times",
                    onchange: move |e: FormEvent| {
                        if let Ok(n) = e.value().parse::<u8>() {
                            choice.write().times = n;
                        }
                    },
                    for n in 1..=7u8 {
                        option { key: "{n}", value: "{n}", selected: times == n, "{n}" }
                    }
                }
                FieldError { id: "{field_id}-times-error", message: error.for_field("times per week") }
            }
        }
        if rhythm == Rhythm::Once {
            div { class: "field",
                label { r#for: "{field_id}-due", "Keep it by" }
                input {
                    id: "{field_id}-due",
                    r#type: "date",
                    min: "{today}",
                    value: "{due}",
                    oninput: move |e: FormEvent| choice.write().due = e.value(),
                }
                FieldError { id: "{field_id}-due-error", message: error.for_field("due date") }
            }
        }
    }
}
