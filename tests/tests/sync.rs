//! Pairing and end-to-end-encrypted sync between phones, with the relay as a real process.

mod sync {
    mod faults;
    mod offline_month;
    mod pairing;
    mod privacy;
    mod reinstall;
    mod tampering;
    mod unpair;
}
