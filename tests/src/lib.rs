//! Mend's cross-crate test harness: a real relay process, phones with real SQLite files, a
//! fault-injecting TCP link, and helpers for paired couples. Used by `tests/` and `benches/`.

pub mod util;

/// The path of the relay binary built with this package (expands in the calling test crate,
/// where cargo sets `CARGO_BIN_EXE_*`).
#[macro_export]
macro_rules! relay_bin {
    () => {
        std::path::Path::new(env!("CARGO_BIN_EXE_mend-relay-under-test"))
    };
}
