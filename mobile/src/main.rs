//! The Mend phone app binary: `dioxus::launch(App)` on Android/iOS (`mobile`) or a desktop window.
//!
//! The app opens this device's data folder (see `mend_mobile::data_dir`) and connects it to
//! pairing, live sync and backups. Without a renderer feature
//! the binary only says how to get one, so `cargo build --workspace` still works.

#[cfg(any(feature = "mobile", feature = "desktop"))]
fn main() {
    // With the data open, pairing and live sync run; if it can't be opened, the app explains why.
    match mend_mobile::Phone::open_default() {
        Ok(phone) => dioxus::LaunchBuilder::new()
            .with_context(mend_mobile::connect_device(phone))
            .launch(mend_mobile::App),
        Err(_) => dioxus::launch(mend_mobile::App),
    }
}

#[cfg(not(any(feature = "mobile", feature = "desktop")))]
fn main() {
    eprintln!(
        "This build of mend has no screen. Build with `--features desktop` (a window) or \
         `--features mobile` (Android/iOS through dx), or run `mend-preview` (`--features preview`) \
         to use the app in a browser."
    );
    std::process::exit(2);
}
