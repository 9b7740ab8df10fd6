//! Fake pairing and backup services that record what the app asked for.

use super::TestPhone;
use mend_mobile::services::{
    Backups, ExportedBackup, Invitation, KeepData, Pairing, PairingFuture, ServiceError,
};
use mend_shared::crypto::PairSecret;
use mend_shared::session::Session;
use mend_shared::sync::KeyStore;
use std::sync::Mutex;
use tokio::sync::oneshot;

/// Pairing that answers from the test: invitations wait for `accept`, joins check one code.
/// What it does to the phone is real: pairing writes the couple's key file that mend-shared
/// reads to decide "paired", and unpairing removes it, so screens show the truth.
pub struct FakePairing {
    /// The phone's key file.
    keys: KeyStore,
    /// Completes the open invitation.
    accept: Mutex<Option<oneshot::Sender<Result<(), ServiceError>>>>,
    /// Unpair calls, in order.
    pub unpaired: Mutex<Vec<KeepData>>,
    /// When set, unpairing fails with this message and changes nothing.
    pub refuse_unpair: Mutex<Option<String>>,
}

/// The code every fake invitation shows.
pub const CODE: &str = "7-harbor-lantern-quiet";

impl FakePairing {
    /// Pairing for `phone`.
    pub fn on(phone: &TestPhone) -> Self {
        FakePairing {
            keys: phone.keys(),
            accept: Mutex::default(),
            unpaired: Mutex::default(),
            refuse_unpair: Mutex::default(),
        }
    }

    /// Let the partner join the open invitation (or fail it).
    pub fn accept(&self, result: Result<(), ServiceError>) {
        if result.is_ok() {
            self.keys.save(&PairSecret::random()).unwrap();
        }
        let sender = self.accept.lock().unwrap().take().expect("an open invitation");
        sender.send(result).unwrap();
    }
}

impl Pairing for FakePairing {
    fn invite(&self) -> PairingFuture<Invitation> {
        let (tx, rx) = oneshot::channel();
        *self.accept.lock().unwrap() = Some(tx);
        Box::pin(async move {
            let accepted: PairingFuture<()> = Box::pin(async move {
                rx.await.unwrap_or_else(|_| Err(ServiceError::new("the invitation was closed")))
            });
            Ok(Invitation { code: CODE.to_string(), accepted })
        })
    }

    fn replace_partner_phone(&self) -> PairingFuture<Invitation> {
        self.invite()
    }

    fn join(&self, code: String) -> PairingFuture<()> {
        let keys = self.keys.clone();
        Box::pin(async move {
            if code == CODE {
                keys.save(&PairSecret::random()).unwrap();
                Ok(())
            } else {
                Err(ServiceError::new("That code didn't work. Check it with your partner and try again."))
            }
        })
    }

    fn unpair(&self, keep: KeepData) -> PairingFuture<()> {
        if let Some(message) = self.refuse_unpair.lock().unwrap().clone() {
            return Box::pin(async move { Err(ServiceError::new(message)) });
        }
        self.unpaired.lock().unwrap().push(keep);
        self.keys.forget().unwrap();
        Box::pin(async { Ok(()) })
    }
}

/// Backups as the names of the partners, so a test can see what went in and out.
#[derive(Default)]
pub struct FakeBackups {
    /// Texts passed to import.
    pub imported: Mutex<Vec<String>>,
}

impl Backups for FakeBackups {
    fn export(
        &self,
        session: &mut Session,
        passphrase: &str,
        confirm: &str,
    ) -> Result<ExportedBackup, ServiceError> {
        if passphrase != confirm {
            return Err(ServiceError::new("The two passphrases don't match."));
        }
        let names: Vec<String> = session.shared().partners.iter().map(|p| p.name.clone()).collect();
        let text = serde_json::json!({ "partners": names }).to_string();
        Ok(ExportedBackup { text, file_name: "mend-backup.json".into() })
    }

    fn import(
        &self,
        _session: &mut Session,
        json: &str,
        _passphrase: Option<&str>,
    ) -> Result<String, ServiceError> {
        serde_json::from_str::<serde_json::Value>(json)
            .map_err(|_| ServiceError::new("that isn't a Mend backup"))?;
        self.imported.lock().unwrap().push(json.to_string());
        Ok("Restored your backup.".to_string())
    }
}
