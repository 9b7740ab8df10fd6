//! Where a phone keeps its data file, without extra dependencies.
//!
//! `MEND_DATA_DIR` wins when set (tests, previews, side-by-side installs). Otherwise:
//! Android → the app's private `files` folder (`/data/data/<package>/files`, the package read
//! from `/proc/self/cmdline`); iOS and macOS → `~/Library/Application Support/Mend` (on iOS `HOME`
//! is the app's sandbox); Windows → `%APPDATA%\Mend`; other Unix → `$XDG_DATA_HOME/mend` or
//! `~/.local/share/mend`; and as a last resort `./mend-data`.

use std::env;
use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "MEND_DATA_DIR";

/// This device's folder for Mend's data.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    platform_dir().unwrap_or_else(|| PathBuf::from("mend-data"))
}

#[cfg(target_os = "android")]
fn platform_dir() -> Option<PathBuf> {
    let cmdline = std::fs::read("/proc/self/cmdline").ok()?;
    let package = cmdline.split(|b| *b == 0).next().map(String::from_utf8_lossy)?;
    let package = package.split(':').next()?.trim().to_string();
    (!package.is_empty()).then(|| PathBuf::from(format!("/data/data/{package}/files")))
}

#[cfg(any(target_os = "ios", target_os = "macos"))]
fn platform_dir() -> Option<PathBuf> {
    let home = env::var_os("HOME")?;
    Some(PathBuf::from(home).join("Library").join("Application Support").join("Mend"))
}

#[cfg(windows)]
fn platform_dir() -> Option<PathBuf> {
    env::var_os("APPDATA").map(|d| PathBuf::from(d).join("Mend"))
}

#[cfg(not(any(target_os = "android", target_os = "ios", target_os = "macos", windows)))]
fn platform_dir() -> Option<PathBuf> {
    if let Some(xdg) = env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(xdg).join("mend"));
    }
    env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share").join("mend"))
}
