//! The app's screens: one routed view per file (onboarding shows before the routes).

mod guide;
mod guide_step;
mod insights;
mod journal;
mod onboarding;
mod promise_detail;
mod promises;
mod settings;
mod summary;
mod today;

pub use guide::Guide;
pub use guide_step::GuideStep;
pub use insights::{Insights, InsightsScreen};
pub use journal::Journal;
pub use onboarding::Onboarding;
pub use promise_detail::PromiseDetail;
pub use promises::Promises;
pub use settings::Settings;
pub use summary::Summary;
pub use today::Today;
