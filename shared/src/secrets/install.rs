//! The install id: a random id kept in the data file, new with every fresh data file. A phone
//! keystore that outlives the app (the iOS Keychain keeps items after an uninstall) files the
//! secrets under it, so a reinstalled app with a fresh data file never picks up an old install's
//! pair secret or lock — a restored backup included, since a backup never carries it.

use crate::store::{Store, StoreError};
use std::path::Path;

/// Where the install id is kept in the data file's key/value table.
const INSTALL_KEY: &str = "identity/install";

/// The install id of the data file at `data_file`, made (and saved) the first time it is asked.
pub fn install_id(data_file: &Path) -> Result<String, StoreError> {
    let mut store = Store::open(data_file)?;
    if let Some(id) =
        store.value(INSTALL_KEY)?.and_then(|raw| String::from_utf8(raw).ok()).filter(|id| is_id(id))
    {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    store.set_value(INSTALL_KEY, id.as_bytes())?;
    Ok(id)
}

/// 32 lowercase hex digits, as made above.
fn is_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_file_keeps_its_install_id_and_a_fresh_one_gets_a_new_id() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mend.sqlite");
        let first = install_id(&file).unwrap();
        assert!(is_id(&first));
        assert_eq!(install_id(&file).unwrap(), first);
        let other = install_id(&dir.path().join("reinstalled.sqlite")).unwrap();
        assert_ne!(other, first);
    }

    #[test]
    fn a_damaged_install_id_is_replaced_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mend.sqlite");
        Store::open(&file).unwrap().set_value(INSTALL_KEY, b"../x").unwrap();
        let id = install_id(&file).unwrap();
        assert!(is_id(&id));
    }
}
