//! Server-side checks of the two access-key signatures, by recomputing them
//! with the client's own pure signers (`generated_client::runtime::signing`)
//! from the request exactly as it was received.
//!
//! Sharing the signers means the fake cannot catch a canonicalisation rule the
//! signers get wrong; those are checked against the official SDK's vectors in
//! the signers' own tests. What the fake adds is what only a server can check:
//! that the right headers are signed, that the date is fresh, and that nothing
//! signed was changed on the way.

use std::time::{Duration, SystemTime};

use axum::http::HeaderMap;
use chrono::{DateTime, NaiveDateTime, Utc};
use generated_client::runtime::signing::{RequestParts, huawei, ocp};
use percent_encoding::percent_decode_str;

use crate::http::RequestView;

/// How far a signed request's date may be from the fake's clock, either way.
pub(crate) const MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

/// Headers an `SDK-HMAC-SHA256` signature must always cover.
const HUAWEI_ALWAYS_SIGNED: [&str; 2] = ["host", "x-sdk-date"];

/// Headers it must cover whenever they are sent: each changes what the request
/// means (how the body is read, which project, which temporary credentials,
/// how the payload hash is taken). The official SDK signs all of them.
const HUAWEI_SIGNED_WHEN_SENT: [&str; 4] = [
    "content-type",
    "x-project-id",
    "x-security-token",
    "x-sdk-content-sha256",
];

/// Checks an `SDK-HMAC-SHA256` signature; the error says why it does not hold
/// (for the 401 message and the log, never with key material).
pub(crate) fn check_huawei(
    access_key: &str,
    secret_key: &str,
    request: &RequestView<'_>,
    signed_headers: &str,
    signature: &str,
    now: SystemTime,
) -> Result<(), &'static str> {
    let names: Vec<&str> = signed_headers.split(';').collect();
    if names
        .iter()
        .any(|n| n.is_empty() || n.contains('_') || n.bytes().any(|b| b.is_ascii_uppercase()))
    {
        return Err("SignedHeaders must list lower-case header names without '_'");
    }
    if HUAWEI_ALWAYS_SIGNED.iter().any(|h| !names.contains(h)) {
        return Err("SignedHeaders must include host and x-sdk-date");
    }
    if HUAWEI_SIGNED_WHEN_SENT
        .iter()
        .any(|h| request.headers.contains_key(*h) && !names.contains(h))
    {
        return Err(
            "SignedHeaders must include content-type, x-project-id, x-security-token and x-sdk-content-sha256 when they are sent",
        );
    }

    let sdk_date = single_header(request.headers, "x-sdk-date")?;
    let date = NaiveDateTime::parse_from_str(sdk_date, huawei::SDK_DATE_FORMAT)
        .map_err(|_| "X-Sdk-Date is not a UTC time formatted as YYYYMMDDTHHMMSSZ")?
        .and_utc();
    if !is_fresh(date, now) {
        return Err("X-Sdk-Date is more than 15 minutes away from the server's clock");
    }

    let mut headers = Vec::with_capacity(names.len());
    for name in &names {
        headers.push((
            (*name).to_owned(),
            single_header(request.headers, name)?.to_owned(),
        ));
    }
    let expected = recompute(request, &headers, |parts| {
        huawei::sign(access_key, secret_key, sdk_date, parts)
    })?
    .map_err(|_| "X-Sdk-Date is not a valid time")?;
    // The signer drops nothing it was given here (no name has '_'), so a
    // different list means a name was repeated or out of order.
    if expected.signed_headers != signed_headers {
        return Err("SignedHeaders must be sorted and without repeats");
    }
    if !same_bytes(expected.signature.as_bytes(), signature.as_bytes()) {
        return Err("the signature does not match the request");
    }
    Ok(())
}

/// Checks an `OCP-ACCESS-KEY-HMACSHA1` signature (base64 after `AK:`).
pub(crate) fn check_ocp(
    access_key: &str,
    secret_key: &str,
    request: &RequestView<'_>,
    signature: &str,
    now: SystemTime,
) -> Result<(), &'static str> {
    let date = single_header(request.headers, "date")?;
    let parsed = DateTime::parse_from_rfc2822(date)
        .map_err(|_| "Date is not an RFC 1123 date such as 'Mon, 23 Nov 2026 10:15:00 GMT'")?;
    if !is_fresh(parsed.with_timezone(&Utc), now) {
        return Err("Date is more than 15 minutes away from the server's clock");
    }

    // What the string to sign is made of: Content-Type, Host and every x-ocp-* header.
    let mut headers = Vec::new();
    for (name, value) in request.headers {
        let name = name.as_str();
        if name == "content-type" || name == "host" || name.starts_with(ocp::OCP_HEADER_PREFIX) {
            let value = std::str::from_utf8(value.as_bytes())
                .map_err(|_| "a signed header value is not UTF-8")?;
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    let expected = recompute(request, &headers, |parts| {
        ocp::sign(access_key, secret_key, date, parts)
    })?;
    let expected = expected
        .authorization
        .rsplit_once(':')
        .map_or("", |(_, signature)| signature);
    if !same_bytes(expected.as_bytes(), signature.as_bytes()) {
        return Err("the signature does not match the request");
    }
    Ok(())
}

/// Runs a signer over the request as received, with the headers that take part.
fn recompute<T>(
    request: &RequestView<'_>,
    headers: &[(String, String)],
    sign: impl FnOnce(&RequestParts<'_>) -> T,
) -> Result<T, &'static str> {
    let host = single_header(request.headers, "host")?;
    let (path, query) = split_query(request.path_and_query);
    Ok(sign(&RequestParts {
        method: request.method.as_str(),
        host,
        path,
        query: &query,
        headers,
        body: request.body,
    }))
}

/// Whether a signed date is within [`MAX_CLOCK_SKEW`] of the fake's clock.
fn is_fresh(date: DateTime<Utc>, now: SystemTime) -> bool {
    let skew = (DateTime::<Utc>::from(now) - date).abs();
    skew.to_std().is_ok_and(|skew| skew <= MAX_CLOCK_SKEW)
}

/// The one value of a header; a missing or repeated one is refused, since the
/// signature could not say which value it covers. Values are UTF-8, as the
/// official SDK sends them.
fn single_header<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str, &'static str> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => {
            std::str::from_utf8(value.as_bytes()).map_err(|_| "a signed header value is not UTF-8")
        }
        (None, _) => Err("a header the signature needs is missing"),
        (Some(_), Some(_)) => Err("a signed header is sent more than once"),
    }
}

/// Splits `path?query` into the wire path and the decoded query pairs, in the
/// order sent (the signers sort them).
fn split_query(path_and_query: &str) -> (&str, Vec<(String, String)>) {
    let Some((path, query)) = path_and_query.split_once('?') else {
        return (path_and_query, Vec::new());
    };
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let pairs = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    (path, pairs)
}

/// Compares without stopping at the first difference, so the time taken does
/// not tell how much of a guessed signature was right.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderName, HeaderValue, Method};

    const AK: &str = "AK-TEST";
    const SK: &str = "sk-test";
    const HOST: &str = "127.0.0.1:8443";
    const PATH: &str = "/v1/p/instances/i%20x/users";
    const QUERY: &str = "limit=10&name=a%20b";
    const BODY: &[u8] = br#"{"users": []}"#;

    fn at(sdk_date: &str) -> SystemTime {
        NaiveDateTime::parse_from_str(sdk_date, huawei::SDK_DATE_FORMAT)
            .unwrap()
            .and_utc()
            .into()
    }

    fn header_map(pairs: &[(String, String)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(n, v)| {
                (
                    HeaderName::from_bytes(n.to_ascii_lowercase().as_bytes()).unwrap(),
                    HeaderValue::from_str(v).unwrap(),
                )
            })
            .collect()
    }

    /// Headers as the generated client sends them, signed at `sdk_date`;
    /// returns them with the `SignedHeaders` list and the signature.
    fn huawei_signed(sdk_date: &str) -> (Vec<(String, String)>, String, String) {
        let headers: Vec<(String, String)> = [
            ("Content-Type", "application/json;charset=utf-8"),
            ("User-Agent", "generated-client/0.1.0 (ddm)"),
            ("X-Project-Id", "p"),
            ("X-Sdk-Date", sdk_date),
            ("Host", HOST),
        ]
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
        let query = vec![
            ("name".to_owned(), "a b".to_owned()),
            ("limit".to_owned(), "10".to_owned()),
        ];
        let parts = RequestParts {
            method: "POST",
            host: HOST,
            path: PATH,
            query: &query,
            headers: &headers,
            body: BODY,
        };
        let signature = huawei::sign(AK, SK, sdk_date, &parts).unwrap();
        (headers, signature.signed_headers, signature.signature)
    }

    fn check(
        headers: &HeaderMap,
        body: &[u8],
        signed: &str,
        signature: &str,
        sk: &str,
        now: SystemTime,
    ) -> Result<(), &'static str> {
        let path_and_query = format!("{PATH}?{QUERY}");
        let view = RequestView {
            method: &Method::POST,
            path_and_query: &path_and_query,
            headers,
            body,
        };
        check_huawei(AK, sk, &view, signed, signature, now)
    }

    #[test]
    fn huawei_signature_of_the_request_as_received_holds() {
        let date = "20261123T101500Z";
        let (headers, signed, signature) = huawei_signed(date);
        let mut received = header_map(&headers);
        // Headers the HTTP library adds are not signed and do not matter.
        received.insert("accept", HeaderValue::from_static("*/*"));
        received.insert("content-length", HeaderValue::from_static("13"));
        assert_eq!(
            signed,
            "content-type;host;user-agent;x-project-id;x-sdk-date"
        );
        assert_eq!(
            check(&received, BODY, &signed, &signature, SK, at(date)),
            Ok(())
        );
        // Fourteen minutes either way is still fresh.
        let fourteen = Duration::from_secs(14 * 60);
        for now in [at(date) + fourteen, at(date) - fourteen] {
            assert_eq!(check(&received, BODY, &signed, &signature, SK, now), Ok(()));
        }
    }

    #[test]
    fn huawei_tampering_wrong_key_and_stale_dates_are_refused() {
        let date = "20261123T101500Z";
        let now = at(date);
        let (headers, signed, signature) = huawei_signed(date);
        let received = header_map(&headers);
        let refused = |headers: &HeaderMap, body: &[u8], signed: &str, sk: &str, now| {
            check(headers, body, signed, &signature, sk, now).unwrap_err()
        };
        let mismatch = "the signature does not match the request";
        assert_eq!(
            refused(&received, br#"{"users": [1]}"#, &signed, SK, now),
            mismatch
        );
        assert_eq!(refused(&received, BODY, &signed, "other-sk", now), mismatch);
        let mut changed = received.clone();
        changed.insert("x-project-id", HeaderValue::from_static("q"));
        assert_eq!(refused(&changed, BODY, &signed, SK, now), mismatch);

        let sixteen = Duration::from_secs(16 * 60);
        for now in [now + sixteen, now - sixteen] {
            assert!(refused(&received, BODY, &signed, SK, now).contains("15 minutes"));
        }

        // A signed list that leaves out what must be signed.
        let without_project = "content-type;host;user-agent;x-sdk-date";
        assert!(refused(&received, BODY, without_project, SK, now).contains("x-project-id"));
        assert!(refused(&received, BODY, "content-type;host", SK, now).contains("x-sdk-date"));
        let mut unsigned_token = received.clone();
        unsigned_token.insert("x-security-token", HeaderValue::from_static("sts"));
        assert!(refused(&unsigned_token, BODY, &signed, SK, now).contains("x-security-token"));
        assert!(refused(&received, BODY, "Host;x-sdk-date", SK, now).contains("lower-case"));

        let mut repeated = received.clone();
        repeated.append("user-agent", HeaderValue::from_static("again"));
        assert!(refused(&repeated, BODY, &signed, SK, now).contains("more than once"));
        let mut undated = received.clone();
        undated.insert(
            "x-sdk-date",
            HeaderValue::from_static("2026-11-23T10:15:00Z"),
        );
        assert!(refused(&undated, BODY, &signed, SK, now).contains("YYYYMMDD"));
    }

    fn ocp_check(
        headers: &HeaderMap,
        body: &[u8],
        signature: &str,
        now: SystemTime,
    ) -> Result<(), &'static str> {
        let view = RequestView {
            method: &Method::POST,
            path_and_query: "/api/v2/ob/clusters/1/tenants/2/users",
            headers,
            body,
        };
        check_ocp(AK, SK, &view, signature, now)
    }

    #[test]
    fn ocp_signature_holds_and_tampering_is_refused() {
        let date = "Mon, 23 Nov 2026 10:15:00 GMT";
        let now: SystemTime = DateTime::parse_from_rfc2822(date)
            .unwrap()
            .with_timezone(&Utc)
            .into();
        let headers: Vec<(String, String)> = [
            ("Content-Type", "application/json;charset=utf-8"),
            ("Date", date),
            ("x-ocp-origin", "tests"),
            ("Host", HOST),
        ]
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
        let parts = RequestParts {
            method: "POST",
            host: HOST,
            path: "/api/v2/ob/clusters/1/tenants/2/users",
            query: &[],
            headers: &headers,
            body: BODY,
        };
        let authorization = ocp::sign(AK, SK, date, &parts).authorization;
        let signature = authorization.rsplit_once(':').unwrap().1;
        let received = header_map(&headers);
        assert_eq!(ocp_check(&received, BODY, signature, now), Ok(()));

        let mismatch = Err("the signature does not match the request");
        assert_eq!(ocp_check(&received, b"{}", signature, now), mismatch);
        let mut changed = received.clone();
        changed.insert("x-ocp-origin", HeaderValue::from_static("someone else"));
        assert_eq!(ocp_check(&changed, BODY, signature, now), mismatch);
        let late = now + Duration::from_secs(16 * 60);
        assert!(
            ocp_check(&received, BODY, signature, late)
                .unwrap_err()
                .contains("15 minutes")
        );
        let mut undated = received.clone();
        undated.remove("date");
        assert!(
            ocp_check(&undated, BODY, signature, now)
                .unwrap_err()
                .contains("missing")
        );
    }

    #[test]
    fn query_pairs_are_decoded_in_order() {
        assert_eq!(split_query("/p"), ("/p", vec![]));
        assert_eq!(
            split_query("/p?b=%20x&a&&c=1=2"),
            (
                "/p",
                vec![
                    ("b".into(), " x".into()),
                    ("a".into(), "".into()),
                    ("c".into(), "1=2".into())
                ]
            )
        );
    }
}
