//! The first step of a call: the parts of the request that do not change per attempt.

use super::auth::{self, TokenPlace};
use super::credentials::Credentials;
use super::error::Error;
use super::redact::Redactor;
use super::request::Request;
use super::service::{AuthKind, Operation};
use super::settings::Settings;
use super::signing;
use super::validate::{ValidationError, Violation};
use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// The longest URL the HTTP library can send (`http::Uri` refuses more than `u16::MAX - 1`
/// bytes); a longer one could never go out, so it is refused before any attempt.
const MAX_URL_BYTES: usize = u16::MAX as usize - 1;

/// A request ready to be sent: what does not change per attempt, checked and built once.
pub(crate) struct Prepared {
    pub method: Method,
    /// Its path is the path as sent, endpoint path included; what signatures cover.
    pub url: reqwest::Url,
    /// Every header but the dated ones and the signature, validated, in the order sent.
    pub headers: HeaderMap,
    /// The same headers as text, for credentials that sign them (empty for the others).
    pub signed: Vec<(String, String)>,
    /// Shared by every attempt, not copied.
    pub body: Option<Bytes>,
}

/// Builds the URL and the headers once, and refuses a request the HTTP client would not
/// send as it is: a path parameter `.` or `..` would be resolved away (sending the request
/// elsewhere, under a signature of another path); a header value it cannot carry.
pub(crate) fn prepare(settings: &Settings, request: &mut Request) -> Result<Prepared, Error> {
    refuse_empty_segments(request.operation, &request.path)?;
    let key_in_query = match (
        &settings.credentials,
        auth::token_place(request.operation.service.auth),
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
    let mut text = String::with_capacity(
        settings.origin.len() + settings.base_path.len() + request.path.len() + query.len() + 1,
    );
    text.push_str(&settings.origin);
    let path_start = text.len();
    text.push_str(&settings.base_path);
    text.push_str(&request.path);
    let path_end = text.len();
    if !query.is_empty() {
        text.push('?');
        text.push_str(&query);
    }
    if text.len() > MAX_URL_BYTES {
        return Err(Error::Encode(format!(
            "the URL is {} bytes long, more than the {MAX_URL_BYTES} an HTTP request can carry",
            text.len()
        )));
    }
    let url = reqwest::Url::parse(&text)
        .map_err(|e| Error::Encode(masked(format!("the URL `{text}` is not valid: {e}"))))?;
    let path = &text[path_start..path_end];
    if url.path() != path || url.query().unwrap_or_default() != query {
        return Err(Error::Encode(format!(
            "the path `{path}` would be sent as `{}`: a path parameter is `.` or `..`, which HTTP resolves away",
            url.path()
        )));
    }

    let op = request.operation;
    let mut headers = Headers::new(auth::signs(&settings.credentials));
    headers.add("User-Agent", &settings.user_agent)?;
    if let Some(content_type) = &request.content_type {
        headers.add("Content-Type", content_type)?;
    } else if request.body.is_some() {
        headers.add("Content-Type", "application/json;charset=utf-8")?;
    } else if op.service.accepts(AuthKind::HuaweiAkSk) {
        // Huawei Cloud's official SDKs send (and sign) `Content-Type: application/json`
        // on requests without a body too (tests compare with their captures); do the same
        // for every service that takes their AK/SK signature.
        headers.add("Content-Type", "application/json")?;
    }
    for (name, value) in &request.headers {
        headers.add(name, value)?;
    }
    let project_id = Some(settings.client_param("project_id"));
    let mut failed = Ok(());
    auth::call_headers(
        &settings.credentials,
        op.service.auth,
        project_id,
        |name, value| {
            if failed.is_ok() {
                failed = headers.add(name, value);
            }
        },
    );
    failed?;
    Ok(Prepared {
        method: Method::from_bytes(op.method.as_str().as_bytes()).unwrap_or(Method::GET),
        url,
        headers: headers.sent,
        signed: headers.signed,
        body: request.body.take(),
    })
}

/// The headers of a call as they are sent, and as text when a signer needs them.
struct Headers {
    sent: HeaderMap,
    signed: Vec<(String, String)>,
    keep_text: bool,
}

impl Headers {
    fn new(keep_text: bool) -> Self {
        Headers {
            sent: HeaderMap::with_capacity(8),
            signed: Vec::new(),
            keep_text,
        }
    }

    /// Adds one header, refusing a name or value HTTP cannot carry: nothing is sent then.
    fn add(&mut self, name: &str, value: &str) -> Result<(), Error> {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Encode(format!("`{name}` is not a valid HTTP header name")))?;
        let header_value = HeaderValue::from_str(value).map_err(|_| {
            Error::Encode(format!(
                "the header `{name}` has a value HTTP cannot carry (a control character)"
            ))
        })?;
        self.sent.append(header_name, header_value);
        if self.keep_text {
            self.signed.push((name.to_string(), value.to_string()));
        }
        Ok(())
    }
}

/// Refuses a path whose parameter is empty: `/instances//users` is another path (or none),
/// which the service would answer with a 404 at best. Each `{name}` of the operation's
/// template is one segment of the path (parameters are encoded, `/` included).
fn refuse_empty_segments(op: &Operation, path: &str) -> Result<(), Error> {
    if op.path.split('/').count() != path.split('/').count() {
        return Ok(());
    }
    let violations: Vec<Violation> = op
        .path
        .split('/')
        .zip(path.split('/'))
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
