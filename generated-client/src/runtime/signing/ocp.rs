//! `OCP-ACCESS-KEY-HMACSHA1`, the access-key scheme of OceanBase Cloud
//! Platform (OCP).
//!
//! The string to sign is seven lines joined by `\n`, with no trailing
//! newline:
//!
//! ```text
//! METHOD
//! MD5 of the body, uppercase hex ("" without a body)
//! Content-Type ("" when not sent)
//! Date (RFC 1123, the value sent in the Date header)
//! host[:port]
//! x-ocp-* headers as sorted "name:value" lines ("" when there are none)
//! /path?sorted&encoded=query
//! ```
//!
//! and `Authorization: OCP-ACCESS-KEY-HMACSHA1 {AK}:{Base64(HMAC-SHA1(SK, string))}`.
//!
//! Readings chosen where the description leaves room:
//!
//! * The `x-ocp-*` block is joined to its neighbours like any other field,
//!   so with no such header it is an empty line (`host\n\n/path`), and with
//!   several they are separated by `\n` without a trailing one. This is what
//!   known third-party OCP clients emit.
//! * `x-ocp-*` names are lowercased (the HTTP stack sends them lowercase
//!   anyway), values are trimmed at both ends, and lines are sorted by name
//!   then value.
//! * The query uses the same sort-then-encode rule as [`super::canonical_query`]
//!   (RFC 3986 unreserved characters kept, `%20` for space), and the transport
//!   must send the query in that exact form; no `?` is added without a query.
//! * `Host` is the caller's `Host` header when given, else
//!   [`RequestParts::host`]; `Content-Type` is looked up case-insensitively.

use std::fmt;
use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha1::Sha1;

use super::{HeaderPair, Parts, RequestParts, canonical_query, find_header};

/// Name of the scheme, first word of the `Authorization` header.
pub const ALGORITHM: &str = "OCP-ACCESS-KEY-HMACSHA1";

/// Prefix of the headers that take part in the signature (lowercase).
pub const OCP_HEADER_PREFIX: &str = "x-ocp-";

/// The string that was signed and the resulting `Authorization` value.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// Seven `\n`-separated lines, see the module documentation.
    pub string_to_sign: String,
    /// `OCP-ACCESS-KEY-HMACSHA1 {AK}:{base64 signature}`.
    pub authorization: String,
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field("string_to_sign", &self.string_to_sign)
            .field("authorization", &"***")
            .finish()
    }
}

/// Formats a time as an RFC 1123 `Date` value, e.g. `Mon, 23 Nov 2026 10:15:00 GMT`.
pub fn format_http_date(t: SystemTime) -> String {
    DateTime::<Utc>::from(t)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// Signs `req` with OCP-ACCESS-KEY-HMACSHA1.
///
/// `date` is the RFC 1123 `Date` header value the caller also sends. The
/// `Content-Type` comes from `req.headers` and may be absent (signed as an
/// empty line). Pure: no clock, no I/O.
pub fn sign(
    access_key_id: &str,
    access_key_secret: &str,
    date: &str,
    req: &RequestParts,
) -> Signature {
    sign_parts(access_key_id, access_key_secret, date, &Parts::from(req))
}

/// [`sign`], over headers in any form.
pub(crate) fn sign_parts<H: HeaderPair>(
    access_key_id: &str,
    access_key_secret: &str,
    date: &str,
    req: &Parts<'_, H>,
) -> Signature {
    let string_to_sign = string_to_sign(date, req);
    let mac = hmac_sha1(access_key_secret.as_bytes(), string_to_sign.as_bytes());
    let authorization = format!("{ALGORITHM} {access_key_id}:{}", STANDARD.encode(mac));
    Signature {
        string_to_sign,
        authorization,
    }
}

fn string_to_sign<H: HeaderPair>(date: &str, req: &Parts<'_, H>) -> String {
    let md5_payload = if req.body.is_empty() {
        String::new()
    } else {
        Md5::digest(req.body)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect()
    };
    let content_type = find_header(req.headers, "content-type")
        .map(str::trim)
        .unwrap_or("");
    let host = find_header(req.headers, "host")
        .map(str::trim)
        .unwrap_or(req.host);

    let mut ocp_headers: Vec<(String, &str)> = req
        .headers
        .iter()
        .map(|h| (h.name().to_ascii_lowercase(), h.value().trim()))
        .filter(|(n, _)| n.starts_with(OCP_HEADER_PREFIX))
        .collect();
    ocp_headers.sort();
    let ocp_block = ocp_headers
        .iter()
        .map(|(n, v)| format!("{n}:{v}"))
        .collect::<Vec<_>>()
        .join("\n");

    let query = canonical_query(req.query);
    let path_and_query = if query.is_empty() {
        req.path.to_owned()
    } else {
        format!("{}?{query}", req.path)
    };

    [
        req.method.to_uppercase(),
        md5_payload,
        content_type.to_owned(),
        date.to_owned(),
        host.to_owned(),
        ocp_block,
        path_and_query,
    ]
    .join("\n")
}

/// Raw HMAC-SHA1; visible to the tests so the primitive can be checked
/// against RFC 2202.
pub(super) fn hmac_sha1(key: &[u8], msg: &[u8]) -> [u8; 20] {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}
