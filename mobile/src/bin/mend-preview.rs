//! mend-preview: the Mend app in a browser (dioxus-liveview), for trying it on any machine.

use clap::Parser;
use mend_mobile::preview::{self, PreviewConfig};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Serve the Mend app over a websocket to a browser, on this machine only by default.
#[derive(Debug, Parser)]
#[command(name = "mend-preview", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Folder for the phones' data (one folder per phone inside).
    #[arg(long, env = "MEND_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Show two phones side by side.
    #[arg(long)]
    demo: bool,
    /// Use this relay (e.g. http://127.0.0.1:8787) instead of starting one inside the preview.
    #[arg(long)]
    relay: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let data_dir = args.data_dir.unwrap_or_else(|| std::env::temp_dir().join("mend-preview"));
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    let relay = match args.relay {
        Some(url) => url,
        None => preview::start_embedded_relay(&data_dir).await?,
    };
    let config = PreviewConfig { data_dir: data_dir.clone(), demo: args.demo, relay: Some(relay.clone()) };
    let phones = preview::open_phones(&config)?;
    if args.demo {
        preview::prepare_demo(&phones, &relay).await?;
    }
    let phones = phones.into_iter().map(|(name, phone)| (name, mend_mobile::connect(phone))).collect();
    println!("Mend preview on http://{addr}/ (data in {}, relay {relay})", data_dir.display());
    if args.demo {
        println!("Ana's and Ben's phones side by side, already paired; each alone at /phone/a and /phone/b");
    }
    preview::serve_phones(listener, phones, args.demo).await
}
