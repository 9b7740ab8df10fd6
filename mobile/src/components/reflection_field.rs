//! One reflection question of a guide step: my answer to write and revise, and my partner's to
//! read — on the root-cause step only once I have answered it too, as mend-shared decides.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::guide;
use mend_shared::model::{Reflection, TextField};
use mend_shared::session::PartnerView;

/// How much of my partner's answer I may see, owned for rendering.
#[derive(Debug, Clone, PartialEq)]
enum Theirs {
    NotYet,
    Hidden,
    Revealed(String),
}

/// The question `prompt_id` (a guide prompt id), my answer, and my partner's answer.
#[component]
pub fn ReflectionField(prompt_id: &'static str) -> Element {
    let app = use_app();
    let (saved, partner, part) = app.read(|s| {
        let Some(me) = s.my_id() else {
            return (None, None, s.my_part());
        };
        let mine = s.shared().reflection_of(prompt_id, me).cloned();
        let theirs = match s.shared().partner_reflection(prompt_id, me) {
            PartnerView::NotYet => Theirs::NotYet,
            PartnerView::HiddenUntilYouAnswer => Theirs::Hidden,
            PartnerView::Revealed(r) => Theirs::Revealed(r.text.clone()),
        };
        (mine, s.partner().map(|p| (p.name.clone(), theirs)), s.my_part())
    });
    let mut text = use_signal(|| saved.as_ref().map(|r| r.text.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    // The question in the words for my part; my partner's answer is to the same prompt id.
    let Some((_, prompt)) = guide::prompt_for(prompt_id, part) else {
        return rsx! {};
    };
    let field = TextField::Reflection.limit().field;
    let status = match &saved {
        Some(r) if r.same_as_draft(&text.read()) => "Saved",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let save = move |_| match app.edit(|s| s.reflect(prompt_id, &text())) {
        Ok(Reflection { text: stored, .. }) => {
            text.set(stored);
            error.set(FormError::none());
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        div { class: "card reflection",
            div { class: "roomy",
                TextInput {
                    id: "reflect-{prompt_id}",
                    label: "{prompt.text}",
                    value: text(),
                    multiline: true,
                    error: error.read().for_field(field),
                    oninput: move |v| text.set(v),
                }
            }
            div { class: "form-actions",
                button { id: "reflect-{prompt_id}-save", r#type: "button", onclick: save,
                    if saved.is_some() { "Update my answer" } else { "Save my answer" }
                }
                p { id: "reflect-{prompt_id}-status", class: "save-status", role: "status", "{status}" }
            }
            FieldError { id: "reflect-{prompt_id}-form-error", message: error.read().rest(&[field]) }
            if let Some((name, theirs)) = partner {
                div { id: "reflect-{prompt_id}-partner", class: "partner-answer",
                    p { class: "meta", "{name}'s answer" }
                    match theirs {
                        Theirs::Revealed(answer) => rsx! { p { class: "their-words", "{answer}" } },
                        Theirs::Hidden => rsx! {
                            p { class: "quiet",
                                "{name} has answered this one. Their answer shows here once you have saved yours, so your answer stays your own."
                            }
                        },
                        Theirs::NotYet => rsx! { p { class: "quiet", "{name} hasn't answered this one yet." } },
                    }
                }
            }
        }
    }
}
