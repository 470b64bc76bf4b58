//! The first step of a call: the parts of the request that do not change per attempt.

use super::auth::{TokenPlace, token_place};
use super::credentials::Credentials;
use super::error::Error;
use super::redact::Redactor;
use super::request::Request;
use super::service::{AuthKind, Operation};
use super::settings::Settings;
use super::signing;
use super::validate::{ValidationError, Violation};

/// The longest URL the HTTP library can send (`http::Uri` refuses more than `u16::MAX - 1`
/// bytes); a longer one could never go out, so it is refused before any attempt.
const MAX_URL_BYTES: usize = u16::MAX as usize - 1;

/// A request ready to be sent: its URL checked, the headers that do not change per attempt.
pub(crate) struct Prepared {
    pub url: reqwest::Url,
    /// The path as sent, endpoint path included; what signatures cover.
    pub path: String,
    pub headers: Vec<(String, String)>,
}

/// Builds the URL once, and refuses a request the HTTP client would not send as it is:
/// a path parameter `.` or `..` would be resolved away (sending the request elsewhere,
/// under a signature of another path).
pub(crate) fn prepare(settings: &Settings, request: &Request) -> Result<Prepared, Error> {
    refuse_empty_segments(request.operation, &request.path)?;
    let path = format!("{}{}", settings.base_path, request.path);
    let key_in_query = match (
        &settings.credentials,
        token_place(request.operation.service.auth),
    ) {
        (Credentials::Token(token), TokenPlace::Query(name)) => Some((name, token)),
        _ => None,
    };
    let query = match key_in_query {
        Some((name, token)) => {
            let mut pairs = request.query.clone();
            pairs.push((name.to_string(), token.expose().to_string()));
            signing::canonical_query(&pairs)
        }
        None => signing::canonical_query(&request.query),
    };
    // The URL may carry the token: the messages below never show it.
    let masked = |text: String| Redactor::new(&settings.credentials, &[]).mask(&text);
    let text = if query.is_empty() {
        format!("{}{path}", settings.origin)
    } else {
        format!("{}{path}?{query}", settings.origin)
    };
    if text.len() > MAX_URL_BYTES {
        return Err(Error::Encode(format!(
            "the URL is {} bytes long, more than the {MAX_URL_BYTES} an HTTP request can carry",
            text.len()
        )));
    }
    let url = reqwest::Url::parse(&text)
        .map_err(|e| Error::Encode(masked(format!("the URL `{text}` is not valid: {e}"))))?;
    if url.path() != path || url.query().unwrap_or_default() != query {
        return Err(Error::Encode(format!(
            "the path `{path}` would be sent as `{}`: a path parameter is `.` or `..`, which HTTP resolves away",
            url.path()
        )));
    }
    let mut headers = vec![("User-Agent".to_string(), settings.user_agent.clone())];
    if let Some(content_type) = &request.content_type {
        headers.push(("Content-Type".into(), content_type.clone()));
    } else if request.body.is_some() {
        headers.push((
            "Content-Type".into(),
            "application/json;charset=utf-8".into(),
        ));
    } else if request.operation.service.accepts(AuthKind::HuaweiAkSk) {
        // Huawei Cloud's official SDKs send (and sign) `Content-Type: application/json`
        // on requests without a body too (tests compare with their captures); do the same
        // for every service that takes their AK/SK signature.
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    headers.extend(request.headers.iter().cloned());
    Ok(Prepared { url, path, headers })
}

/// Refuses a path whose parameter is empty: `/instances//users` is another path (or none),
/// which the service would answer with a 404 at best. Each `{name}` of the operation's
/// template is one segment of the path (parameters are encoded, `/` included).
fn refuse_empty_segments(op: &Operation, path: &str) -> Result<(), Error> {
    let template: Vec<&str> = op.path.split('/').collect();
    let sent: Vec<&str> = path.split('/').collect();
    if template.len() != sent.len() {
        return Ok(());
    }
    let violations: Vec<Violation> = template
        .iter()
        .zip(&sent)
        .filter_map(|(pattern, segment)| {
            let name = pattern.strip_prefix('{')?.strip_suffix('}')?;
            segment.is_empty().then(|| Violation {
                field: name.to_string(),
                rule: "must not be empty (it is a segment of the path)".into(),
            })
        })
        .collect();
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(ValidationError { violations }))
    }
}
