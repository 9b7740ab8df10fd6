//! The weekly talk: what I felt and what I need this week, and each talk with the other
//! partner's reply kept beside it, week by week.

use super::{FieldError, FormError, TextInput};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::ids::PartnerId;
use mend_shared::model::{Talk, TalkReply, TextField};
use mend_shared::schedule;
use mend_shared::time::Day;

/// One week of talks, owned for rendering: mine and my partner's, each with its reply.
#[derive(Debug, Clone, PartialEq)]
struct Week {
    week_of: Day,
    mine: Option<(Talk, Option<TalkReply>)>,
    partner: Option<(Talk, Option<TalkReply>)>,
}

/// This week's talk form and the talks so far.
#[component]
pub fn WeeklyTalk() -> Element {
    let app = use_app();
    let initial = use_hook(|| {
        app.peek(|s| {
            let me = s.my_id()?;
            s.shared().talk(s.today(), me).map(|t| (t.felt.clone(), t.need.clone()))
        })
    });
    let mut felt = use_signal(|| initial.as_ref().map(|t| t.0.clone()).unwrap_or_default());
    let mut need = use_signal(|| initial.as_ref().map(|t| t.1.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let (this_week, saved, weeks, name) = app.read(|s| {
        let this_week = schedule::week_start(s.today());
        let name = s.partner().map(|p| p.name.clone()).unwrap_or_else(|| "your partner".to_string());
        let Some(me) = s.my_id() else {
            return (this_week, None, Vec::new(), name);
        };
        let saved = s.shared().talk(s.today(), me).cloned();
        let weeks: Vec<Week> = s
            .shared()
            .talks_by_week(me)
            .into_iter()
            .map(|w| Week {
                week_of: w.week_of,
                mine: w.mine.map(|t| (t.talk.clone(), t.reply.cloned())),
                partner: w.partner.map(|t| (t.talk.clone(), t.reply.cloned())),
            })
            .collect();
        (this_week, saved, weeks, name)
    });
    let felt_field = TextField::TalkFelt.limit().field;
    let need_field = TextField::TalkNeed.limit().field;
    let status = match &saved {
        Some(t) if t.same_as_draft(&felt.read(), &need.read()) => "Shared",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let save = move |_| match app.edit(|s| s.save_talk(&felt(), &need())) {
        Ok(talk) => {
            felt.set(talk.felt);
            need.set(talk.need);
            error.set(FormError::none());
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        section { class: "card exercise-panel talk", "aria-labelledby": "talk-title",
            h2 { id: "talk-title", "This week's talk" }
            p { class: "meta", "Week of {words::month_day(this_week)}" }
            p { class: "hint",
                "Two short answers, just for this week. {name} can reply beside them — listening first, no need to fix anything."
            }
            TextInput {
                id: "talk-felt",
                label: "What I felt",
                value: felt(),
                multiline: true,
                error: error.read().for_field(felt_field),
                oninput: move |v| felt.set(v),
            }
            TextInput {
                id: "talk-need",
                label: "What I need",
                value: need(),
                multiline: true,
                error: error.read().for_field(need_field),
                oninput: move |v| need.set(v),
            }
            div { class: "form-actions",
                button { id: "talk-save", r#type: "button", class: "primary", onclick: save,
                    if saved.is_some() { "Update this week's talk" } else { "Share this week's talk" }
                }
                p { id: "talk-status", class: "save-status", role: "status", "{status}" }
            }
            FieldError { id: "talk-error", message: error.read().rest(&[felt_field, need_field]) }
        }
        if !weeks.is_empty() {
            section { class: "section talks", "aria-labelledby": "talks-title",
                h2 { id: "talks-title", "Week by week" }
                for week in weeks {
                    article { key: "{week.week_of}", id: "talk-week-{week.week_of}", class: "card talk-week",
                        h3 { "Week of {words::month_day(week.week_of)}" }
                        div { class: "side-by-side",
                            div { class: "side",
                                h4 { "You" }
                                match &week.mine {
                                    Some((talk, reply)) => rsx! {
                                        TalkWords { talk: talk.clone() }
                                        match reply {
                                            Some(r) => rsx! { p { class: "reply", "{name} replied: “{r.text}”" } },
                                            None => rsx! { p { class: "quiet", "No reply from {name} yet." } },
                                        }
                                    },
                                    None => rsx! { p { class: "quiet", "{quiet_week(week.week_of == this_week, None)}" } },
                                }
                            }
                            div { class: "side",
                                h4 { "{name}" }
                                match &week.partner {
                                    Some((talk, reply)) => rsx! {
                                        TalkWords { talk: talk.clone() }
                                        if app.paired() {
                                            TalkReplyForm { week_of: week.week_of, to: talk.author.clone(), existing: reply.clone() }
                                        }
                                    },
                                    None => rsx! { p { class: "quiet", "{quiet_week(week.week_of == this_week, Some(&name))}" } },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A side of a week without a talk, in words that keep no score: my side (`None`) or my
/// partner's (their name).
fn quiet_week(this_week: bool, partner: Option<&str>) -> String {
    let who = partner.unwrap_or("you");
    if this_week {
        format!("Nothing from {who} yet this week — there's no hurry.")
    } else {
        format!("A quiet week from {who}, and that's okay.")
    }
}

/// A talk's two answers.
#[component]
fn TalkWords(talk: Talk) -> Element {
    rsx! {
        dl { class: "talk-words",
            dt { "Felt" }
            dd { "{talk.felt}" }
            dt { "Needs" }
            dd { "{talk.need}" }
        }
    }
}

/// My reply to my partner's talk of one week, kept beside it.
#[component]
fn TalkReplyForm(week_of: Day, to: PartnerId, existing: Option<TalkReply>) -> Element {
    let app = use_app();
    let mut text = use_signal(|| existing.as_ref().map(|r| r.text.clone()).unwrap_or_default());
    let mut error = use_signal(FormError::none);
    let field = TextField::TalkReply.limit().field;
    let replied = existing.is_some();
    let status = match &existing {
        Some(r) if r.same_as_draft(&text.read()) => "Replied",
        Some(_) => "Changes not saved yet",
        None => "",
    };
    let reply = move |_| match app.edit(|s| s.reply_to_talk(week_of, &to, &text())) {
        Ok(r) => {
            text.set(r.text);
            error.set(FormError::none());
        }
        Err(e) => error.set(FormError::from_session(&e)),
    };
    rsx! {
        div { class: "talk-reply",
            TextInput {
                id: "talk-reply-{week_of}",
                label: "Your reply",
                value: text(),
                multiline: true,
                error: error.read().for_field(field),
                oninput: move |v| text.set(v),
            }
            div { class: "form-actions",
                button { id: "talk-reply-{week_of}-save", r#type: "button", onclick: reply,
                    if replied { "Update reply" } else { "Reply" }
                }
                p { class: "save-status", role: "status", "{status}" }
            }
            FieldError { id: "talk-reply-{week_of}-form-error", message: error.read().rest(&[field]) }
        }
    }
}
