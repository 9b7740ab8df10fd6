//! The relay's integration tests: in-process through the router (`oneshot`) and against the real binary.

mod bad_input;
mod bundles;
mod ops;
mod pairing;
mod process;
mod rooms;
mod snapshot;
mod util;
