//! Today's check-in: mood, trust and three short optional prompts, editable all day.

use super::{FieldError, FormError, MoodPicker, TextInput, TrustPicker};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::model::{CheckInDraft, TextField};

/// The prompts under mood and trust, with the field names mend-shared uses in its messages.
const PROMPTS: [(&str, &str, TextField); 3] = [
    ("feel", "What I feel", TextField::Feel),
    ("need", "What I need", TextField::Need),
    ("appreciate", "What I appreciate", TextField::Appreciate),
];

/// The check-in form for today.
#[component]
pub fn CheckInCard() -> Element {
    let app = use_app();
    // The day this form is for. If the form stays open past midnight, its answers still belong
    // to that day: mend-shared's today moves on, the form's day doesn't.
    let mut day = use_signal(|| app.peek(|s| s.today()));
    let form_day = day();
    let (today, partner) = app.read(|s| (s.today(), s.partner().map(|p| p.name.clone())));
    let saved =
        app.read(|s| s.my_id().and_then(|me| s.shared().checkin(form_day, me)).map(CheckInDraft::from));
    let mut draft = use_signal(|| {
        saved.clone().unwrap_or_else(|| {
            // Start the slider where I left it last time: today is usually close to yesterday.
            let trust = app.peek(|s| {
                s.my_id().and_then(|me| s.shared().checkins_of(me).last()).map(|c| i64::from(c.trust))
            });
            CheckInDraft { mood: 0, trust: trust.unwrap_or(5), ..Default::default() }
        })
    });
    let mut error = use_signal(FormError::none);
    let mut moved_on = use_signal(|| None::<String>);
    let current = draft();
    let mood_chosen = (1..=5).contains(&current.mood);
    let status = match &saved {
        Some(s) if *s == current => "Saved",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let texts = PROMPTS.map(|(id, _, field)| {
        let value = match id {
            "feel" => current.feel.clone(),
            "need" => current.need.clone(),
            _ => current.appreciate.clone(),
        };
        (value, error.read().for_field(field.limit().field))
    });
    let known: Vec<&str> =
        ["mood", "trust"].into_iter().chain(PROMPTS.iter().map(|(_, _, f)| f.limit().field)).collect();

    let save = move |_| {
        // Check the day under the same lock as the save, so midnight can't slip in between.
        let result = app.edit(|s| {
            let now = s.today();
            s.save_checkin_for(form_day, draft()).map(|checkin| (checkin, now))
        });
        match result {
            Ok((checkin, now)) if now == form_day => {
                // Show what was stored (texts trimmed), so the form reads "Saved".
                draft.set(CheckInDraft::from(&checkin));
                error.set(FormError::none());
                moved_on.set(None);
            }
            Ok((_, now)) => {
                // Saved where it belongs; a fresh form for the new day takes its place.
                moved_on.set(Some(format!(
                    "Saved for {} — it's a new day now, so here is today's check-in.",
                    words::long_day(form_day)
                )));
                error.set(FormError::none());
                day.set(now);
                let trust = draft.peek().trust;
                draft.set(CheckInDraft { mood: 0, trust, ..Default::default() });
            }
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };

    rsx! {
        section { class: "card checkin", "aria-labelledby": "checkin-title",
            h2 { id: "checkin-title", "Today's check-in" }
            if form_day != today {
                p { id: "checkin-day", class: "notice", role: "status",
                    "It's past midnight: this form is still for {words::long_day(form_day)}, and saving keeps it there."
                }
            }
            if let Some(message) = moved_on() {
                p { id: "checkin-moved-on", class: "save-status", role: "status", "{message}" }
            }
            MoodPicker {
                value: u8::try_from(current.mood).unwrap_or(0),
                onchange: move |m: u8| draft.write().mood = i64::from(m),
            }
            FieldError { id: "mood-error", message: error.read().for_field("mood") }
            TrustPicker {
                partner,
                value: u8::try_from(current.trust).unwrap_or(0),
                onchange: move |t: u8| draft.write().trust = i64::from(t),
            }
            FieldError { id: "trust-error", message: error.read().for_field("trust") }
            for ((id, label, _), (value, field_error)) in PROMPTS.into_iter().zip(texts) {
                TextInput {
                    key: "{id}",
                    id,
                    label: "{label} (optional)",
                    value,
                    multiline: true,
                    error: field_error,
                    oninput: move |v: String| {
                        let mut d = draft.write();
                        match id {
                            "feel" => d.feel = v,
                            "need" => d.need = v,
                            _ => d.appreciate = v,
                        }
                    },
                }
            }
            div { class: "form-actions",
                button {
                    id: "checkin-save",
                    r#type: "button",
                    class: "primary",
                    disabled: !mood_chosen,
                    onclick: save,
                    if saved.is_some() { "Update check-in" } else { "Save check-in" }
                }
                p { id: "checkin-status", class: "save-status", role: "status", "{status}" }
            }
            if !mood_chosen {
                p { class: "hint", "Choose a mood to save your check-in." }
            }
            FieldError { id: "checkin-error", message: error.read().rest(&known) }
        }
    }
}
