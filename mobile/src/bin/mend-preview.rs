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
    /// Relay address to store on each phone, e.g. http://127.0.0.1:8787.
    #[arg(long)]
    relay: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let data_dir = args.data_dir.unwrap_or_else(|| std::env::temp_dir().join("mend-preview"));
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    println!("Mend preview on http://{addr}/ (data in {})", data_dir.display());
    if args.demo {
        println!("Two phones side by side; each alone at http://{addr}/phone/a and /phone/b");
    }
    preview::serve(listener, PreviewConfig { data_dir, demo: args.demo, relay: args.relay }).await
}
