//! Pairing and end-to-end-encrypted sync between phones, with the relay as a real process.

mod sync {
    mod compaction;
    mod faults;
    mod heal;
    mod live;
    mod offline_month;
    mod pairing;
    mod privacy;
    mod reinstall;
    mod repair;
    mod replace;
    mod tampering;
    mod two_relays;
    mod unpair;
}
