//! The counselor summary: an export the couple chooses to make — the dates, the sections, and
//! shared journal entries picked one by one (private entries are never offered) — previewed
//! here, then saved as a Markdown or HTML file, shown as text to copy, or shown as a printable
//! page. Nothing is sent anywhere. mend-shared picks the starting dates, the entries offered and
//! everything in the summary; the screen only holds the choices.

use crate::Route;
use crate::components::{FieldError, FormError, SummaryPreview, WholeHistory, open_step, show_from_top};
use crate::files::data_url;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::guide::StepId;
use mend_shared::ids::EntryId;
use mend_shared::summary::{CounselorSummary, SummaryError, SummaryRequest, entries_to_offer};
use mend_shared::time::Day;

/// The sections the couple may choose: id suffix and words. None is included unless ticked.
const SECTIONS: [(&str, &str); 6] = [
    ("regularity", "How many days each of you checked in, week by week"),
    ("trends", "Trust and mood, week by week"),
    ("promises", "Promises: how consistently each was kept"),
    ("words", "The words written with check-ins"),
    ("apologies", "Apologies and the responses to them"),
    ("guide", "Where each of you is in the guide"),
];

/// A built summary with both renderings and their files, made once when the couple asks for a
/// preview — never again on each render.
#[derive(Debug, Clone, PartialEq)]
struct Export {
    summary: CounselorSummary,
    markdown: String,
    html: String,
    markdown_href: String,
    html_href: String,
    markdown_file: String,
    html_file: String,
}

impl Export {
    fn new(summary: CounselorSummary) -> Self {
        let (markdown, html) = (summary.to_markdown(), summary.to_html());
        Export {
            markdown_href: data_url("text/markdown", &markdown),
            html_href: data_url("text/html", &html),
            markdown_file: summary.file_name("md"),
            html_file: summary.file_name("html"),
            summary,
            markdown,
            html,
        }
    }
}

/// Throw away a built summary once a choice changes, so what is shown always matches the form.
fn reset(mut built: Signal<Option<Export>>, mut shown: Signal<(bool, bool)>) {
    built.set(None);
    shown.set((false, false));
}

/// The counselor summary screen, once every day is in (its dates start at the first one).
#[component]
pub fn Summary() -> Element {
    rsx! {
        WholeHistory { SummaryForm {} }
    }
}

/// The summary's dates, sections and entries, and what it builds.
#[component]
fn SummaryForm() -> Element {
    let app = use_app();
    let (first_day, today) = use_hook(|| app.peek(|s| SummaryRequest::default_range(s.shared(), s.today())));
    let mut from = use_signal(|| first_day.to_string());
    let mut to = use_signal(|| today.to_string());
    let mut include = use_signal(|| [false; SECTIONS.len()]);
    let mut chosen = use_signal(Vec::<EntryId>::new);
    let mut built = use_signal(|| None::<Export>);
    // (Markdown text shown, printable page shown)
    let mut shown = use_signal(|| (false, false));
    let mut error = use_signal(FormError::none);
    // The shared entries these dates may offer, listed again only when the dates or the data change.
    let entries = use_memo(move || {
        let dates = (from.read().parse::<Day>().ok(), to.read().parse::<Day>().ok());
        app.read(|s| {
            entries_to_offer(s.shared(), dates.0, dates.1)
                .into_iter()
                .map(|e| {
                    let title =
                        if e.title.is_empty() { "Untitled entry".to_string() } else { e.title.clone() };
                    let meta = format!(
                        "{} · {}",
                        s.shared().name_of(&e.author),
                        words::short_day(e.created_at.day())
                    );
                    (e.id.clone(), title, meta)
                })
                .collect::<Vec<_>>()
        })
    });

    let build = move |_| {
        let (Some(first), Some(last)) = (from().parse::<Day>().ok(), to().parse::<Day>().ok()) else {
            let field = if from().parse::<Day>().is_err() { "from" } else { "to" };
            error.set(FormError::at(field, "choose a date"));
            return;
        };
        let [regularity, trends, promises, checkin_words, apologies, guide] = include();
        let request = SummaryRequest {
            include_regularity: regularity,
            include_trends: trends,
            include_promises: promises,
            include_checkin_words: checkin_words,
            include_apologies: apologies,
            include_guide_progress: guide,
            journal_entries: chosen(),
            ..SummaryRequest::new(first, last)
        };
        match app.peek(|s| CounselorSummary::build(s.shared(), &request, s.today())) {
            Ok(summary) => {
                built.set(Some(Export::new(summary)));
                error.set(FormError::none());
            }
            Err(e) => {
                let field = match e {
                    SummaryError::EndsInFuture { .. } => "to",
                    SummaryError::EndBeforeStart { .. } => "from",
                    SummaryError::NothingChosen => "include",
                };
                error.set(FormError::at(field, e.to_string()));
            }
        }
    };
    let from_error = error.read().for_field("from");
    let to_error = error.read().for_field("to");
    let (from_invalid, to_invalid) = (from_error.is_some(), to_error.is_some());
    let include_error = error.read().for_field("include");
    let export = built.read();
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
                    "Make it only if you both want to. You choose the dates and what goes in. Nothing is sent anywhere: you can read it here, then save it as a file, copy the text or open a printable page, and share it yourselves."
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
                    p { class: "hint", "Nothing is included unless you tick it." }
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
                    FieldError { id: "summary-include-error", message: include_error }
                }
                fieldset { id: "summary-entries", class: "check-group",
                    legend { "Shared journal entries to include" }
                    p { class: "hint",
                        "None are included unless you tick them. Only shared entries from these dates are listed; private entries stay on this phone and can't be added."
                    }
                    if entries.read().is_empty() {
                        p { class: "quiet", "No shared entries in these dates." }
                    }
                    for (id, title, meta) in entries() {
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
                FieldError { id: "summary-error", message: error.read().rest(&["from", "to", "include"]) }
            }
            if let Some(export) = export.as_ref() {
                if export.summary.left_out_entries > 0 {
                    p { id: "summary-left-out", class: "hint", role: "status",
                        "{export.summary.left_out_entries} chosen entries fall outside these dates, so they were left out."
                    }
                }
                SummaryPreview { summary: export.summary.clone() }
                section { class: "card summary-export", "aria-labelledby": "summary-export-title",
                    h2 { id: "summary-export-title", "Take it with you" }
                    div { class: "form-actions",
                        a {
                            id: "summary-download-markdown",
                            class: "button-link",
                            href: "{export.markdown_href}",
                            download: "{export.markdown_file}",
                            "Save as a text file"
                        }
                        a {
                            id: "summary-download",
                            class: "button-link",
                            href: "{export.html_href}",
                            download: "{export.html_file}",
                            "Save the printable page"
                        }
                    }
                    p { class: "hint",
                        "The text file (Markdown) opens in any notes or text app; the page opens in any browser, where you can print it or keep it as a PDF. Both stay with you until you choose to share them."
                    }
                    div { class: "form-actions",
                        button {
                            id: "summary-show-markdown",
                            r#type: "button",
                            "aria-expanded": "{show_markdown}",
                            onclick: move |_| shown.write().0 = !show_markdown,
                            "Show as text to copy"
                        }
                        button {
                            id: "summary-show-html",
                            r#type: "button",
                            "aria-expanded": "{show_html}",
                            onclick: move |_| shown.write().1 = !show_html,
                            "Show the printable page"
                        }
                    }
                    if show_markdown {
                        div { class: "field",
                            label { r#for: "summary-markdown", "The summary as text (Markdown) — select it and copy" }
                            textarea {
                                id: "summary-markdown",
                                readonly: true,
                                rows: "14",
                                value: "{export.markdown}",
                            }
                        }
                    }
                    if show_html {
                        iframe {
                            id: "summary-html",
                            class: "summary-page",
                            title: "The printable summary",
                            "sandbox": "",
                            srcdoc: "{export.html}",
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
