//! My partner's promises kept lately, each with a "Thank you": noticing is part of support.

use super::ThankYou;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;

/// My partner's kept marks from the last two weeks (mend-shared's `partner_kept_lately`).
#[component]
pub fn KeptPromises() -> Element {
    let app = use_app();
    let info = app.read(|s| {
        let me = s.my_id()?;
        let name = s.partner()?.name.clone();
        let kept: Vec<_> = s
            .shared()
            .partner_kept_lately(me, s.today())
            .into_iter()
            .map(|m| (m.promise.title.clone(), m.outcome.clone(), m.target()))
            .collect();
        Some((name, kept))
    });
    let Some((name, kept)) = info else {
        return rsx! {
            section { id: "kept-promises", class: "card quiet-card",
                h2 { "Promises kept" }
                p { "Once you pair, the promises your partner keeps show up here, so you can thank them." }
            }
        };
    };
    rsx! {
        section { id: "kept-promises", class: "section", "aria-labelledby": "kept-title",
            h2 { id: "kept-title", "Promises {name} kept lately" }
            if kept.is_empty() {
                p { class: "quiet",
                    "Nothing marked kept in the last two weeks. When {name} keeps a promise, you can thank them here."
                }
            }
            for (title, outcome, target) in kept {
                article {
                    key: "{outcome.promise}-{outcome.date}",
                    id: "kept-{outcome.promise}-{outcome.date}",
                    class: "card kept",
                    h3 { "{title}" }
                    p { class: "meta", "{words::short_day(outcome.date)} · Kept" }
                    if !outcome.note.is_empty() {
                        p { class: "note", "“{outcome.note}”" }
                    }
                    if app.paired() {
                        ThankYou { target, id_stem: "kept-{outcome.promise}-{outcome.date}" }
                    }
                }
            }
        }
    }
}
