//! The root-cause exercise: the factors I see and my view in my own words; my partner's answer
//! shows beside mine only once we have both answered, so neither view is shaped by the other.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::model::{ModelError, RootCauseFactor, RootCauseView, TextField};
use mend_shared::session::PartnerView;

/// How much of my partner's answer I may see, owned for rendering.
#[derive(Debug, Clone, PartialEq)]
enum Theirs {
    NotYet,
    Hidden,
    Revealed(RootCauseView),
}

/// The form field name the "choose a factor" message belongs to.
const FACTORS: &str = "factors";

/// The root-cause exercise of step 1.
#[component]
pub fn RootCause() -> Element {
    let app = use_app();
    let initial =
        use_hook(|| app.peek(|s| s.my_id().and_then(|me| s.shared().root_causes.get(me.as_str()).cloned())));
    let mut factors = use_signal(|| initial.as_ref().map(|v| v.factors.clone()).unwrap_or_default());
    let mut other = use_signal(|| initial.as_ref().map(|v| v.other.clone()).unwrap_or_default());
    let mut view = use_signal(|| initial.as_ref().map(|v| v.view.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let (mine, name, theirs, paired) = app.read(|s| {
        let name = s.partner().map(|p| p.name.clone()).unwrap_or_else(|| "your partner".to_string());
        let Some(me) = s.my_id() else {
            return (None, name, Theirs::NotYet, false);
        };
        let reveal = s.shared().root_cause_reveal(me);
        let theirs = match reveal.partner {
            PartnerView::NotYet => Theirs::NotYet,
            PartnerView::HiddenUntilYouAnswer => Theirs::Hidden,
            PartnerView::Revealed(v) => Theirs::Revealed(v.clone()),
        };
        (reveal.mine.cloned(), name, theirs, s.partner().is_some())
    });
    let other_field = TextField::RootCauseOther.limit().field;
    let view_field = TextField::RootCauseView.limit().field;
    let chose_other = factors.read().contains(&RootCauseFactor::Other);
    let unsaved =
        mine.as_ref().is_some_and(|m| !m.same_as_draft(&factors.read(), &other.read(), &view.read()));
    let status = match (&mine, unsaved) {
        (Some(_), false) => "Saved",
        (Some(_), true) => "Changes not saved yet",
        (None, _) => "",
    };
    let save = move |_| match app.edit(|s| s.save_root_cause(&factors(), &other(), &view())) {
        Ok(saved) => {
            factors.set(saved.factors);
            other.set(saved.other);
            view.set(saved.view);
            error.set(FormError::none());
        }
        Err(e) => error.set(match e.as_invalid() {
            Some(ModelError::NoFactorChosen) => FormError::at(FACTORS, e.to_string()),
            Some(ModelError::WordsRequired(_)) => FormError::at(other_field, e.to_string()),
            _ => FormError::from_session(&e),
        }),
    };
    rsx! {
        section { class: "card exercise-panel root-cause", "aria-labelledby": "rootcause-title",
            h2 { id: "rootcause-title", "Two views of what happened" }
            p { class: "hint",
                "Write yours without looking at {name}'s. Each of you sees the other's answer once you have both written one."
            }
            fieldset { class: "choice-group",
                legend { "What do you see behind it? Choose any that fit." }
                div { class: "factor-list",
                    for factor in RootCauseFactor::ALL {
                        button {
                            key: "{words::factor_key(factor)}",
                            id: "rootcause-factor-{words::factor_key(factor)}",
                            r#type: "button",
                            class: "choice factor",
                            "aria-pressed": "{factors.read().contains(&factor)}",
                            onclick: move |_| {
                                let mut chosen = factors.write();
                                if let Some(at) = chosen.iter().position(|f| *f == factor) {
                                    chosen.remove(at);
                                } else {
                                    chosen.push(factor);
                                }
                            },
                            "{factor.label()}"
                        }
                    }
                }
                FieldError { id: "rootcause-factors-error", message: error.read().for_field(FACTORS) }
            }
            if chose_other {
                TextInput {
                    id: "rootcause-other",
                    label: "What else do you see?",
                    value: other(),
                    error: error.read().for_field(other_field),
                    oninput: move |v| other.set(v),
                }
            }
            div { class: "roomy",
                TextInput {
                    id: "rootcause-view",
                    label: "Your view, in your own words",
                    hint: "What happened as you see it, and the part each of you played in it.",
                    value: view(),
                    multiline: true,
                    error: error.read().for_field(view_field),
                    oninput: move |v| view.set(v),
                }
            }
            div { class: "form-actions",
                button { id: "rootcause-save", r#type: "button", class: "primary", onclick: save,
                    if mine.is_some() { "Update my view" } else { "Save my view" }
                }
                p { id: "rootcause-status", class: "save-status", role: "status", "{status}" }
            }
            FieldError {
                id: "rootcause-error",
                message: error.read().rest(&[FACTORS, other_field, view_field]),
            }
            div { id: "rootcause-partner", class: "partner-answer",
                match (theirs, mine) {
                    (Theirs::Revealed(theirs), Some(mine)) => rsx! {
                        h3 { "Side by side" }
                        div { class: "side-by-side",
                            RootCauseColumn { id: "rootcause-side-mine", who: "You", view: mine }
                            RootCauseColumn { id: "rootcause-side-partner", who: name.clone(), view: theirs }
                        }
                        p { class: "hint",
                            "Different views are normal. Read each other's slowly, and talk about what surprised you."
                        }
                    },
                    (Theirs::Hidden, _) => rsx! {
                        p {
                            "{name} has written their view. It shows here once you have saved yours, so your view stays your own."
                        }
                    },
                    _ if !paired => rsx! {
                        p { class: "quiet",
                            "Once you pair, your partner writes their view too, and you see both side by side."
                        }
                    },
                    _ => rsx! {
                        p { class: "quiet",
                            "{name} hasn't written their view yet. You'll see both side by side once they have."
                        }
                    },
                }
            }
        }
    }
}

/// One partner's answer in the side-by-side view.
#[component]
fn RootCauseColumn(id: String, who: String, view: RootCauseView) -> Element {
    rsx! {
        div { id, class: "side",
            h4 { "{who}" }
            ul { class: "chips",
                for factor in view.factors.iter().copied() {
                    li { key: "{words::factor_key(factor)}", class: "chip",
                        if factor == RootCauseFactor::Other {
                            "{factor.label()}: {view.other}"
                        } else {
                            "{factor.label()}"
                        }
                    }
                }
            }
            p { class: "their-words", "{view.view}" }
        }
    }
}
