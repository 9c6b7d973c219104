//! The client's address. `X-Forwarded-For` is believed only when the direct peer is a configured
//! trusted proxy, and then the right-most address that is not itself a trusted proxy is taken
//! (SECURITY.md I3): anyone can write that header, only the proxy's own entry is trustworthy.

use axum::http::HeaderMap;
use std::net::IpAddr;

pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|ip| ip.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted.contains(ip))
            .unwrap_or(peer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_direct_client_cannot_spoof_its_address() {
        assert_eq!(
            client_ip(Some(ip("203.0.113.9")), &xff("1.2.3.4"), &[]),
            Some(ip("203.0.113.9"))
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client() {
        let proxy = ip("10.0.0.2");
        let headers = xff("6.6.6.6, 198.51.100.7");
        assert_eq!(
            client_ip(Some(proxy), &headers, &[proxy]),
            Some(ip("198.51.100.7"))
        );
    }
}
