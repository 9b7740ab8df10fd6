//! The relay binary; everything it does is in [`mend_sync_server::cli`].

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> anyhow::Result<()> {
    mend_sync_server::cli::main()
}
