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
mod sdk_date;

#[cfg(test)]
mod reference_tests;
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
    let mut out = String::new();
    push_canonical_query(&mut out, pairs);
    out
}

/// [`canonical_query`] appended to `out`: the signers write it into the text they sign.
fn push_canonical_query(out: &mut String, pairs: &[(String, String)]) {
    if pairs.is_empty() {
        return;
    }
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        push_encoded(out, k);
        out.push('=');
        push_encoded(out, v);
    }
}

/// [`encode_component`] appended to `out`, without a `String` of its own.
pub(crate) fn push_encoded(out: &mut String, s: &str) {
    for piece in utf8_percent_encode(s, COMPONENT) {
        out.push_str(piece);
    }
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
    let mut s = String::with_capacity(bytes.len() * 2);
    push_hex(&mut s, bytes);
    s
}

/// Lowercase hex of `bytes` appended to `out`, two digits a byte from a table
/// (`write!` and its formatting machinery cost more than the hashing here).
fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
}
