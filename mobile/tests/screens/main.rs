//! The app's screens rendered with dioxus-ssr and driven by synthetic events: one test binary for
//! every screen, so the workspace links (and stores) the app once for them instead of once each.

#[path = "../support/mod.rs"]
mod support;

mod guide;
mod insights;
mod journal;
mod lock;
mod onboarding;
mod parts;
mod promise_detail;
mod promises;
mod settings;
mod shell;
mod summary;
mod today;
