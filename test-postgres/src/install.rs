//! Finding the server binaries: `MEND_TEST_PG_BIN`, else the newest `/usr/lib/postgresql/<major>/bin`
//! (Debian's layout, where `initdb` and `postgres` are not on `PATH`).

use crate::Error;
use std::path::{Path, PathBuf};

/// The oldest major version the relay supports.
pub(crate) const MIN_VERSION: u32 = 15;

/// Where Debian puts each major version's server binaries.
const DEBIAN_ROOT: &str = "/usr/lib/postgresql";

/// A PostgreSQL installation: the folder holding `initdb`, `postgres`, `psql` and friends.
#[derive(Debug, Clone)]
pub struct Install {
    bin: PathBuf,
    major: u32,
}

impl Install {
    /// The installation the tests use.
    pub fn find() -> Result<Install, Error> {
        if let Some(bin) = std::env::var_os("MEND_TEST_PG_BIN").map(PathBuf::from) {
            return has_server(&bin).then_some(Install { bin, major: 0 }).ok_or(Error::NotInstalled);
        }
        let entries = std::fs::read_dir(DEBIAN_ROOT).map_err(|_| Error::NotInstalled)?;
        entries
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let major: u32 = entry.file_name().to_str()?.parse().ok()?;
                let bin = entry.path().join("bin");
                (major >= MIN_VERSION && has_server(&bin)).then_some(Install { bin, major })
            })
            .max_by_key(|install| install.major)
            .ok_or(Error::NotInstalled)
    }

    /// The path of one of the installation's programs.
    pub fn program(&self, name: &str) -> PathBuf {
        self.bin.join(name)
    }

    /// The major version (0 when the folder was given by `MEND_TEST_PG_BIN`).
    pub fn major(&self) -> u32 {
        self.major
    }
}

fn has_server(bin: &Path) -> bool {
    ["initdb", "postgres", "psql"].iter().all(|name| bin.join(name).is_file())
}
