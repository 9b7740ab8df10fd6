//! A phone that never stops writing: it opens the data file given as its argument and saves
//! numbered journal entries (shared and private in turn, compacting now and then) until it is
//! killed, printing each number only after the save returned. The crash test kills it with
//! SIGKILL at arbitrary points and checks that every confirmed edit survived.

use anyhow::Context;
use mend_shared::model::{JournalDraft, Visibility};
use mend_shared::session::Session;
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let path =
        std::env::args().nth(1).context("usage: mend-edits-until-killed <data file> <first number>")?;
    let first: u64 = std::env::args().nth(2).context("missing the first number")?.parse()?;
    let mut session = Session::open(std::path::Path::new(&path))?;
    session.ensure_loaded()?;
    if session.me().is_none() {
        session.create_profile("Ana")?;
    }
    let mut out = std::io::stdout().lock();
    for n in first.. {
        let visibility = if n % 2 == 0 { Visibility::Shared } else { Visibility::Private };
        let draft = JournalDraft { body: format!("edit {n}"), ..Default::default() };
        session.add_journal_entry(visibility, draft)?;
        if n % 40 == 39 {
            session.compact()?;
        }
        writeln!(out, "{n}")?;
        out.flush()?;
    }
    Ok(())
}
