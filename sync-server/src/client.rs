//! Who a request comes from, as every per-client limit counts it (rate, upload budget, open
//! nameplates, connections): one IPv4 address, or one IPv6 /64 (a single client is usually handed
//! a whole prefix). The peer's address, or the last `X-Forwarded-For` hop behind a trusted proxy.

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The key a client's limits are counted under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Client(pub IpAddr);

impl Client {
    /// The key of address `ip`: itself for IPv4 (and IPv4-mapped IPv6), its /64 for IPv6.
    pub fn of_ip(ip: IpAddr) -> Client {
        Client(match ip {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let s = v6.segments();
                    IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
                }
            },
        })
    }

    /// The request's client: the last `X-Forwarded-For` hop when the proxy is trusted, else the peer.
    pub fn of_parts(parts: &Parts, trust_forwarded_for: bool) -> Client {
        Self::of(&parts.headers, &parts.extensions, trust_forwarded_for)
    }

    /// Like [`Client::of_parts`], for a whole request.
    pub fn of_request(req: &Request, trust_forwarded_for: bool) -> Client {
        Self::of(req.headers(), req.extensions(), trust_forwarded_for)
    }

    fn of(
        headers: &axum::http::HeaderMap,
        extensions: &axum::http::Extensions,
        trust_forwarded_for: bool,
    ) -> Client {
        let forwarded = trust_forwarded_for
            .then(|| headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|hop| hop.trim().parse().ok());
        let peer = || extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
        // In-process callers (tests) have no peer; they count as one client.
        Client::of_ip(forwarded.or_else(peer).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
    }
}

/// The client, for handlers; reads the relay's `trust_forwarded_for` from the state.
impl FromRequestParts<crate::AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &crate::AppState) -> Result<Self, Infallible> {
        Ok(Client::of_parts(parts, state.config().trust_forwarded_for))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_prefix_and_mapped_ipv4_by_the_address() {
        assert_eq!(Client::of_ip(ip("2001:db8:1:2::1")), Client::of_ip(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(Client::of_ip(ip("2001:db8:1:2::1")), Client::of_ip(ip("2001:db8:1:3::1")));
        assert_eq!(Client::of_ip(ip("::ffff:10.1.2.3")), Client(ip("10.1.2.3")));
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let req = axum::http::Request::builder()
            .header("x-forwarded-for", "203.0.113.9, 198.51.100.7")
            .extension(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 4000))))
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(Client::of_request(&req, true), Client(ip("198.51.100.7")));
        assert_eq!(Client::of_request(&req, false), Client(ip("10.0.0.1")));
    }
}
