//! iOS: when Mend is about to leave the foreground — the moment iOS takes the snapshot the app
//! switcher shows — a plain cover is laid over its window; when Mend is active again the cover
//! is taken away. Type-checked here only; never run.
// Reading UIKit's notification-name constants is an `unsafe` extern-static access.
#![allow(unsafe_code)]

use super::{SwitcherCover, SwitcherPrivacy};
use crate::PlatformError;
use crate::ios::key_window;
use block2::RcBlock;
use objc2::{MainThreadMarker, MainThreadOnly};
use objc2_foundation::{NSNotification, NSNotificationCenter, NSNotificationName, NSOperationQueue};
use objc2_ui_kit::{
    UIApplicationDidBecomeActiveNotification, UIApplicationWillResignActiveNotification, UIColor, UIView,
};
use std::ptr::NonNull;

const SERVICE: &str = "app switcher privacy";

/// Marks the cover so it can be found again ("mend" in ASCII).
const COVER_TAG: isize = 0x6d65_6e64;

/// A cover laid over the window on resign-active.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoverOnResign;

impl SwitcherPrivacy for CoverOnResign {
    fn protect(&self) -> Result<SwitcherCover, PlatformError> {
        // SAFETY: UIKit's notification names are immutable NSString constants set up before
        // any app code runs.
        let (resign, active) =
            unsafe { (UIApplicationWillResignActiveNotification, UIApplicationDidBecomeActiveNotification) };
        observe(resign, cover);
        observe(active, uncover);
        Ok(SwitcherCover::BySystem)
    }
}

/// Run `then` on the main thread whenever `name` is posted, for the life of the app (the
/// notification center keeps the block until the observer is removed, which Mend never does).
fn observe(name: &NSNotificationName, then: fn(MainThreadMarker)) {
    let block = RcBlock::new(move |_note: NonNull<NSNotification>| {
        if let Some(mtm) = MainThreadMarker::new() {
            then(mtm);
        }
    });
    let main = NSOperationQueue::mainQueue();
    // SAFETY: the block takes the notification as the center passes it and touches nothing
    // that outlives the call.
    let _token = unsafe {
        NSNotificationCenter::defaultCenter().addObserverForName_object_queue_usingBlock(
            Some(name),
            None,
            Some(&main),
            &block,
        )
    };
}

fn cover(mtm: MainThreadMarker) {
    let Ok(window) = key_window(mtm, SERVICE) else { return };
    if window.viewWithTag(COVER_TAG).is_some() {
        return;
    }
    let cover = UIView::initWithFrame(UIView::alloc(mtm), window.bounds());
    cover.setBackgroundColor(Some(&UIColor::systemBackgroundColor()));
    cover.setTag(COVER_TAG);
    window.addSubview(&cover);
}

fn uncover(mtm: MainThreadMarker) {
    let Ok(window) = key_window(mtm, SERVICE) else { return };
    if let Some(cover) = window.viewWithTag(COVER_TAG) {
        cover.removeFromSuperview();
    }
}
