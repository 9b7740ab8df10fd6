//! "Your part": I choose, privately and whenever I like, whether I was hurt, broke trust, both, or
//! would rather not say — and one toggle, off until I turn it on, lets my partner see it. My
//! partner's part shows here only if they chose to share it.

use super::FieldError;
use crate::state::use_app;
use dioxus::prelude::*;
use mend_shared::model::Part;

/// The part picker with its sharing toggle (onboarding, guide step 1 and Settings each show it).
#[component]
pub fn YourPart() -> Element {
    let app = use_app();
    let mut error = use_signal(|| None::<String>);
    let mut saved = use_signal(|| None::<&'static str>);
    let (mine, sharing, partner, partner_part) = app.read(|s| {
        let partner = s.partner().map(|p| p.name.clone());
        let theirs = s.partner().and_then(|p| s.shared().shared_part_of(&p.id)).map(|sp| sp.part);
        (s.my_part(), s.sharing_part(), partner, theirs)
    });
    let partner_name = partner.clone().unwrap_or_else(|| "your partner".to_string());
    let mut choose = move |part: Part| match app.edit(|s| s.choose_part(part)) {
        Ok(_) => {
            error.set(None);
            saved.set(Some("Saved on this phone. Nothing you wrote changes."));
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    let mut share = move |on: bool| match app.edit(|s| s.share_part(on)) {
        Ok(choice) => {
            error.set(None);
            saved.set(Some(if choice.shared {
                "Shared with your partner."
            } else {
                "Kept to yourself again."
            }));
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    rsx! {
        section { id: "your-part", class: "card your-part", "aria-labelledby": "your-part-title",
            h2 { id: "your-part-title", "Your part" }
            p { class: "hint",
                "If you like, say what your part was. Mend then words the guide for you. It stays on this phone unless you share it, and you can change it any time."
            }
            div { class: "choices-stack", role: "group", "aria-labelledby": "your-part-title",
                for part in Part::ALL {
                    button {
                        key: "{part}",
                        id: "part-{part}",
                        r#type: "button",
                        class: "choice",
                        "aria-pressed": "{mine == Some(part)}",
                        onclick: move |_| choose(part),
                        "{part.label()}"
                    }
                }
            }
            if mine.is_some() {
                label { class: "check-row", r#for: "part-share",
                    input {
                        id: "part-share",
                        r#type: "checkbox",
                        checked: sharing,
                        "aria-describedby": "part-share-hint",
                        onchange: move |e: FormEvent| share(e.checked()),
                    }
                    span { "Let {partner_name} see my part" }
                }
                p { id: "part-share-hint", class: "hint",
                    if sharing {
                        "{partner_name} can see it. Turning this off removes it from what Mend shows them; it can't unsend what their phone already received."
                    } else {
                        "Only you can see it. Nothing is shared unless you turn this on."
                    }
                }
            }
            if let Some(message) = saved() {
                p { id: "part-status", class: "save-status", role: "status", "{message}" }
            }
            FieldError { id: "part-error", message: error() }
            if let (Some(name), Some(part)) = (&partner, partner_part) {
                p { id: "partner-part", class: "partner-answer", "{name} chose to share their part: “{part.label()}”" }
            }
        }
    }
}
