//! The app in a browser: mend-preview's server in-process on loopback, one route per phone, each
//! phone with its own data folder, connected to a relay like the real app.

use mend_mobile::Phone;
use std::path::{Path, PathBuf};

/// A preview server serving some phones.
#[derive(Debug)]
pub struct PreviewServer {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// The phones, by route name, as the app holds them.
    pub phones: Vec<(String, Phone)>,
    _dir: tempfile::TempDir,
}

impl PreviewServer {
    /// Serve fresh phones named `names` (each in its own folder) with `relay_url` stored as their
    /// relay, pairing and live sync switched on.
    pub async fn start(names: &[&str], relay_url: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let phones =
            names.iter().map(|n| (n.to_string(), open_phone(&dir.path().join(n), relay_url))).collect();
        Self::serve(phones, dir, false).await
    }

    /// Serve Ana's phone (`a`) and Ben's (`b`), already onboarded and paired through `relay_url`
    /// the way the demo is, with live sync running.
    pub async fn start_paired(relay_url: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let raw: Vec<(String, Phone)> = ["a", "b"]
            .iter()
            .map(|n| {
                let phone = Phone::open_in(&dir.path().join(n)).unwrap();
                phone.edit(|s| s.set_relay_url(relay_url)).unwrap();
                (n.to_string(), phone)
            })
            .collect();
        mend_mobile::preview::prepare_demo(&raw, relay_url).await.unwrap();
        let phones = raw.into_iter().map(|(n, p)| (n, mend_mobile::connect(p))).collect();
        Self::serve(phones, dir, false).await
    }

    /// Serve Ana's phone (`a`) holding `days` of generated history with a partner, Ben.
    pub async fn start_with_history(relay_url: &str, days: u32) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let phone = Phone::open_in(&dir.path().join("a")).unwrap();
        phone
            .edit(|s| {
                s.set_relay_url(relay_url)?;
                s.create_profile("Ana")?;
                s.generate_sample("Ben", mend_shared::session::SampleSpec::weeks(days)).map(drop)
            })
            .unwrap();
        Self::serve(vec![("a".to_string(), mend_mobile::connect(phone))], dir, false).await
    }

    /// One phone by route name.
    pub fn phone(&self, name: &str) -> &Phone {
        &self.phones.iter().find(|(n, _)| n == name).unwrap().1
    }

    /// Serve phones prepared by the caller.
    pub async fn serve(phones: Vec<(String, Phone)>, dir: tempfile::TempDir, demo: bool) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = phones.clone();
        tokio::spawn(async move { mend_mobile::preview::serve_phones(listener, served, demo).await });
        PreviewServer { url, phones, _dir: dir }
    }

    /// The page of one phone.
    pub fn phone_url(&self, name: &str) -> String {
        format!("{}/phone/{name}", self.url)
    }

    /// The data folder root.
    pub fn data_root(&self) -> PathBuf {
        self._dir.path().to_path_buf()
    }
}

/// Open a phone's data in `dir`, store the relay address, and connect pairing and sync.
pub fn open_phone(dir: &Path, relay_url: &str) -> Phone {
    let phone = Phone::open_in(dir).unwrap();
    phone.edit(|s| s.set_relay_url(relay_url)).unwrap();
    mend_mobile::connect(phone)
}
