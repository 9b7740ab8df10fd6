//! iOS: exporting writes the backup to the app's temporary folder and offers it through the
//! share sheet (`UIActivityViewController`: Save to Files, AirDrop, …); importing opens the
//! document picker in import mode (iOS hands the app a copy) and reads the chosen file.
//! Type-checked here only; never run.
// Defining the picker's delegate class and building the share sheet are `unsafe` in objc2.
#![allow(unsafe_code)]

use super::{BackupFiles, OnPicked, Picked, backup_text};
use crate::PlatformError;
use crate::ios::key_window;
use objc2::rc::Retained;
use objc2::runtime::{AnyObject, NSObject, NSObjectProtocol, ProtocolObject};
use objc2::{DefinedClass, MainThreadMarker, MainThreadOnly, define_class, msg_send};
use objc2_foundation::{NSArray, NSString, NSURL};
#[allow(deprecated)]
use objc2_ui_kit::UIDocumentPickerMode;
use objc2_ui_kit::{UIActivityViewController, UIDocumentPickerDelegate, UIDocumentPickerViewController};
use std::cell::{Cell, RefCell};

const SERVICE: &str = "backup files";

/// Backup files through the share sheet and the document picker.
#[derive(Debug, Clone, Copy, Default)]
pub struct IosBackupFiles;

impl BackupFiles for IosBackupFiles {
    fn export(&self, file_name: &str, text: &str) -> Result<(), PlatformError> {
        if file_name.contains('/') || file_name.is_empty() {
            return Err(PlatformError::new(SERVICE, format!("“{file_name}” can't be a file name")));
        }
        let path = std::env::temp_dir().join(file_name);
        std::fs::write(&path, text).map_err(|e| PlatformError::new(SERVICE, e.to_string()))?;
        let path = path.to_string_lossy().into_owned();
        dispatch2::run_on_main(move |mtm| share(mtm, &path))
    }

    fn import(&self, done: OnPicked) {
        dispatch2::run_on_main(move |mtm| {
            if let Err(e) = pick(mtm, done) {
                tracing::warn!(error = %e, "the document picker could not open");
            }
        });
    }
}

fn share(mtm: MainThreadMarker, path: &str) -> Result<(), PlatformError> {
    let window = key_window(mtm, SERVICE)?;
    let root =
        window.rootViewController().ok_or_else(|| PlatformError::new(SERVICE, "no screen to show it on"))?;
    let url = NSURL::fileURLWithPath(&NSString::from_str(path));
    let items: Retained<NSArray<AnyObject>> =
        NSArray::from_retained_slice(&[Retained::into_super(Retained::into_super(url))]);
    // SAFETY: the items are file URLs, which the share sheet accepts.
    let sheet = unsafe {
        UIActivityViewController::initWithActivityItems_applicationActivities(
            UIActivityViewController::alloc(mtm),
            &items,
            None,
        )
    };
    root.presentViewController_animated_completion(&sheet, true, None);
    Ok(())
}

/// The one picker open at a time, with its delegate (a picker holds its delegate weakly).
struct Open {
    _picker: Retained<UIDocumentPickerViewController>,
    _delegate: Retained<PickerDelegate>,
}

thread_local! {
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
}

fn pick(mtm: MainThreadMarker, done: OnPicked) -> Result<(), PlatformError> {
    let window = key_window(mtm, SERVICE)?;
    let root =
        window.rootViewController().ok_or_else(|| PlatformError::new(SERVICE, "no screen to show it on"))?;
    let types =
        NSArray::from_retained_slice(&[NSString::from_str("public.text"), NSString::from_str("public.data")]);
    // `initWithDocumentTypes:inMode:` is deprecated for content types, which would need one more
    // framework crate for the same import-a-copy behaviour.
    #[allow(deprecated)]
    let picker = UIDocumentPickerViewController::initWithDocumentTypes_inMode(
        UIDocumentPickerViewController::alloc(mtm),
        &types,
        UIDocumentPickerMode::Import,
    );
    let delegate = PickerDelegate::new(mtm, done);
    picker.setDelegate(Some(ProtocolObject::from_ref(&*delegate)));
    root.presentViewController_animated_completion(&picker, true, None);
    OPEN.with(|open| *open.borrow_mut() = Some(Open { _picker: picker, _delegate: delegate }));
    Ok(())
}

/// What the delegate holds: the caller's callback, used once.
struct PickerIvars {
    done: Cell<Option<OnPicked>>,
}

define_class!(
    // SAFETY: NSObject has no subclassing requirements; the delegate is used on the main thread.
    #[unsafe(super(NSObject))]
    #[thread_kind = MainThreadOnly]
    #[name = "MendBackupPickerDelegate"]
    #[ivars = PickerIvars]
    struct PickerDelegate;

    unsafe impl NSObjectProtocol for PickerDelegate {}

    unsafe impl UIDocumentPickerDelegate for PickerDelegate {
        #[unsafe(method(documentPicker:didPickDocumentsAtURLs:))]
        fn did_pick(&self, _picker: &UIDocumentPickerViewController, urls: &NSArray<NSURL>) {
            let answer = match urls.firstObject().and_then(|url| url.path()) {
                Some(path) => std::fs::read(path.to_string())
                    .map_err(|e| PlatformError::new(SERVICE, e.to_string()))
                    .and_then(backup_text),
                None => Ok(Picked::Cancelled),
            };
            self.finish(answer);
        }

        #[unsafe(method(documentPickerWasCancelled:))]
        fn cancelled(&self, _picker: &UIDocumentPickerViewController) {
            self.finish(Ok(Picked::Cancelled));
        }
    }
);

impl PickerDelegate {
    fn new(mtm: MainThreadMarker, done: OnPicked) -> Retained<Self> {
        let this = Self::alloc(mtm).set_ivars(PickerIvars { done: Cell::new(Some(done)) });
        // SAFETY: NSObject's `init` is the designated initializer.
        unsafe { msg_send![super(this), init] }
    }

    fn finish(&self, answer: Result<Picked, PlatformError>) {
        if let Some(done) = self.ivars().done.take() {
            done(answer);
        }
        OPEN.with(|open| open.borrow_mut().take());
    }
}
