//! The Kotlin side of Mend on Android (`mobile/platform/android/`, class
//! `org.mend.platform.MendBridge`), reached through Dioxus 0.7's `manganis::ffi`: the macro
//! generates the JNI calls and records the Gradle project in the binary, and dx bundles it into
//! the app. Type-checked here only; the Kotlin itself is never compiled on this machine.
// The macro's output exports a link-section symbol (an `unsafe` attribute) and plain `pub`
// wrappers; both stay inside this private module.
#![allow(unsafe_code, unreachable_pub, missing_debug_implementations)]

use crate::PlatformError;
use std::sync::OnceLock;

#[manganis::ffi("android")]
extern "Kotlin" {
    pub type MendBridge;
    // Counts, not bools: manganis 0.7.10's generated code can't return a `bool` (it compares
    // jni's already-converted bool with 0 and doesn't compile).
    pub fn schedule_reminders(this: &MendBridge, plan: &str) -> i32;
    pub fn secure_window(this: &MendBridge);
    pub fn share_backup(this: &MendBridge, file_name: &str, text: &str);
    pub fn pick_backup(this: &MendBridge);
    pub fn take_picked_backup(this: &MendBridge) -> Option<String>;
}

/// The bridge object, made once for the app's activity.
pub(crate) fn bridge(service: &'static str) -> Result<&'static MendBridge, PlatformError> {
    static BRIDGE: OnceLock<Result<MendBridge, String>> = OnceLock::new();
    BRIDGE.get_or_init(MendBridge::new).as_ref().map_err(|e| PlatformError::new(service, e.clone()))
}

/// A failed JNI call as a [`PlatformError`].
pub(crate) fn call_failed(service: &'static str) -> impl Fn(String) -> PlatformError {
    move |e| PlatformError::new(service, e)
}
