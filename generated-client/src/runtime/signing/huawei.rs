//! `SDK-HMAC-SHA256`, the AK/SK scheme of Huawei Cloud, reproduced so that a
//! request signed here carries the same `Authorization` header as the same
//! request signed by the official Python SDK (`huaweicloudsdkcore`).
//!
//! The transport is expected to:
//!
//! 1. build the wire path (path parameters encoded with
//!    [`super::encode_component`]) and send the query as
//!    [`super::canonical_query`] returns it;
//! 2. put every header it will send and wants signed into
//!    [`RequestParts::headers`]: `Content-Type`, `User-Agent`,
//!    `X-Project-Id`, `X-Sdk-Date`, `X-Security-Token` when it has one, and
//!    `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` when
//!    [`needs_unsigned_payload`] says so;
//! 3. call [`sign`] and send [`Signature::authorization`] as `Authorization`.
//!
//! Headers the HTTP library adds on its own (`Accept`, `Content-Length`, ...)
//! must not be listed: the SDK does not sign them either. `Host` may be left
//! out; the signer then signs `host:{RequestParts::host}` as the SDK does.

use std::fmt;
use std::time::SystemTime;

use hmac::{Hmac, Mac};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

pub use super::sdk_date::SDK_DATE_FORMAT;
use super::{
    HeaderPair, Parts, RequestParts, UNRESERVED_AND_SLASH, find_header, push_encoded_keeping,
    push_hex, sdk_date, to_hex,
};

/// Name of the scheme, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// Payload hash used when there is no body: SHA-256 of the empty string.
pub const EMPTY_PAYLOAD_HASH: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Header that overrides the payload hash.
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";

/// Value of [`CONTENT_SHA256_HEADER`] for bodies that are not JSON/BSON.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Why a request could not be signed. Messages never contain key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    /// An `X-Sdk-Date` value (the argument or the header) is not a valid
    /// UTC time in the form `YYYYMMDDTHHMMSSZ`.
    #[error("malformed X-Sdk-Date {value:?}: expected a UTC time formatted as YYYYMMDDTHHMMSSZ")]
    MalformedSdkDate {
        /// The offending value (a timestamp, not a secret).
        value: String,
    },
    /// The `X-Sdk-Date` header in the request differs from the date passed
    /// to [`sign`]; the signature would not match what is sent.
    #[error("X-Sdk-Date header {header:?} differs from the signing date {argument:?}")]
    SdkDateMismatch {
        /// Value found in the request headers.
        header: String,
        /// Value passed to [`sign`].
        argument: String,
    },
}

/// Every intermediate product of one signing, for tests and troubleshooting.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// The six-part canonical request (no trailing newline).
    pub canonical_request: String,
    /// `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex sha256(canonical_request)}`.
    pub string_to_sign: String,
    /// Lowercased signed header names joined by `;`.
    pub signed_headers: String,
    /// Lowercase hex HMAC-SHA256 of the string to sign.
    pub signature: String,
    /// Full value of the `Authorization` header.
    pub authorization: String,
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field(
                "canonical_request",
                &redact_canonical_request(&self.canonical_request),
            )
            .field("string_to_sign", &self.string_to_sign)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &"***")
            .field("authorization", &"***")
            .finish()
    }
}

/// Header names whose values are credentials; their canonical lines are
/// masked in `Debug` output.
const SENSITIVE_HEADERS: &[&str] = &[
    "x-security-token",
    "x-auth-token",
    "authorization",
    "cookie",
];

fn redact_canonical_request(canonical_request: &str) -> String {
    canonical_request
        .split('\n')
        .map(|line| match line.split_once(':') {
            Some((name, _)) if SENSITIVE_HEADERS.contains(&name) => format!("{name}:***"),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Formats a time as an `X-Sdk-Date` value, e.g. `20261123T101500Z`.
pub fn format_sdk_date(t: SystemTime) -> String {
    sdk_date::format(t)
}

/// Whether a request with this `Content-Type` must carry
/// `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` (added before signing).
///
/// The SDK exempts only types starting with `application/json` or
/// `application/bson`; like the SDK, the prefix test is case-sensitive. No
/// `Content-Type` at all needs nothing.
pub fn needs_unsigned_payload(content_type: Option<&str>) -> bool {
    match content_type {
        Some(ct) => !(ct.starts_with("application/json") || ct.starts_with("application/bson")),
        None => false,
    }
}

/// The payload hash line of the canonical request.
///
/// * empty body: [`EMPTY_PAYLOAD_HASH`], whatever the headers say;
/// * else, an `X-Sdk-Content-Sha256` header (any case): its trimmed value;
/// * else the lowercase hex SHA-256 of the body.
pub fn payload_hash(body: &[u8], headers: &[(String, String)]) -> String {
    let mut out = String::with_capacity(64);
    push_payload_hash(&mut out, body, headers);
    out
}

/// Signs `req` with SDK-HMAC-SHA256.
///
/// Pure: no clock, no I/O. `sdk_date` is the `X-Sdk-Date` value the caller
/// also sends. If `req.headers` holds an `X-Sdk-Date` header it must equal
/// `sdk_date`; if it holds none, `x-sdk-date:{sdk_date}` is signed as the
/// SDK would add it, and the caller must send that header. Likewise, with no
/// `Host` header (any case) `host:{req.host}` is signed.
///
/// Header handling follows the SDK: every header whose name has no `_` is
/// signed, under its lowercased name, with its value trimmed at both ends
/// only. Two entries whose names differ only in case are one header here
/// (the last value wins), where the SDK's dict would have listed both.
pub fn sign(
    ak: &str,
    sk: &str,
    sdk_date: &str,
    req: &RequestParts,
) -> Result<Signature, SigningError> {
    sign_parts(ak, sk, sdk_date, &Parts::from(req))
}

/// [`sign`], over headers in any form.
pub(crate) fn sign_parts<H: HeaderPair>(
    ak: &str,
    sk: &str,
    sdk_date: &str,
    req: &Parts<'_, H>,
) -> Result<Signature, SigningError> {
    check_sdk_date(sdk_date)?;
    if let Some(header) = find_header(req.headers, "x-sdk-date")
        && header != sdk_date
    {
        check_sdk_date(header)?;
        return Err(SigningError::SdkDateMismatch {
            header: header.to_owned(),
            argument: sdk_date.to_owned(),
        });
    }

    let headers = SignedHeaders::of(req, sdk_date);
    let mut signed_headers = String::with_capacity(headers.names.len() + headers.entries.len());
    for (i, entry) in headers.entries.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(headers.name(entry));
    }

    // The six parts, joined by `\n` (the header block ends with its own `\n`). Room for
    // the longest each part can be, so the text is never moved while it is written.
    let query_room: usize = req
        .query
        .iter()
        .map(|(k, v)| 3 * (k.len() + v.len()) + 2)
        .sum();
    let headers_room: usize = headers
        .entries
        .iter()
        .map(|e| (e.name.1 - e.name.0) + e.value.len() + 2)
        .sum();
    let mut canonical_request = String::with_capacity(
        req.method.len()
            + 3 * req.path.len()
            + query_room
            + headers_room
            + signed_headers.len()
            + 64
            + 8,
    );
    push_uppercase(&mut canonical_request, req.method);
    canonical_request.push('\n');
    push_canonical_uri(&mut canonical_request, req.path);
    canonical_request.push('\n');
    super::push_canonical_query(&mut canonical_request, req.query);
    canonical_request.push('\n');
    for entry in &headers.entries {
        canonical_request.push_str(headers.name(entry));
        canonical_request.push(':');
        canonical_request.push_str(entry.value);
        canonical_request.push('\n');
    }
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    push_payload_hash(&mut canonical_request, req.body, req.headers);

    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + sdk_date.len() + 66);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(sdk_date);
    string_to_sign.push('\n');
    push_hex(
        &mut string_to_sign,
        &Sha256::digest(canonical_request.as_bytes()),
    );

    let mut mac =
        Hmac::<Sha256>::new_from_slice(sk.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = to_hex(&mac.finalize().into_bytes());

    let mut authorization = String::with_capacity(
        ALGORITHM.len() + ak.len() + signed_headers.len() + signature.len() + 40,
    );
    for part in [
        ALGORITHM,
        " Access=",
        ak,
        ", SignedHeaders=",
        &signed_headers,
        ", Signature=",
        &signature,
    ] {
        authorization.push_str(part);
    }

    Ok(Signature {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// The headers a signature covers, sorted by lowercased name, one per name. The
/// lowercased names share one buffer, so no header costs an allocation of its own.
struct SignedHeaders<'a> {
    names: String,
    entries: Vec<HeaderEntry<'a>>,
}

#[derive(Clone, Copy)]
struct HeaderEntry<'a> {
    /// Where the lowercased name is in [`SignedHeaders::names`].
    name: (usize, usize),
    /// The value, trimmed.
    value: &'a str,
    /// Names with a `_` are sent but not signed, as the SDK does.
    signed: bool,
}

impl<'a> SignedHeaders<'a> {
    fn of<H: HeaderPair>(req: &Parts<'a, H>, sdk_date: &'a str) -> Self {
        let capacity = req.headers.iter().map(|h| h.name().len()).sum::<usize>() + 14;
        let mut set = SignedHeaders {
            names: String::with_capacity(capacity),
            entries: Vec::with_capacity(req.headers.len() + 2),
        };
        for header in req.headers {
            let name = header.name();
            set.push(name, py_strip(header.value()), !name.contains('_'));
        }
        // The two the SDK adds when the caller has none (in any case). Neither has a `_`,
        // so a caller's header of the same name is signed and found here.
        if !set.has("x-sdk-date") {
            set.push("x-sdk-date", sdk_date, true);
        }
        if !set.has("host") {
            set.push("host", py_strip(req.host), true);
        }
        set.entries.retain(|e| e.signed);
        // A stable sort keeps equal names in the caller's order: the last one is kept.
        let names = &set.names;
        set.entries
            .sort_by(|a, b| names[a.name.0..a.name.1].cmp(&names[b.name.0..b.name.1]));
        set.entries.dedup_by(|later, kept| {
            let same = names[later.name.0..later.name.1] == names[kept.name.0..kept.name.1];
            if same {
                *kept = *later;
            }
            same
        });
        set
    }

    /// Whether a header of this (lowercase) name is in the set.
    fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| self.name(e) == name)
    }

    fn push(&mut self, name: &str, value: &'a str, signed: bool) {
        let start = self.names.len();
        if name.is_ascii() {
            self.names.push_str(name);
            self.names[start..].make_ascii_lowercase();
        } else {
            self.names.push_str(&name.to_lowercase());
        }
        self.entries.push(HeaderEntry {
            name: (start, self.names.len()),
            value,
            signed,
        });
    }

    fn name(&self, entry: &HeaderEntry) -> &str {
        &self.names[entry.name.0..entry.name.1]
    }
}

/// `method` upper-cased, as `str::to_uppercase` does (without a `String` when ASCII).
fn push_uppercase(out: &mut String, method: &str) {
    if method.is_ascii() {
        out.extend(method.bytes().map(|b| char::from(b.to_ascii_uppercase())));
    } else {
        out.push_str(&method.to_uppercase());
    }
}

/// [`payload_hash`] appended to `out`.
fn push_payload_hash<H: HeaderPair>(out: &mut String, body: &[u8], headers: &[H]) {
    if body.is_empty() {
        out.push_str(EMPTY_PAYLOAD_HASH);
    } else if let Some(v) = find_header(headers, CONTENT_SHA256_HEADER) {
        out.push_str(py_strip(v));
    } else {
        push_hex(out, &Sha256::digest(body));
    }
}

/// Accepts exactly `YYYYMMDDTHHMMSSZ` with a real calendar time (Python's
/// `strptime` + `datetime` reject leap seconds, so this does too). Because
/// the accepted text re-formats to itself, the value can go into the string
/// to sign verbatim.
fn check_sdk_date(value: &str) -> Result<(), SigningError> {
    if sdk_date::is_valid(value) {
        Ok(())
    } else {
        Err(SigningError::MalformedSdkDate {
            value: value.to_owned(),
        })
    }
}

/// The canonical URI: decode the wire path fully, re-encode each `/`-separated
/// segment, and make sure the result ends with exactly the `/` it had or one
/// added. An encoded `%2F` therefore signs as a literal `/`. (Encoding each segment
/// and joining them with `/` is encoding the whole path with `/` left as it is; a path
/// without `%` is borrowed as it is, not copied, by the decoder.)
fn push_canonical_uri(out: &mut String, path: &str) {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    push_encoded_keeping(out, &decoded, &UNRESERVED_AND_SLASH);
    if !out.ends_with('/') {
        out.push('/');
    }
}

/// Trims both ends the way Python's `str.strip()` does: Unicode whitespace
/// plus the ASCII separators U+001C..U+001F, which `str::trim` keeps.
fn py_strip(s: &str) -> &str {
    // Most values start and end with a visible ASCII character: nothing to trim.
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}
