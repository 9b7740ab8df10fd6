//! The app's screens: one routed view per file (onboarding shows before the routes).

mod guide;
mod insights;
mod journal;
mod onboarding;
mod promise_detail;
mod promises;
mod settings;
mod today;

pub use guide::Guide;
pub use insights::Insights;
pub use journal::Journal;
pub use onboarding::Onboarding;
pub use promise_detail::PromiseDetail;
pub use promises::Promises;
pub use settings::Settings;
pub use today::Today;
