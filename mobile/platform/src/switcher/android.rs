//! Android: the window is marked `FLAG_SECURE`, so the app switcher shows a blank thumbnail and
//! screenshots of Mend come out black.

use super::{SwitcherCover, SwitcherPrivacy};
use crate::PlatformError;
use crate::android::{bridge, call_failed, secure_window};

const SERVICE: &str = "app switcher privacy";

/// `FLAG_SECURE` on Mend's window.
#[derive(Debug, Clone, Copy, Default)]
pub struct SecureWindow;

impl SwitcherPrivacy for SecureWindow {
    fn protect(&self) -> Result<SwitcherCover, PlatformError> {
        secure_window(bridge(SERVICE)?).map_err(call_failed(SERVICE))?;
        Ok(SwitcherCover::BySystem)
    }
}
