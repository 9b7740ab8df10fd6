//! Apologies: writing one, reading both partners', and responding to my partner's — "I hear
//! you", "I'm not ready yet" or in my own words — whenever I am ready, with no deadline. For the
//! partner who broke trust (or both) the composer leads; for the partner who was hurt, receiving
//! an apology and "what I'd need to hear" come first.

use super::{ApologyComposer, FieldError, FormError, ReflectionField, TextInput, show_from_top};
use crate::Route;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::guide::NEED_TO_HEAR_PROMPT;
use mend_shared::ids::ApologyId;
use mend_shared::model::{ApologyLead, ModelError, ResponseKind, TextField};

/// The apology composer and every apology, newest first, led as `lead` says.
#[component]
pub fn Apologies(lead: ApologyLead) -> Element {
    let app = use_app();
    let mut composing = use_signal(|| false);
    let mut status = use_signal(|| None::<String>);
    let (ids, partner) = app.read(|s| {
        let ids: Vec<ApologyId> =
            s.shared().apologies_newest_first().into_iter().map(|a| a.id.clone()).collect();
        (ids, s.partner().map(|p| p.name.clone()).unwrap_or_else(|| "your partner".to_string()))
    });
    let receiving = lead == ApologyLead::Receiving;
    // The composer sits first or last, depending on the lead.
    let compose = move || {
        rsx! {
            if composing() {
                ApologyComposer {
                    on_done: move |saved: Option<String>| {
                        composing.set(false);
                        status.set(saved);
                    },
                }
            } else {
                button {
                    id: "apology-new",
                    r#type: "button",
                    class: if receiving { "wide" } else { "primary wide" },
                    onclick: move |_| {
                        status.set(None);
                        composing.set(true);
                    },
                    if receiving { "Write an apology of your own" } else { "Write an apology" }
                }
            }
            if let Some(message) = status() {
                p { id: "apology-status", class: "save-status", role: "status", "{message}" }
            }
        }
    };
    rsx! {
        section { class: "card exercise-panel apologies", "aria-labelledby": "apologies-title",
            h2 { id: "apologies-title", if receiving { "When an apology comes" } else { "Apologies" } }
            if receiving {
                p { id: "apology-receiving", class: "hint",
                    "When {partner}'s apology arrives, read it in your own time. You can answer “I hear you”, “I'm not ready yet”, or in your own words — or not yet. Before it comes, you can tell {partner} what you'd need to hear."
                }
                div { id: "need-to-hear", class: "need-to-hear",
                    h3 { "What I'd need to hear" }
                    ReflectionField { prompt_id: NEED_TO_HEAR_PROMPT }
                }
            } else {
                {compose()}
            }
            if ids.is_empty() {
                p { class: "quiet", "No apologies yet. When one of you is ready to write one, it shows here." }
            }
            for id in ids {
                ApologyCard { key: "{id}", id }
            }
            if receiving {
                {compose()}
            }
        }
    }
}

/// One apology with its linked promise and the response to it.
#[component]
fn ApologyCard(id: ApologyId) -> Element {
    let app = use_app();
    let mut editing = use_signal(|| false);
    let info = app.read(|s| {
        let a = s.shared().apologies.get(id.as_str())?.clone();
        let mine = s.my_id() == Some(&a.author);
        let author = if mine {
            "Your apology".to_string()
        } else {
            format!("{}'s apology", s.shared().name_of(&a.author))
        };
        let promise =
            a.promise.as_ref().and_then(|p| s.shared().promise(p)).map(|p| (p.id.clone(), p.title.clone()));
        let response = s.shared().responses.get(id.as_str()).map(|r| (s.shared().name_of(&r.by), r.clone()));
        let partner = s.partner().map(|p| p.name.clone()).unwrap_or_else(|| "your partner".to_string());
        // The impact is on the partner who didn't write it: named on my card, "you" on theirs.
        let impact_on = if mine { partner.clone() } else { "you".to_string() };
        Some((a, mine, author, promise, response, partner, impact_on))
    });
    let Some((apology, mine, author, promise, response, partner, impact_on)) = info else {
        return rsx! {};
    };
    if editing() {
        return rsx! {
            ApologyComposer { editing: Some(id.clone()), on_done: move |_| editing.set(false) }
        };
    }
    let parts = [
        ("What happened".to_string(), apology.what_happened.clone()),
        (format!("Its impact on {impact_on}"), apology.impact.clone()),
        ("My part".to_string(), apology.my_part.clone()),
        ("What I will do differently".to_string(), apology.will_do.clone()),
    ];
    rsx! {
        article { id: "apology-{id}", class: "apology",
            h3 { "{author}" }
            p { class: "meta", "{words::long_day(apology.created_at.day())}" }
            dl { class: "apology-parts",
                for (label, text) in parts {
                    div { key: "{label}",
                        dt { "{label}" }
                        dd { "{text}" }
                    }
                }
            }
            if let Some((promise_id, title)) = promise {
                p { class: "linked-promise",
                    "Promise made with it: "
                    button {
                        id: "apology-{id}-promise",
                        r#type: "button",
                        class: "link",
                        onclick: move |_| show_from_top(Route::PromiseDetail { id: promise_id.clone() }),
                        "{title}"
                    }
                }
            }
            if mine {
                div { id: "apology-{id}-response", class: "partner-answer",
                    match response {
                        Some((name, r)) => rsx! {
                            p { class: "meta", "{name} responded" }
                            p { class: "their-words",
                                "{r.kind.label()}"
                                if !r.text.is_empty() {
                                    " — “{r.text}”"
                                }
                            }
                        },
                        None => rsx! {
                            p { class: "quiet",
                                "No response yet, and there's no hurry. {partner} can respond whenever they're ready."
                            }
                        },
                    }
                }
                button { id: "apology-{id}-edit", r#type: "button", onclick: move |_| editing.set(true), "Change" }
            } else if app.paired() {
                ApologyResponder { id: id.clone() }
            }
        }
    }
}

/// My response to my partner's apology: any time, changeable, never required.
#[component]
fn ApologyResponder(id: ApologyId) -> Element {
    let app = use_app();
    let existing = app.read(|s| {
        let me = s.my_id()?;
        s.shared().responses.get(id.as_str()).filter(|r| &r.by == me).cloned()
    });
    let mut text = use_signal(|| existing.as_ref().map(|r| r.text.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let field = TextField::ResponseWords.limit().field;
    let buttons = ResponseKind::ALL.map(|kind| {
        let id = id.clone();
        let respond = move |_| match app.edit(|s| s.respond_to_apology(&id, kind, &text())) {
            Ok(r) => {
                text.set(r.text);
                error.set(FormError::none());
            }
            Err(e) => error.set(match e.as_invalid() {
                Some(ModelError::WordsRequired(_)) => FormError::at(field, e.to_string()),
                _ => FormError::from_session(&e),
            }),
        };
        (kind, respond)
    });
    rsx! {
        div { class: "respond",
            p { class: "hint",
                "There's no hurry and no deadline. Respond when you're ready, change it later, or leave it for now."
            }
            TextInput {
                id: "apology-respond-{id}-text",
                label: "A few words (optional, needed for “In my own words”)",
                value: text(),
                multiline: true,
                error: error.read().for_field(field),
                oninput: move |v| text.set(v),
            }
            div { class: "choice-row", role: "group", "aria-label": "Your response",
                for (kind, respond) in buttons {
                    button {
                        key: "{words::response_key(kind)}",
                        id: "apology-respond-{id}-{words::response_key(kind)}",
                        r#type: "button",
                        class: "choice",
                        "aria-pressed": "{existing.as_ref().is_some_and(|r| r.kind == kind)}",
                        onclick: respond,
                        "{kind.label()}"
                    }
                }
            }
            if let Some(r) = &existing {
                p { id: "apology-respond-{id}-status", class: "save-status", role: "status",
                    "You responded “{r.kind.label()}”"
                }
            }
            FieldError { id: "apology-respond-{id}-error", message: error.read().rest(&[field]) }
        }
    }
}
