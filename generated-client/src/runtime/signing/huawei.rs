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

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use hmac::{Hmac, Mac};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

use super::{RequestParts, encode_component, find_header, to_hex};

/// Name of the scheme, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// Format of the `X-Sdk-Date` header (strftime syntax).
pub const SDK_DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

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
    DateTime::<Utc>::from(t).format(SDK_DATE_FORMAT).to_string()
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
    if body.is_empty() {
        return EMPTY_PAYLOAD_HASH.to_owned();
    }
    if let Some(v) = find_header(headers, CONTENT_SHA256_HEADER) {
        return py_strip(v).to_owned();
    }
    to_hex(&Sha256::digest(body))
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

    // (lowercased name, trimmed value, signed?) with one entry per name.
    let mut headers: Vec<(String, String, bool)> = Vec::with_capacity(req.headers.len() + 2);
    for (name, value) in req.headers {
        let lower = name.to_lowercase();
        let signed = !name.contains('_');
        let value = py_strip(value).to_owned();
        match headers.iter_mut().find(|(n, _, _)| *n == lower) {
            Some(slot) => *slot = (lower, value, signed),
            None => headers.push((lower, value, signed)),
        }
    }
    if !headers.iter().any(|(n, _, _)| n == "x-sdk-date") {
        headers.push(("x-sdk-date".to_owned(), sdk_date.to_owned(), true));
    }
    if !headers.iter().any(|(n, _, _)| n == "host") {
        headers.push(("host".to_owned(), py_strip(req.host).to_owned(), true));
    }
    headers.retain(|(_, _, signed)| *signed);
    headers.sort();

    let signed_headers = headers
        .iter()
        .map(|(n, _, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let mut canonical_headers = String::new();
    for (name, value, _) in &headers {
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(value);
        canonical_headers.push('\n');
    }

    let canonical_request = [
        req.method.to_uppercase(),
        canonical_uri(req.path),
        super::canonical_query(req.query),
        canonical_headers,
        signed_headers.clone(),
        payload_hash(req.body, req.headers),
    ]
    .join("\n");

    let string_to_sign = format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        to_hex(&Sha256::digest(canonical_request.as_bytes()))
    );

    let mut mac =
        Hmac::<Sha256>::new_from_slice(sk.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = to_hex(&mac.finalize().into_bytes());

    let authorization =
        format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");

    Ok(Signature {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// Accepts exactly `YYYYMMDDTHHMMSSZ` with a real calendar time (Python's
/// `strptime` + `datetime` reject leap seconds, so this does too). Because
/// the accepted text re-formats to itself, the value can go into the string
/// to sign verbatim.
fn check_sdk_date(value: &str) -> Result<(), SigningError> {
    let malformed = || SigningError::MalformedSdkDate {
        value: value.to_owned(),
    };
    let parsed = NaiveDateTime::parse_from_str(value, SDK_DATE_FORMAT).map_err(|_| malformed())?;
    if parsed.nanosecond() >= 1_000_000_000 || parsed.format(SDK_DATE_FORMAT).to_string() != value {
        return Err(malformed());
    }
    Ok(())
}

/// The canonical URI: decode the wire path fully, re-encode each `/`-separated
/// segment, and make sure the result ends with exactly the `/` it had or one
/// added. An encoded `%2F` therefore signs as a literal `/`.
fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded
        .split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Trims both ends the way Python's `str.strip()` does: Unicode whitespace
/// plus the ASCII separators U+001C..U+001F, which `str::trim` keeps.
fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}
