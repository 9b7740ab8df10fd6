//! My partner's check-in for today, with my reply.

use super::AckButtons;
use crate::state::use_app;
use crate::words;
use dioxus::prelude::*;
use mend_shared::model::AckTarget;
use mend_shared::schedule;

/// The partner's latest check-in (today or across a time-zone edge).
#[component]
pub fn PartnerCheckIn() -> Element {
    let app = use_app();
    let info = app.read(|s| {
        let me = s.my_id()?;
        let partner = s.partner()?.name.clone();
        Some((partner, schedule::partner_checkin(s.shared(), me, s.today()).cloned()))
    });
    let Some((name, checkin)) = info else {
        return rsx! {};
    };
    rsx! {
        section { class: "card partner-checkin", "aria-labelledby": "partner-checkin-title",
            h2 { id: "partner-checkin-title", "{name}'s check-in" }
            if let Some(c) = checkin {
                p { class: "meta", "{words::short_day(c.date)}" }
                dl { class: "facts",
                    dt { "Mood" }
                    dd { id: "partner-mood", "{c.mood} · {words::mood(c.mood)}" }
                    dt { "Trust" }
                    dd { id: "partner-trust", "{c.trust} / 10" }
                    if !c.feel.is_empty() {
                        dt { "Feels" }
                        dd { "{c.feel}" }
                    }
                    if !c.need.is_empty() {
                        dt { "Needs" }
                        dd { "{c.need}" }
                    }
                    if !c.appreciate.is_empty() {
                        dt { "Appreciates" }
                        dd { "{c.appreciate}" }
                    }
                }
                AckButtons {
                    target: AckTarget::CheckIn { partner: c.partner.clone(), date: c.date },
                    id_stem: "checkin",
                }
            } else {
                p { class: "quiet", "{name} hasn't checked in yet today." }
            }
        }
    }
}
