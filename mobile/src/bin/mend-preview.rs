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
    let config = PreviewConfig { data_dir: data_dir.clone(), demo: args.demo, relay: args.relay };
    // The same launch the tests start (mobile/tests/preview.rs, the browser suite's demo test).
    let preview = preview::launch(listener, config).await?;
    println!(
        "Mend preview on http://{}/ (data in {}, relay {})",
        preview.addr,
        data_dir.display(),
        preview.relay
    );
    if args.demo {
        println!("Ana's and Ben's phones side by side, already paired; each alone at /phone/a and /phone/b");
    }
    preview.serve().await
}
