//! The relay binary; everything it does is in [`mend_sync_server::cli`].

fn main() -> anyhow::Result<()> {
    mend_sync_server::cli::main()
}
