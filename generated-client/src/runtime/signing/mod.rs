//! Request signing for the two access-key schemes the generated clients speak.
//!
//! * [`huawei`]: `SDK-HMAC-SHA256`, byte-compatible with the signer of the
//!   official Huawei Cloud Python SDK (DDM, DWS).
//! * [`ocp`]: `OCP-ACCESS-KEY-HMACSHA1`, the access-key scheme of OceanBase
//!   Cloud Platform.
//!
//! Both signers are pure functions: the caller passes the clock reading (as
//! the formatted date header it will also send) and a borrowed view of the
//! request ([`RequestParts`]). Nothing here performs I/O, reads the clock or
//! logs; secrets never appear in `Debug` output or error messages.
//!
//! The module is self-contained (it only uses `super::` paths), so it can be
//! dropped into any crate that has the `hmac`, `sha2`, `sha1`, `md-5`,
//! `base64`, `percent-encoding`, `chrono` and `thiserror` dependencies.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

pub mod huawei;
pub mod ocp;

#[cfg(test)]
mod tests;

/// What a signer sees of one request.
///
/// `path` is the wire path, already percent-encoded, without the query.
#[derive(Clone, Copy)]
pub struct RequestParts<'a> {
    /// HTTP method, e.g. `"POST"` (any case; signers upper-case it).
    pub method: &'a str,
    /// Network location, `host[:port]`, exactly as sent in the `Host` header.
    pub host: &'a str,
    /// Percent-encoded wire path without the query, e.g. `"/v1/p/instances/i/users"`.
    pub path: &'a str,
    /// Decoded query pairs, in the order the caller gave them.
    pub query: &'a [(String, String)],
    /// Headers the caller will send, as `(name, value)`; names in any case.
    pub headers: &'a [(String, String)],
    /// Request body; an empty slice means "no body".
    pub body: &'a [u8],
}

impl fmt::Debug for RequestParts<'_> {
    /// Header values may hold tokens, and bodies may hold passwords: only
    /// header names and the body length are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestParts")
            .field("method", &self.method)
            .field("host", &self.host)
            .field("path", &self.path)
            .field("query_len", &self.query.len())
            .field("header_names", &header_names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Bytes left as they are by [`encode_component`]: the RFC 3986 unreserved
/// set `A-Z a-z 0-9 - _ . ~`. Everything else is escaped.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment / query component: everything except
/// `A-Z a-z 0-9 - _ . ~` becomes `%XX` (uppercase hex, over UTF-8).
///
/// This matches Python's `urllib.parse.quote(s, safe='~')` and
/// `quote(s, safe='')` on Python 3.7+.
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// The query string as the Huawei SDK sends *and* signs it.
///
/// Pairs are sorted by raw (decoded) key, then raw value, using code-point
/// order (which is byte order over UTF-8), and only then encoded with
/// [`encode_component`]. They are joined with `&`, with no leading `?`; no
/// pairs give the empty string.
///
/// Values are compared as strings: a caller that stringifies numbers gets
/// `"10" < "9"`, which only matters for repeated keys.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    let mut out = String::new();
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&encode_component(k));
        out.push('=');
        out.push_str(&encode_component(v));
    }
    out
}

/// Last value of the header `name` (ASCII case-insensitive), if any.
fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .rev()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Lowercase hex of a digest.
fn to_hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
