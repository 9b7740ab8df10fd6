//! Prometheus metrics: request counts by route and status, plus the store's and long-polls' gauges.

use crate::state::AppState;
use crate::store::{Gauges, StoreStats};
use axum::http::Method;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

/// Request counts of one route template, by (method, status).
type RouteCounts = HashMap<(&'static str, u16), u64>;

/// Counters kept by the HTTP layer (the store keeps its own).
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<HashMap<String, RouteCounts>>,
    long_polls_active: AtomicU64,
    long_polls_total: AtomicU64,
    rate_limited: AtomicU64,
}

/// A known method name, so a client cannot mint label values.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::PUT => "PUT",
        Method::POST => "POST",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "OTHER",
    }
}

impl Metrics {
    /// Count one answered request. `route` is the route template, never the concrete path.
    pub fn record(&self, method: &Method, route: &str, status: u16) {
        let mut requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        let by_route = match requests.get_mut(route) {
            Some(by_route) => by_route,
            None => requests.entry(route.to_owned()).or_default(),
        };
        *by_route.entry((method_label(method), status)).or_default() += 1;
    }

    /// A long-poll started waiting.
    pub fn long_poll_started(&self) {
        self.long_polls_active.fetch_add(1, Ordering::Relaxed);
        self.long_polls_total.fetch_add(1, Ordering::Relaxed);
    }

    /// A long-poll finished waiting.
    pub fn long_poll_ended(&self) {
        self.long_polls_active.fetch_sub(1, Ordering::Relaxed);
    }

    /// A request was refused for its rate.
    pub fn count_rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    /// Everything in the Prometheus text format, with the store's `gauges` read just before.
    pub fn render(&self, state: &AppState, gauges: Gauges) -> String {
        let mut out = String::with_capacity(4096);
        out.push_str(
            "# HELP mend_relay_http_requests_total HTTP requests answered, by method, route and status.\n",
        );
        out.push_str("# TYPE mend_relay_http_requests_total counter\n");
        {
            let requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
            // Sorted, so the output is stable between scrapes.
            let sorted: BTreeMap<_, BTreeMap<_, _>> =
                requests.iter().map(|(route, counts)| (route, counts.iter().collect())).collect();
            for (route, counts) in sorted {
                for ((method, status), count) in counts {
                    let _ = writeln!(
                        out,
                        "mend_relay_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                        escape(route)
                    );
                }
            }
        }
        let stats = state.store().stats();
        let load = |a: &AtomicU64| StoreStats::get(a);
        let scalars: [(&str, &str, &str, u64); 15] = [
            (
                "mend_relay_bundles_stored_total",
                "counter",
                "Bundles stored since start.",
                load(&stats.bundles_stored),
            ),
            (
                "mend_relay_bundle_bytes_stored_total",
                "counter",
                "Payload bytes of bundles stored since start.",
                load(&stats.bundle_bytes_stored),
            ),
            (
                "mend_relay_duplicate_bundles_total",
                "counter",
                "Bundle uploads answered as duplicates.",
                load(&stats.duplicate_bundles),
            ),
            (
                "mend_relay_snapshots_stored_total",
                "counter",
                "Snapshots stored since start.",
                load(&stats.snapshots_stored),
            ),
            (
                "mend_relay_write_batches_total",
                "counter",
                "Write transactions committed (group commits).",
                load(&stats.write_batches),
            ),
            (
                "mend_relay_write_jobs_total",
                "counter",
                "Write jobs in those transactions.",
                load(&stats.write_jobs),
            ),
            (
                "mend_relay_rooms_expired_total",
                "counter",
                "Rooms this process deleted for having been idle too long.",
                load(&stats.rooms_expired),
            ),
            ("mend_relay_rooms", "gauge", "Rooms that exist.", gauges.rooms),
            ("mend_relay_stored_bytes", "gauge", "Bytes held in bundles and snapshots.", gauges.stored_bytes),
            (
                "mend_relay_long_polls_active",
                "gauge",
                "Long-polls waiting right now.",
                load(&self.long_polls_active),
            ),
            (
                "mend_relay_long_polls_total",
                "counter",
                "Long-polls that waited, since start.",
                load(&self.long_polls_total),
            ),
            (
                "mend_relay_watched_rooms",
                "gauge",
                "Rooms with at least one bundle long-poll.",
                state.hub().watched_rooms() as u64,
            ),
            (
                "mend_relay_pairing_nameplates_open",
                "gauge",
                "Pairing nameplates open.",
                gauges.nameplates_open,
            ),
            (
                "mend_relay_upload_bytes_in_flight",
                "gauge",
                "Upload bytes held in memory right now (read, or waiting for their commit).",
                state.uploads().in_use() as u64,
            ),
            (
                "mend_relay_rate_limited_total",
                "counter",
                "Requests refused for their rate.",
                load(&self.rate_limited),
            ),
        ];
        for (name, kind, help, value) in scalars {
            let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n");
        }
        out
    }
}

/// Label values escape backslash, quote and newline.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_methods_share_one_label_and_routes_are_escaped() {
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "OTHER");
        assert_eq!(escape("a\"b\\c"), "a\\\"b\\\\c");
    }
}
