//! The counselor summary: an export the couple chooses to make — the dates, the sections, and
//! shared journal entries picked one by one (private entries are never offered) — previewed
//! here, then shown as Markdown text or as a printable page. Nothing is sent anywhere.

use crate::Route;
use crate::components::{FieldError, FormError, SummaryPreview, open_step, show_from_top};
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::guide::StepId;
use mend_shared::ids::EntryId;
use mend_shared::insights;
use mend_shared::summary::{CounselorSummary, SummaryError, SummaryRequest};
use mend_shared::time::Day;

/// The sections the couple may choose: id suffix and words.
const SECTIONS: [(&str, &str); 5] = [
    ("trends", "Trust and mood, week by week"),
    ("promises", "Promises: how consistently each was kept"),
    ("words", "The words written with check-ins"),
    ("apologies", "Apologies and the responses to them"),
    ("guide", "Where each of you is in the guide"),
];

/// `text` as the payload of a `data:` URL: everything but unreserved characters percent-encoded.
fn data_url_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Throw away a built summary once a choice changes, so what is shown always matches the form.
fn reset(mut built: Signal<Option<CounselorSummary>>, mut shown: Signal<(bool, bool)>) {
    built.set(None);
    shown.set((false, false));
}

/// The counselor summary screen.
#[component]
pub fn Summary() -> Element {
    let app = use_app();
    let (first_day, today) = use_hook(|| {
        app.peek(|s| {
            let today = s.today();
            let began = insights::began(s.shared()).unwrap_or(today);
            (today.plus_days(-29).max(began).min(today), today)
        })
    });
    let mut from = use_signal(|| first_day.to_string());
    let mut to = use_signal(|| today.to_string());
    let mut include = use_signal(|| [false; SECTIONS.len()]);
    let mut chosen = use_signal(Vec::<EntryId>::new);
    let mut built = use_signal(|| None::<CounselorSummary>);
    // (Markdown text shown, printable page shown)
    let mut shown = use_signal(|| (false, false));
    let mut error = use_signal(FormError::none);
    let dates = (from.read().parse::<Day>().ok(), to.read().parse::<Day>().ok());
    let entries = app.read(|s| {
        // Only the shared journal: private entries can't be offered, by construction.
        let mut list: Vec<_> = s
            .shared()
            .journal
            .iter()
            .filter(|e| match dates {
                (Some(f), Some(t)) => (f..=t).contains(&e.created_at.day()),
                _ => true,
            })
            .map(|e| {
                let title = if e.title.is_empty() { "Untitled entry".to_string() } else { e.title.clone() };
                let meta =
                    format!("{} · {}", s.shared().name_of(&e.author), words::short_day(e.created_at.day()));
                (e.created_at, e.id.clone(), title, meta)
            })
            .collect();
        list.sort_by_key(|e| std::cmp::Reverse(e.0));
        list.into_iter().map(|(_, id, title, meta)| (id, title, meta)).collect::<Vec<_>>()
    });

    let build = move |_| {
        let (Some(first), Some(last)) = (from().parse::<Day>().ok(), to().parse::<Day>().ok()) else {
            let field = if from().parse::<Day>().is_err() { "from" } else { "to" };
            error.set(FormError::at(field, "choose a date"));
            return;
        };
        let picked = include();
        let mut request = SummaryRequest::new(first, last);
        request.include_trends = picked[0];
        request.include_promises = picked[1];
        request.include_checkin_words = picked[2];
        request.include_apologies = picked[3];
        request.include_guide_progress = picked[4];
        request.journal_entries = chosen();
        match app.peek(|s| CounselorSummary::build(s.shared(), &request, s.today())) {
            Ok(summary) => {
                built.set(Some(summary));
                error.set(FormError::none());
            }
            Err(e) => {
                let field = match e {
                    SummaryError::EndsInFuture { .. } => "to",
                    _ => "from",
                };
                error.set(FormError::at(field, e.to_string()));
            }
        }
    };
    let from_error = error.read().for_field("from");
    let to_error = error.read().for_field("to");
    let (from_invalid, to_invalid) = (from_error.is_some(), to_error.is_some());
    let summary = built();
    let (show_markdown, show_html) = shown();
    rsx! {
        div { class: "screen summary",
            button {
                id: "back",
                r#type: "button",
                class: "link",
                onclick: move |_| open_step(app, StepId::ProfessionalHelp),
                "‹ Seek professional help"
            }
            section { class: "card", "aria-labelledby": "summary-title",
                h2 { id: "summary-title", "A summary for your counselor" }
                p {
                    "Make it only if you both want to. You choose the dates and what goes in. Nothing is sent anywhere: you can read it here, then copy the text or open a printable page to share it yourselves."
                }
            }
            section { class: "card summary-form", "aria-labelledby": "summary-dates-title",
                h2 { id: "summary-dates-title", "Dates" }
                div { class: "date-pair",
                    div { class: "field",
                        label { r#for: "summary-from", "From" }
                        input {
                            id: "summary-from",
                            r#type: "date",
                            max: "{today}",
                            value: "{from}",
                            "aria-invalid": "{from_invalid}",
                            oninput: move |e: FormEvent| {
                                from.set(e.value());
                                reset(built, shown);
                            },
                        }
                        FieldError { id: "summary-from-error", message: from_error }
                    }
                    div { class: "field",
                        label { r#for: "summary-to", "To" }
                        input {
                            id: "summary-to",
                            r#type: "date",
                            max: "{today}",
                            value: "{to}",
                            "aria-invalid": "{to_invalid}",
                            oninput: move |e: FormEvent| {
                                to.set(e.value());
                                reset(built, shown);
                            },
                        }
                        FieldError { id: "summary-to-error", message: to_error }
                    }
                }
                fieldset { class: "check-group",
                    legend { "What to include" }
                    p { class: "hint", "Always included: how many days each of you checked in, week by week." }
                    for (i, (key, label)) in SECTIONS.into_iter().enumerate() {
                        label { key: "{key}", class: "check-row", r#for: "summary-include-{key}",
                            input {
                                id: "summary-include-{key}",
                                r#type: "checkbox",
                                checked: include()[i],
                                onchange: move |e: FormEvent| {
                                    include.write()[i] = e.checked();
                                    reset(built, shown);
                                },
                            }
                            span { "{label}" }
                        }
                    }
                }
                fieldset { id: "summary-entries", class: "check-group",
                    legend { "Shared journal entries to include" }
                    p { class: "hint",
                        "None are included unless you tick them. Only shared entries from these dates are listed; private entries stay on this phone and can't be added."
                    }
                    if entries.is_empty() {
                        p { class: "quiet", "No shared entries in these dates." }
                    }
                    for (id, title, meta) in entries {
                        label { key: "{id}", class: "check-row", r#for: "summary-entry-{id}",
                            input {
                                id: "summary-entry-{id}",
                                r#type: "checkbox",
                                checked: chosen.read().contains(&id),
                                onchange: {
                                    let id = id.clone();
                                    move |e: FormEvent| {
                                        let mut list = chosen.write();
                                        list.retain(|c| c != &id);
                                        if e.checked() {
                                            list.push(id.clone());
                                        }
                                        drop(list);
                                        reset(built, shown);
                                    }
                                },
                            }
                            span { class: "entry-choice",
                                strong { "{title}" }
                                span { class: "meta", "{meta}" }
                            }
                        }
                    }
                }
                div { class: "form-actions",
                    button { id: "summary-build", r#type: "button", class: "primary", onclick: build, "Preview the summary" }
                }
                FieldError { id: "summary-error", message: error.read().rest(&["from", "to"]) }
            }
            if let Some(summary) = summary {
                if summary.left_out_entries > 0 {
                    p { id: "summary-left-out", class: "hint", role: "status",
                        "{summary.left_out_entries} chosen entries fall outside these dates, so they were left out."
                    }
                }
                SummaryPreview { summary: summary.clone() }
                section { class: "card summary-export", "aria-labelledby": "summary-export-title",
                    h2 { id: "summary-export-title", "Take it with you" }
                    div { class: "form-actions",
                        button {
                            id: "summary-show-markdown",
                            r#type: "button",
                            "aria-expanded": "{show_markdown}",
                            onclick: move |_| shown.write().0 = !show_markdown,
                            "Show as text"
                        }
                        button {
                            id: "summary-show-html",
                            r#type: "button",
                            "aria-expanded": "{show_html}",
                            onclick: move |_| shown.write().1 = !show_html,
                            "Show the printable page"
                        }
                    }
                    a {
                        id: "summary-download",
                        class: "button-link",
                        href: "data:text/html;charset=utf-8,{data_url_text(&summary.to_html())}",
                        download: "mend-summary-{summary.from}-to-{summary.to}.html",
                        "Save the printable page"
                    }
                    p { class: "hint",
                        "The saved page opens in any browser, where you can print it or keep it as a PDF. It stays with you until you choose to share it."
                    }
                    if show_markdown {
                        div { class: "field",
                            label { r#for: "summary-markdown", "The summary as text (Markdown) — select it and copy" }
                            textarea {
                                id: "summary-markdown",
                                readonly: true,
                                rows: "14",
                                value: "{summary.to_markdown()}",
                            }
                        }
                    }
                    if show_html {
                        iframe {
                            id: "summary-html",
                            class: "summary-page",
                            title: "The printable summary",
                            "sandbox": "",
                            srcdoc: "{summary.to_html()}",
                        }
                    }
                }
            }
            button {
                id: "summary-insights",
                r#type: "button",
                class: "link",
                onclick: move |_| show_from_top(Route::Insights {}),
                "See your insights"
            }
        }
    }
}
