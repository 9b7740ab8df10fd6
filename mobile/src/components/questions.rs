//! "Questions I need answered" (step 3): I ask, my partner answers in their own time — or the
//! other way round. A question stays open until answered and its asker may withdraw it; there is
//! no deadline, no reminder and no count of what is waiting.

use super::{Confirm, FieldError, FormError, TextInput};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::ExerciseEntryId;
use mend_shared::model::{QuestionState, TextField};

/// The form for a new question (for the parts that ask) and every question, open ones first.
#[component]
pub fn Questions() -> Element {
    let app = use_app();
    let mut text = use_signal(String::new);
    let mut error = use_signal(FormError::none);
    let mut asked = use_signal(|| false);
    let (ids, may_ask, partner) = app.read(|s| {
        let ids: Vec<ExerciseEntryId> =
            s.shared().questions_in_order().into_iter().map(|q| q.question.id.clone()).collect();
        let may_ask = s.my_part().is_none_or(|p| p.asks_questions());
        (ids, may_ask, s.partner().map(|p| p.name.clone()).unwrap_or_else(|| "your partner".to_string()))
    });
    let field = TextField::Question.limit().field;
    let ask = move |_| match app.edit(|s| s.ask_question(&text())) {
        Ok(_) => {
            text.set(String::new());
            error.set(FormError::none());
            asked.set(true);
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        section { class: "card exercise-panel questions", "aria-labelledby": "questions-title",
            h2 { id: "questions-title", "Questions I need answered" }
            if may_ask {
                p { class: "hint",
                    "One question at a time, in your own words. {partner} answers when they're ready; there's no deadline. You can withdraw a question any time before it's answered."
                }
                TextInput {
                    id: "question-new-text",
                    label: "A question I need answered",
                    value: text(),
                    multiline: true,
                    error: error.read().for_field(field),
                    oninput: move |v| {
                        text.set(v);
                        asked.set(false);
                    },
                }
                div { class: "form-actions",
                    button { id: "question-ask", r#type: "button", class: "primary", onclick: ask, "Ask {partner}" }
                    if asked() {
                        p { id: "question-status", class: "save-status", role: "status", "Asked" }
                    }
                }
                FieldError { id: "question-error", message: error.read().rest(&[field]) }
            } else {
                p { id: "questions-answering", class: "hint",
                    "Here {partner} can ask what they need to know. Answer each question in your own time, honestly and plainly; there's no deadline."
                }
            }
            if ids.is_empty() {
                p { class: "quiet", "No questions yet." }
            }
            ul { class: "note-list",
                for id in ids {
                    QuestionItem { key: "{id}", id }
                }
            }
        }
    }
}

/// One question: mine to reword or withdraw while open, or my partner's to answer.
#[component]
fn QuestionItem(id: ExerciseEntryId) -> Element {
    let app = use_app();
    let mut rewording = use_signal(|| false);
    let mut confirming = use_signal(|| false);
    let mut draft = use_signal(String::new);
    let mut error = use_signal(FormError::none);
    let info = app.read(|s| {
        let question = s.shared().questions.get(id.as_str())?.clone();
        let answer = s.shared().answers.get(id.as_str()).cloned();
        let state = s.shared().question_state(&question);
        let mine = s.my_id() == Some(&question.asker);
        let asker = if mine { "You".to_string() } else { s.shared().name_of(&question.asker) };
        let answerer = answer.as_ref().map(|a| match s.my_id() == Some(&a.by) {
            true => "Your answer".to_string(),
            false => format!("{}'s answer", s.shared().name_of(&a.by)),
        });
        Some((question, answer, state, mine, asker, answerer))
    });
    let Some((question, answer, state, mine, asker, answerer)) = info else {
        return rsx! {};
    };
    let paired = app.paired();
    // The answerer reads their answer in its form while they can still revise it.
    let answerable = !mine && state != QuestionState::Withdrawn && paired;
    let answer_as_text = !answerable;
    let field = TextField::Question.limit().field;
    let reword = {
        let id = id.clone();
        move |_| match app.edit(|s| s.reword_question(&id, &draft())) {
            Ok(_) => {
                rewording.set(false);
                error.set(FormError::none());
            }
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    let withdraw = {
        let id = id.clone();
        move |_| match app.edit(|s| s.withdraw_question(&id)) {
            Ok(_) => confirming.set(false),
            Err(e) => {
                confirming.set(false);
                error.set(FormError::from_session(&e));
            }
        }
    };
    let start_text = question.text.clone();
    let state_words = match (state, mine) {
        (QuestionState::Open, true) => "Open — waiting for an answer, with no deadline".to_string(),
        (QuestionState::Open, false) => "Open — answer whenever you're ready".to_string(),
        (QuestionState::Withdrawn, true) => "Withdrawn by you".to_string(),
        (QuestionState::Withdrawn, false) => format!("Withdrawn by {asker}"),
        (QuestionState::Answered, _) => state.label().to_string(),
    };
    rsx! {
        li { id: "question-{id}", class: "note-item question state-{state.label().to_lowercase()}",
            p { class: "meta", "{asker} asked · {words::short_day(question.asked_at.day())}" }
            p { id: "question-{id}-state", class: "question-state", "{state_words}" }
            if rewording() {
                TextInput {
                    id: "question-{id}-text",
                    label: "Your question",
                    value: draft(),
                    multiline: true,
                    error: error.read().for_field(field),
                    oninput: move |v| draft.set(v),
                }
                div { class: "form-actions",
                    button { id: "question-{id}-save", r#type: "button", class: "primary", onclick: reword, "Save" }
                    button {
                        id: "question-{id}-cancel",
                        r#type: "button",
                        onclick: move |_| {
                            rewording.set(false);
                            error.set(FormError::none());
                        },
                        "Cancel"
                    }
                }
            } else {
                p { class: "their-words", "{question.text}" }
            }
            if let (Some(answer), Some(who), true) = (&answer, &answerer, answer_as_text) {
                div { id: "question-{id}-answer-text", class: "partner-answer",
                    p { class: "meta", "{who}" }
                    p { class: "their-words", "{answer.text}" }
                }
            }
            if mine && state == QuestionState::Open && !rewording() {
                if confirming() {
                    Confirm {
                        question_id: "question-{id}-withdraw-question",
                        question: "Withdraw this question? It stays in your list as withdrawn, and nobody needs to answer it.",
                        confirm_id: "question-{id}-withdraw-confirm",
                        confirm_label: "Withdraw it",
                        cancel_id: "question-{id}-withdraw-cancel",
                        on_confirm: withdraw,
                        on_cancel: move |_| confirming.set(false),
                    }
                } else {
                    div { class: "form-actions",
                        button {
                            id: "question-{id}-reword",
                            r#type: "button",
                            onclick: move |_| {
                                draft.set(start_text.clone());
                                rewording.set(true);
                            },
                            "Change"
                        }
                        button {
                            id: "question-{id}-withdraw",
                            r#type: "button",
                            onclick: move |_| confirming.set(true),
                            "Withdraw"
                        }
                    }
                }
            }
            // Answers only go to a partner this phone still shares with.
            if answerable {
                AnswerForm { id: id.clone(), saved: answer.map(|a| a.text) }
            }
            FieldError { id: "question-{id}-error", message: error.read().rest(&[field]) }
        }
    }
}

/// My answer to my partner's question: written when I'm ready, revisable.
#[component]
fn AnswerForm(id: ExerciseEntryId, saved: Option<String>) -> Element {
    let app = use_app();
    let mut text = use_signal(|| saved.clone().unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let field = TextField::Answer.limit().field;
    let status = match &saved {
        Some(s) if TextField::Answer.clean(&text.read()).is_ok_and(|t| &t == s) => "Saved",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let save = {
        let id = id.clone();
        move |_| match app.edit(|s| s.answer_question(&id, &text())) {
            Ok(answer) => {
                text.set(answer.text);
                error.set(FormError::none());
            }
            Err(e) => error.set(FormError::from_session(&e)),
        }
    };
    rsx! {
        div { class: "respond",
            TextInput {
                id: "question-{id}-answer",
                label: "Your answer",
                value: text(),
                multiline: true,
                error: error.read().for_field(field),
                oninput: move |v| text.set(v),
            }
            div { class: "form-actions",
                button { id: "question-{id}-answer-save", r#type: "button", class: "primary", onclick: save,
                    if saved.is_some() { "Update my answer" } else { "Save my answer" }
                }
                p { id: "question-{id}-answer-status", class: "save-status", role: "status", "{status}" }
            }
            FieldError { id: "question-{id}-answer-form-error", message: error.read().rest(&[field]) }
        }
    }
}
