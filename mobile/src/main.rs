//! The Mend phone app binary: `dioxus::launch(App)` on Android/iOS (`mobile`) or a desktop window.
//!
//! The app opens its data folder itself (see `mend_mobile::data_dir`). Without a renderer feature
//! the binary only says how to get one, so `cargo build --workspace` still works.

#[cfg(any(feature = "mobile", feature = "desktop"))]
fn main() {
    dioxus::launch(mend_mobile::App);
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
