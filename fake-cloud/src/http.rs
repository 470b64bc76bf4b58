//! What the HTTP side of every service shares, and nothing of any one service: JSON
//! answers, path templates, the facts of one request, and the Huawei API gateway's own
//! answers (DDM and DWS sit behind it). A leaf: it uses no other module of the crate.

use std::time::Instant;

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What the Huawei API gateway answers to a missing or wrong token.
pub const APIGW_AUTH_ERROR_CODE: &str = "APIGW.0301";
/// The gateway's message with [`APIGW_AUTH_ERROR_CODE`]; wrong (rather than missing)
/// credentials add `: ` and what was wrong, e.g. that the signature does not match.
pub const APIGW_AUTH_ERROR_MSG: &str = "Incorrect IAM authentication information";
/// What the Huawei API gateway answers to an unknown method or path.
pub const APIGW_NOT_FOUND_CODE: &str = "APIGW.0101";

/// Per-request facts handlers can read from the request extensions.
#[derive(Clone, Debug)]
pub(crate) struct RequestCtx {
    /// `X-Request-Id` (DDM, DWS) or `traceId` (OCP).
    pub id: String,
    pub started: Instant,
}

/// The parts of a request a credential check may look at.
pub(crate) struct RequestView<'a> {
    pub method: &'a Method,
    /// As received: the wire path, then `?` and the query when there is one.
    pub path_and_query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// A JSON answer with the given status.
pub(crate) fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Whether a `Content-Type` value names JSON (`application/json`, with or
/// without parameters, or any `+json` type).
pub(crate) fn is_json(content_type: Option<&HeaderValue>) -> bool {
    let Some(value) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mime = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// Whether a path (without its query) has the shape of a path template such as
/// `/v1/{project_id}/instances/{instance_id}/users`, where each `{name}` stands for one
/// non-empty segment.
pub(crate) fn matches_template(path: &str, template: &str) -> bool {
    let (Some(path), Some(template)) = (path.strip_prefix('/'), template.strip_prefix('/')) else {
        return false;
    };
    let mut segments = path.split('/');
    let mut expected = template.split('/');
    loop {
        match (segments.next(), expected.next()) {
            (None, None) => return true,
            (Some(segment), Some(pattern)) => {
                let variable = pattern.starts_with('{') && pattern.ends_with('}');
                let fits = if variable {
                    !segment.is_empty()
                } else {
                    segment == pattern
                };
                if !fits {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The value of a query parameter, as sent (the fake's parameters need no decoding).
pub(crate) fn query_value<'a>(uri: &'a axum::http::Uri, name: &str) -> Option<&'a str> {
    uri.query()?
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// An integer query parameter: `Ok(None)` when absent, `Err` naming it when not an integer.
pub(crate) fn query_int(uri: &axum::http::Uri, name: &str) -> Result<Option<i64>, String> {
    match query_value(uri, name) {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| format!("{name} must be an integer, not {text:?}.")),
    }
}

/// The Huawei API gateway's answer for a method and path it does not know.
pub(crate) async fn apigw_not_found() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &serde_json::json!({
            "error_code": APIGW_NOT_FOUND_CODE,
            "error_msg": "The API does not exist or has not been published in the environment",
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates() {
        let users = "/v1/{project_id}/instances/{instance_id}/users";
        assert!(matches_template("/v1/p/instances/i/users", users));
        assert!(!matches_template("/v1//instances/i/users", users));
        assert!(!matches_template("/v1/p/instances/i/users/", users));
        assert!(!matches_template("/v1/p/instances/i", users));
        assert!(!matches_template("/v2/p/instances/i/users", users));
        assert!(!matches_template("v1/p/instances/i/users", users));
    }

    #[test]
    fn query_parameters() {
        let uri: axum::http::Uri = "/x?offset=3&limit=&type=ROLE".parse().unwrap();
        assert_eq!(query_value(&uri, "type"), Some("ROLE"));
        assert_eq!(query_int(&uri, "offset"), Ok(Some(3)));
        assert!(query_int(&uri, "limit").is_err());
        assert_eq!(query_int(&uri, "page"), Ok(None));
    }

    #[test]
    fn json_content_types() {
        let ok = |s: &'static str| is_json(Some(&HeaderValue::from_static(s)));
        assert!(ok("application/json"));
        assert!(ok("application/json;charset=utf-8"));
        assert!(ok("Application/JSON; charset=UTF-8"));
        assert!(ok("application/problem+json"));
        assert!(!ok("text/plain"));
        assert!(!is_json(None));
    }
}
