//! The app in a browser: mend-preview's server in-process on loopback, one route per phone, each
//! phone with its own data folder, connected to a relay like the real app.

use mend_mobile::Phone;
use mend_shared::session::Session;
use mend_shared::time::ManualClock;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A preview server serving some phones.
#[derive(Debug)]
pub struct PreviewServer {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// The phones, by route name, as the app holds them.
    pub phones: Vec<(String, Phone)>,
    _dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<()>,
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

    /// Serve fresh phones named `names` whose clocks are `clock` (set by the test).
    pub async fn start_with_clock(names: &[&str], relay_url: &str, clock: &Arc<ManualClock>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let phones = names
            .iter()
            .map(|n| (n.to_string(), open_phone_with_clock(&dir.path().join(n), relay_url, clock)))
            .collect();
        Self::serve(phones, dir, false).await
    }

    /// Serve Ana's phone (`a`) and Ben's (`b`), already onboarded and paired through `relay_url`
    /// the way the demo is, with live sync running.
    pub async fn start_paired(relay_url: &str) -> Self {
        Self::start_paired_with_spares(relay_url, &[]).await
    }

    /// [`Self::start_paired`], plus fresh phones named `spare` (a new phone, say).
    pub async fn start_paired_with_spares(relay_url: &str, spare: &[&str]) -> Self {
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
        let mut phones: Vec<(String, Phone)> =
            raw.into_iter().map(|(n, p)| (n, mend_mobile::connect(p))).collect();
        phones.extend(spare.iter().map(|n| (n.to_string(), open_phone(&dir.path().join(n), relay_url))));
        Self::serve(phones, dir, false).await
    }

    /// Stop serving and serve the same phones' folders again on a new port, each reopened from
    /// disk by `open` (as after the app was closed and started again).
    pub async fn restart(self, open: impl Fn(&Path) -> Phone) -> Self {
        self.server.abort();
        let names: Vec<String> = self.phones.into_iter().map(|(n, _)| n).collect();
        let dir = self._dir;
        let phones = names.iter().map(|n| (n.clone(), open(&dir.path().join(n)))).collect();
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
        let server = tokio::spawn(async move {
            let _ = mend_mobile::preview::serve_phones(listener, served, demo).await;
        });
        PreviewServer { url, phones, _dir: dir, server }
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

/// [`open_phone`], with the phone's clock set by the test.
pub fn open_phone_with_clock(dir: &Path, relay_url: &str, clock: &Arc<ManualClock>) -> Phone {
    std::fs::create_dir_all(dir).unwrap();
    let session = Session::open_with_clock(&dir.join(mend_mobile::DATA_FILE), clock.clone()).unwrap();
    let phone = Phone::new(session);
    phone.edit(|s| s.set_relay_url(relay_url)).unwrap();
    mend_mobile::connect(phone)
}
