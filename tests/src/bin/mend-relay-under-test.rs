//! The relay exactly as `mend-sync-server` runs it, built inside this package so integration
//! tests can start it as a real process (cargo exposes only a package's own binaries to tests).

fn main() -> anyhow::Result<()> {
    mend_sync_server::cli::main()
}
