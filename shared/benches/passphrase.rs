//! Benchmarks of the passphrase work a person waits for: unlocking the app (one Argon2id check),
//! and sealing and opening a backup of three years of a couple's history. They show the chosen
//! Argon2id cost (`KdfParams::CURRENT`) lands in the 0.3–1 s a person accepts for an unlock, and
//! what the sealing itself adds.
//!
//! Run: `cargo bench -p mend-shared --bench passphrase`

use criterion::{Criterion, criterion_group, criterion_main};
use mend_shared::crypto::passphrase::{KdfParams, derive_key, random_salt};
use mend_shared::lock::{AwayLimit, LockKind, NewLock, UnlockOutcome};
use mend_shared::session::{SampleSpec, Session};
use mend_shared::time::{Day, ManualClock};
use std::sync::Arc;
use std::time::Duration;

const PIN: &str = "482913";
const PASSPHRASE: &str = "lantern orchard velvet tuesday";

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mend.sqlite");
    let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 11, 25).unwrap(), 1));
    Session::create_sample_file(&path, clock.clone(), "Ana", "Ben", SampleSpec::three_years()).unwrap();
    let mut s = Session::open_with_clock(&path, clock).unwrap();
    s.ensure_loaded().unwrap();
    s.set_app_lock(NewLock { kind: LockKind::Pin, secret: PIN, confirm: PIN, away: AwayLimit::AtOnce })
        .unwrap();

    let mut group = c.benchmark_group("passphrase");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    let p = KdfParams::CURRENT;
    eprintln!("Argon2id m={} KiB, t={}, p={}", p.m, p.t, p.p);

    // The whole unlock: count the attempt in the data file, check the hash, clear the count.
    group.bench_function("unlock_with_pin", |b| {
        b.iter(|| assert_eq!(s.try_unlock(PIN).unwrap(), UnlockOutcome::Unlocked))
    });
    group.bench_function("argon2id_key_alone", |b| {
        let salt = random_salt();
        b.iter(|| derive_key(PASSPHRASE, &salt, &p).unwrap())
    });

    let plain = s.export_backup().unwrap();
    let sealed = s.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap().text;
    eprintln!(
        "three-year backup: plain {:.2} MiB, sealed {:.2} MiB",
        plain.len() as f64 / 1048576.0,
        sealed.len() as f64 / 1048576.0
    );
    group.bench_function("export_plain_3y", |b| b.iter(|| s.export_backup().unwrap()));
    group.bench_function("seal_backup_3y", |b| {
        b.iter(|| s.export_sealed_backup(PASSPHRASE, PASSPHRASE).unwrap())
    });
    // Opening into the phone that made it: every check and the trial merge, nothing changes.
    group.bench_function("open_and_restore_sealed_3y", |b| {
        b.iter(|| assert!(s.restore_backup(&sealed, Some(PASSPHRASE)).unwrap().changed_nothing()))
    });
    group.finish();
}

criterion_group!(passphrase, benches);
criterion_main!(passphrase);
