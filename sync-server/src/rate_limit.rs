//! Per-client rate limiting: a token bucket per IP address (per /64 for IPv6, which hands each
//! client a whole prefix), checked before any /v1 handler runs (see [`crate::edge`]).

use crate::client::Client;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// Most clients tracked at once (a few MiB); the table never grows past it.
const MAX_TRACKED_CLIENTS: usize = 100_000;

/// At the cap, refilled buckets are looked for at most this often: a full scan is not free.
const FULL_SWEEP_EVERY: Duration = Duration::from_secs(1);

/// Token buckets by client.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    capacity: usize,
    buckets: Mutex<Buckets>,
}

#[derive(Debug, Default)]
struct Buckets {
    by_client: HashMap<IpAddr, Bucket>,
    /// When the table, being full, was last swept for refilled buckets.
    swept_when_full: Option<Instant>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// `per_second` sustained with bursts of `burst`; `None` when `per_second` is 0 (no limit).
    pub fn new(per_second: u32, burst: u32) -> Option<Self> {
        Self::with_capacity(per_second, burst, MAX_TRACKED_CLIENTS)
    }

    fn with_capacity(per_second: u32, burst: u32, capacity: usize) -> Option<Self> {
        (per_second > 0).then(|| RateLimiter {
            per_second: f64::from(per_second),
            burst: f64::from(burst.max(1)),
            capacity: capacity.max(1),
            buckets: Mutex::new(Buckets::default()),
        })
    }

    /// Take one token for `client`, or say how long until one is there.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let Client(key) = Client::of_ip(client);
        let mut guard = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let Buckets { by_client: buckets, swept_when_full } = &mut *guard;
        if buckets.len() >= self.capacity && !buckets.contains_key(&key) {
            if swept_when_full.is_none_or(|at| now.saturating_duration_since(at) >= FULL_SWEEP_EVERY) {
                self.forget_idle(buckets, now);
                *swept_when_full = Some(now);
            }
            if buckets.len() >= self.capacity {
                // Still full of active clients (many addresses at once): drop one so memory stays
                // bounded. That client only gets a fresh burst; refusing newcomers instead would
                // let whoever filled the table lock everyone else out.
                if let Some(evicted) = buckets.keys().next().copied() {
                    buckets.remove(&evicted);
                }
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket { tokens: self.burst, at: now });
        bucket.tokens = self.refilled(bucket, now);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second))
        }
    }

    /// Drop buckets that have refilled completely: they are indistinguishable from new ones.
    pub fn sweep(&self, now: Instant) {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        self.forget_idle(&mut buckets.by_client, now);
    }

    fn forget_idle(&self, buckets: &mut HashMap<IpAddr, Bucket>, now: Instant) {
        buckets.retain(|_, b| self.refilled(b, now) < self.burst);
    }

    fn refilled(&self, bucket: &Bucket, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        (bucket.tokens + elapsed * self.per_second).min(self.burst)
    }

    /// Clients currently tracked.
    pub fn tracked(&self) -> usize {
        self.buckets.lock().unwrap_or_else(PoisonError::into_inner).by_client.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_gets_its_burst_then_waits_for_refill() {
        let limiter = RateLimiter::new(2, 3).unwrap();
        let a = ip("10.0.0.1");
        for _ in 0..3 {
            limiter.check(a, Instant::now()).unwrap();
        }
        let wait = limiter.check(a, Instant::now()).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        // Another client is unaffected.
        limiter.check(ip("10.0.0.2"), Instant::now()).unwrap();
        tokio::time::advance(Duration::from_millis(500)).await;
        limiter.check(a, Instant::now()).unwrap();
        assert!(limiter.check(a, Instant::now()).is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn ipv6_clients_share_a_bucket_per_64_prefix() {
        let limiter = RateLimiter::new(1, 1).unwrap();
        limiter.check(ip("2001:db8:1:2::1"), Instant::now()).unwrap();
        assert!(limiter.check(ip("2001:db8:1:2:ffff::9"), Instant::now()).is_err());
        limiter.check(ip("2001:db8:1:3::1"), Instant::now()).unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn refilled_buckets_are_forgotten_by_the_sweep() {
        let limiter = RateLimiter::new(10, 5).unwrap();
        limiter.check(ip("10.0.0.1"), Instant::now()).unwrap();
        limiter.sweep(Instant::now());
        assert_eq!(limiter.tracked(), 1);
        tokio::time::advance(Duration::from_secs(1)).await;
        limiter.sweep(Instant::now());
        assert_eq!(limiter.tracked(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn the_client_table_never_grows_past_its_cap() {
        let limiter = RateLimiter::with_capacity(1, 5, 50).unwrap();
        // Many busy clients at once: none of them has refilled, so none is idle.
        for i in 0..500u32 {
            limiter.check(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i)), Instant::now()).unwrap();
            assert!(limiter.tracked() <= 50, "{} clients tracked", limiter.tracked());
        }
        assert_eq!(limiter.tracked(), 50);
        // Refilled buckets are forgotten first once the sweep interval has passed.
        tokio::time::advance(Duration::from_secs(10)).await;
        limiter.check(ip("10.9.9.9"), Instant::now()).unwrap();
        assert_eq!(limiter.tracked(), 1);
    }

    #[test]
    fn zero_rate_means_no_limiter() {
        assert!(RateLimiter::new(0, 10).is_none());
    }
}
