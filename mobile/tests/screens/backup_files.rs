//! Backup files on a phone: the system's share sheet and document picker take the place of the
//! web view's download link and file input (which give the app nothing on phones).

use crate::support::{FakeBackups, Screen, TestPhone};
use mend_platform::PlatformError;
use mend_platform::backup_files::{BackupFiles, OnPicked, Picked};
use std::sync::{Arc, Mutex};

/// The phone's sheets as a person uses them: what was shared is kept, and the picker hands back
/// the file the person picks (set by the test), on a thread of its own as a platform does.
#[derive(Debug, Default)]
struct Sheets {
    shared: Mutex<Vec<(String, String)>>,
    pick: Mutex<Option<Result<Picked, PlatformError>>>,
}

impl BackupFiles for Sheets {
    fn export(&self, file_name: &str, text: &str) -> Result<(), PlatformError> {
        self.shared.lock().unwrap().push((file_name.to_string(), text.to_string()));
        Ok(())
    }

    fn import(&self, done: OnPicked) {
        let pick = self.pick.lock().unwrap().take().unwrap_or(Ok(Picked::Cancelled));
        std::thread::spawn(move || done(pick));
    }
}

fn phone_with_sheets(ana: &TestPhone) -> (Screen, Arc<FakeBackups>, Arc<Sheets>) {
    let (backups, sheets) = (Arc::new(FakeBackups::default()), Arc::new(Sheets::default()));
    let phone = ana.phone.clone().with_backups(backups.clone()).with_backup_files(sheets.clone());
    let mut screen = Screen::new(&phone);
    screen.click("open-settings");
    (screen, backups, sheets)
}

#[tokio::test]
async fn on_a_phone_a_sealed_backup_is_saved_through_the_share_sheet() {
    let ana = TestPhone::named("Ana");
    let (mut screen, _backups, sheets) = phone_with_sheets(&ana);
    screen.input("backup-passphrase", "one passphrase here");
    screen.input("backup-passphrase-confirm", "one passphrase here");
    screen.click("backup-export");
    screen.wait_until(10, "the backup", |s| s.has("backup-share")).await;
    assert!(!screen.has("backup-download"), "a download link does nothing in a phone's web view");
    screen.click("backup-share");
    let shared = sheets.shared.lock().unwrap().clone();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].0, "mend-backup.json");
    assert!(shared[0].1.contains("Ana"), "the file holds the backup: {}", shared[0].1);
}

#[tokio::test]
async fn on_a_phone_a_backup_picked_in_the_document_picker_is_restored() {
    let ana = TestPhone::named("Ana");
    let (mut screen, backups, sheets) = phone_with_sheets(&ana);
    assert!(!screen.has("backup-import-file"), "no file input on a phone");
    *sheets.pick.lock().unwrap() = Some(Ok(Picked::Text(r#"{"partners":["Ana"]}"#.into())));
    screen.click("backup-import-choose");
    screen.wait_until(10, "the picked file", |s| s.has("backup-import-chosen")).await;
    assert_eq!(screen.text("backup-import-chosen"), "Read “the file you chose”.");
    screen.click("backup-import");
    screen.wait_until(10, "the restore", |s| s.has("backup-status")).await;
    assert_eq!(screen.text("backup-status"), "Restored your backup.");
    assert_eq!(backups.imported.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_file_the_picker_could_not_read_restores_nothing_and_says_why() {
    let ana = TestPhone::named("Ana");
    let (mut screen, backups, sheets) = phone_with_sheets(&ana);
    let unreadable =
        mend_platform::backup_files::backup_text(vec![0xff, 0xfe, 0x00]).map(|_| Picked::Cancelled);
    *sheets.pick.lock().unwrap() = Some(unreadable);
    screen.click("backup-import-choose");
    screen.wait_until(10, "the refusal", |s| s.has("backup-status")).await;
    assert_eq!(
        screen.text("backup-status"),
        "Nothing was restored: that file isn't text, so it can't be a Mend backup."
    );
    assert!(backups.imported.lock().unwrap().is_empty());
}
