//! Onboarding and profile: creating and renaming this phone's partner, and private settings.

use super::slot::DocSlot;
use super::{Session, SessionError};
use crate::doc::{Record, Setting};
use crate::ids::PartnerId;
use crate::model::{ModelError, Partner, TextField};
use crate::store::DocKind;

impl Session {
    /// Create this phone's partner profile (onboarding). Fails if one exists.
    pub fn create_profile(&mut self, name: &str) -> Result<PartnerId, SessionError> {
        if self.me.is_some() {
            return Err(ModelError::ProfileExists.into());
        }
        let partner =
            Partner { id: PartnerId::random(), name: TextField::Name.clean(name)?, joined_at: self.now() };
        let id = partner.id.clone();
        // The profile record and this phone's claim on it are saved together: a crash between
        // two writes would leave a stranger in the couple's document.
        let claim = [(super::open::ME_KEY, id.as_str().as_bytes())];
        self.edit_with(
            DocKind::Shared,
            |doc| {
                doc.put(&partner)?;
                Ok(vec![partner.doc_key()])
            },
            &claim,
        )?;
        self.me = Some(id.clone());
        Ok(id)
    }

    /// Adopt an existing partner profile from the shared document as this phone's identity —
    /// used when a reinstalled phone rejoins its couple and finds its old self in the document.
    pub fn adopt_profile(&mut self, id: &PartnerId) -> Result<(), SessionError> {
        if self.me.is_some() {
            return Err(ModelError::ProfileExists.into());
        }
        if self.shared_state.partners.get(id.as_str()).is_none() {
            return Err(ModelError::UnknownRecord { what: "partner", id: id.to_string() }.into());
        }
        self.set_me(id.clone())
    }

    /// Change my display name.
    pub fn rename(&mut self, name: &str) -> Result<(), SessionError> {
        let me = self.require_me()?;
        let mut partner = self
            .shared_state
            .partners
            .get(me.as_str())
            .cloned()
            .ok_or_else(|| ModelError::UnknownRecord { what: "partner", id: me.to_string() })?;
        partner.name = TextField::Name.clean(name)?;
        self.edit_shared(|doc| {
            doc.put(&partner)?;
            Ok(vec![partner.doc_key()])
        })
    }

    /// Store a private setting on this phone.
    pub fn set_setting(&mut self, setting: Setting, value: &str) -> Result<(), SessionError> {
        self.edit_private(|doc| {
            doc.put_str(setting.key(), value)?;
            Ok(vec![setting.key().to_string()])
        })
    }

    /// Check and store the relay address; returns the address as stored.
    pub fn set_relay_url(&mut self, url: &str) -> Result<String, SessionError> {
        let url =
            crate::relay::normalize_relay_url(url).map_err(|e| ModelError::BadRelayUrl(e.to_string()))?;
        self.set_setting(Setting::RelayUrl, &url)?;
        Ok(url)
    }

    /// Remove a private setting.
    pub fn clear_setting(&mut self, setting: Setting) -> Result<(), SessionError> {
        if self.private_state.setting(setting).is_none() {
            return Ok(());
        }
        self.edit_private(|doc| {
            doc.delete_key(setting.key())?;
            Ok(vec![setting.key().to_string()])
        })
    }
}

impl Session {
    /// Erase this phone's copy of the couple's shared document (after unpairing, when the partner
    /// chooses not to keep it). My own profile is written afresh so the app keeps working alone;
    /// the private document is untouched.
    ///
    /// The phone also takes a new device id: its old changes live on in any copy the partner
    /// kept, and new changes under the old id would restart its numbering and clash with them
    /// if the two ever merge again.
    pub fn erase_shared_copy(&mut self) -> Result<(), SessionError> {
        let me = self.me().cloned();
        let actor = super::open::new_actor();
        self.store.erase(DocKind::Shared, &[(super::open::ACTOR_KEY, &actor)])?;
        if let DocSlot::Ready(loaded) = self.slot(DocKind::Private) {
            loaded.doc.set_actor(&actor);
        }
        self.actor = actor;
        self.reload(DocKind::Shared)?;
        if let Some(partner) = me {
            // A part I share stays shared: it goes back in beside my profile.
            let part = self
                .private_state
                .part_choice()
                .filter(|c| c.shared)
                .map(|c| crate::model::SharedPart { partner: partner.id.clone(), part: c.part, at: c.at });
            self.edit_shared(|doc| {
                doc.put(&partner)?;
                let mut keys = vec![partner.doc_key()];
                if let Some(part) = &part {
                    doc.put(part)?;
                    keys.push(part.doc_key());
                }
                Ok(keys)
            })?;
        }
        Ok(())
    }
}
