//! The same App in a browser: dioxus-liveview over axum, one route per phone, on loopback.
//!
//! Each phone (`/phone/a`, `/phone/b`) has its own data folder and its own [`Phone`], shared by
//! every browser tab showing it. `/` shows phone A, or in demo mode both phones side by side at
//! phone size. dioxus-liveview's `with_app("/", ..)` doesn't answer `GET /` (and builds socket
//! paths without a leading slash for sub-routes), so the pages and sockets are routed here.

mod demo;
mod pages;
mod relay;

pub use demo::{DEMO_NAMES, prepare_demo};
pub use relay::start_embedded_relay;

use crate::{App, Phone};
use anyhow::Context;
use axum::Router;
use axum::extract::{Path, State, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use dioxus::prelude::VirtualDom;
use dioxus_liveview::{LiveViewPool, axum_socket};
use mend_shared::relay::normalize_relay_url;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The phones a preview serves, by route name.
pub const PHONES: [&str; 2] = ["a", "b"];

/// How to run a preview.
#[derive(Debug, Clone)]
pub struct PreviewConfig {
    /// The folder holding one data folder per phone (`a/`, `b/`).
    pub data_dir: PathBuf,
    /// Show both phones side by side at `/`.
    pub demo: bool,
    /// The relay address stored on each phone at start (pairing and sync use it).
    pub relay: Option<String>,
}

#[derive(Clone)]
struct Preview {
    phones: Arc<BTreeMap<String, Phone>>,
    pool: LiveViewPool,
    demo: bool,
}

/// Open (or create) each phone's data in `config.data_dir`, storing the relay address if given.
pub fn open_phones(config: &PreviewConfig) -> anyhow::Result<Vec<(String, Phone)>> {
    let relay = config.relay.as_deref().map(normalize_relay_url).transpose()?;
    PHONES
        .iter()
        .map(|name| {
            let dir = config.data_dir.join(name);
            let phone = Phone::open_in(&dir).with_context(|| format!("opening phone {name}"))?;
            if let Some(url) = &relay {
                phone.edit(|s| s.set_relay_url(url))?;
            }
            Ok((name.to_string(), phone))
        })
        .collect()
}

/// The preview's routes for these phones (the first one is shown at `/` outside demo mode).
pub fn router(phones: Vec<(String, Phone)>, demo: bool) -> Router {
    let first = phones.first().map(|(name, _)| name.clone()).unwrap_or_default();
    let state = Preview { phones: Arc::new(phones.into_iter().collect()), pool: LiveViewPool::new(), demo };
    Router::new()
        .route("/", get(move |State(p): State<Preview>| async move { index(&p, &first) }))
        .route("/phone/{name}", get(phone_page))
        .route("/phone/{name}/ws", get(phone_socket))
        .with_state(state)
}

/// A preview made ready the way `mend-preview` makes it: relay chosen (or started inside),
/// phones opened, the demo couple paired, pairing and live sync switched on. Tests start it the
/// same way, so the README's command is what they check.
#[derive(Debug)]
pub struct Launched {
    /// Where the preview answers.
    pub addr: std::net::SocketAddr,
    /// The relay the phones use.
    pub relay: String,
    /// The phones, connected, by route name.
    pub phones: Vec<(String, Phone)>,
    listener: TcpListener,
    demo: bool,
}

impl Launched {
    /// One phone by route name.
    pub fn phone(&self, name: &str) -> Option<&Phone> {
        self.phones.iter().find(|(n, _)| n == name).map(|(_, p)| p)
    }

    /// Serve until the listener fails.
    pub async fn serve(self) -> anyhow::Result<()> {
        serve_phones(self.listener, self.phones, self.demo).await
    }
}

/// Get a preview ready on `listener`: use `config.relay`, or start the relay inside the preview
/// with its database in the data folder; open the phones; in demo mode give them Ana's and Ben's
/// profiles and pair them by code through that relay; then connect pairing and live sync.
pub async fn launch(listener: TcpListener, config: PreviewConfig) -> anyhow::Result<Launched> {
    let addr = listener.local_addr().context("reading the preview's address")?;
    let relay = match &config.relay {
        Some(url) => url.clone(),
        None => start_embedded_relay(&config.data_dir).await?,
    };
    let config = PreviewConfig { relay: Some(relay.clone()), ..config };
    let phones = open_phones(&config)?;
    if config.demo {
        prepare_demo(&phones, &relay).await?;
    }
    let phones = phones.into_iter().map(|(name, phone)| (name, crate::connect(phone))).collect();
    Ok(Launched { addr, relay, phones, listener, demo: config.demo })
}

/// Serve a preview with phones opened from `config` until the listener fails.
pub async fn serve(listener: TcpListener, config: PreviewConfig) -> anyhow::Result<()> {
    let phones =
        open_phones(&config)?.into_iter().map(|(name, phone)| (name, crate::connect(phone))).collect();
    serve_phones(listener, phones, config.demo).await
}

/// Serve a preview of phones set up by the caller (paired, syncing…).
pub async fn serve_phones(
    listener: TcpListener,
    phones: Vec<(String, Phone)>,
    demo: bool,
) -> anyhow::Result<()> {
    axum::serve(listener, router(phones, demo)).await.context("serving the preview")
}

fn index(p: &Preview, first: &str) -> Html<String> {
    if p.demo {
        let names: Vec<&str> = p.phones.keys().map(String::as_str).collect();
        Html(pages::demo(&names))
    } else {
        Html(pages::phone(first))
    }
}

async fn phone_page(State(p): State<Preview>, Path(name): Path<String>) -> Response {
    match p.phones.contains_key(&name) {
        true => Html(pages::phone(&name)).into_response(),
        false => (StatusCode::NOT_FOUND, "There is no such phone in this preview.").into_response(),
    }
}

async fn phone_socket(State(p): State<Preview>, Path(name): Path<String>, ws: WebSocketUpgrade) -> Response {
    let Some(phone) = p.phones.get(&name).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pool = p.pool.clone();
    ws.on_upgrade(move |socket| async move {
        let make = move || VirtualDom::new(App).with_root_context(phone);
        if let Err(e) = pool.launch_virtualdom(axum_socket(socket), make).await {
            tracing::debug!("a preview page closed: {e:?}");
        }
    })
}
