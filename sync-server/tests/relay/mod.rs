//! The relay's integration tests: in-process through the router (`oneshot`) and against the real binary.

mod bad_input;
mod bundles;
mod ops;
mod pairing;
mod process;
mod process_abuse;
mod process_bad_input;
mod process_limits;
mod process_shutdown;
mod raw_http;
mod rooms;
mod snapshot;
mod uploads;
pub mod util;
