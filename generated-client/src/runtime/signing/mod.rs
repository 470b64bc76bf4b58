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

pub mod huawei;
pub mod ocp;
mod sdk_date;

#[cfg(test)]
mod encoding_tests;
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

/// [`RequestParts`] with its headers in whatever form the caller holds them (the
/// runtime signs from borrowed `(&str, &str)` pairs, without an owned copy of each).
pub(crate) struct Parts<'a, H> {
    pub method: &'a str,
    pub host: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a [H],
    pub body: &'a [u8],
}

impl<'a> From<&RequestParts<'a>> for Parts<'a, (String, String)> {
    fn from(req: &RequestParts<'a>) -> Self {
        Parts {
            method: req.method,
            host: req.host,
            path: req.path,
            query: req.query,
            headers: req.headers,
            body: req.body,
        }
    }
}

/// One header as a signer reads it: a name (any case) and a value.
pub(crate) trait HeaderPair {
    fn name(&self) -> &str;
    fn value(&self) -> &str;
}

impl<N: AsRef<str>, V: AsRef<str>> HeaderPair for (N, V) {
    fn name(&self) -> &str {
        self.0.as_ref()
    }

    fn value(&self) -> &str {
        self.1.as_ref()
    }
}

/// Percent-encodes one path segment / query component: everything except
/// `A-Z a-z 0-9 - _ . ~` becomes `%XX` (uppercase hex, over UTF-8).
///
/// This matches Python's `urllib.parse.quote(s, safe='~')` and
/// `quote(s, safe='')` on Python 3.7+.
pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    push_encoded(&mut out, s);
    out
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

/// Whether [`encode_component`] leaves a byte as it is: `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: [bool; 256] = kept_bytes(false);
/// The same, and `/` (the canonical URI keeps the path's separators).
const UNRESERVED_AND_SLASH: [bool; 256] = kept_bytes(true);

const fn kept_bytes(slash: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte as u8, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~')
            || (slash && byte as u8 == b'/');
        byte += 1;
    }
    table
}

/// Uppercase hex digits, as percent-encoding writes them.
const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// [`encode_component`] appended to `out`, without a `String` of its own.
pub(crate) fn push_encoded(out: &mut String, s: &str) {
    push_encoded_keeping(out, s, &UNRESERVED);
}

/// `s` percent-encoded onto `out`: the bytes `kept` marks ([`UNRESERVED`], or
/// [`UNRESERVED_AND_SLASH`]) stay as they are, copied a run at a time; every other byte is
/// written `%XX`. A table lookup per byte, not an iterator per piece: this runs on every
/// signed path and query.
fn push_encoded_keeping(out: &mut String, s: &str, kept: &[bool; 256]) {
    let bytes = s.as_bytes();
    let keeps = |byte: u8| kept[usize::from(byte)];
    // Most text (paths already encoded, ids, names) has nothing to encode: one copy.
    let Some(first) = bytes.iter().position(|&byte| !keeps(byte)) else {
        out.push_str(s);
        return;
    };
    out.reserve(s.len() + 8);
    // Bytes before `first` are ASCII, so it is a character boundary.
    out.push_str(&s[..first]);
    let mut run_start = first;
    for (i, &byte) in bytes.iter().enumerate().skip(first) {
        if keeps(byte) {
            continue;
        }
        if run_start < i {
            // Bytes `run_start..i` are ASCII, so both ends are character boundaries.
            out.push_str(&s[run_start..i]);
        }
        out.push('%');
        out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
        out.push(char::from(UPPER_HEX[usize::from(byte & 0x0f)]));
        run_start = i + 1;
    }
    if run_start < bytes.len() {
        out.push_str(&s[run_start..]);
    }
}

/// Last value of the header `name` (ASCII case-insensitive), if any.
fn find_header<'h, H: HeaderPair>(headers: &'h [H], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .rev()
        .find(|h| h.name().eq_ignore_ascii_case(name))
        .map(HeaderPair::value)
}

/// Lowercase hex of a digest.
fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    push_hex(&mut s, bytes);
    s
}

/// Each byte's two lowercase hex digits.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = [DIGITS[byte >> 4], DIGITS[byte & 0x0f]];
        byte += 1;
    }
    table
};

/// Lowercase hex of `bytes` appended to `out`: each byte's digits from a table, written
/// into a buffer and appended in one piece (`write!` and its formatting machinery, or a
/// `push` per digit, cost more than the hashing here).
fn push_hex(out: &mut String, bytes: &[u8]) {
    let mut buffer = [0u8; 64];
    for chunk in bytes.chunks(buffer.len() / 2) {
        let digits = &mut buffer[..chunk.len() * 2];
        for (pair, &byte) in digits.chunks_exact_mut(2).zip(chunk) {
            pair.copy_from_slice(&HEX_PAIRS[usize::from(byte)]);
        }
        // Hex digits are ASCII: this is never the empty fallback.
        out.push_str(std::str::from_utf8(digits).unwrap_or_default());
    }
}
