//! The first step of a call: the parts of the request that do not change per attempt.

use super::auth::{self, TokenPlace};
use super::credentials::Credentials;
use super::error::Error;
use super::request::Request;
use super::service::{AuthKind, Operation};
use super::settings::Settings;
use super::signing;
use super::validate::{ValidationError, Violation};
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};

/// The longest URL the HTTP library can send (`http::Uri` refuses more than `u16::MAX - 1`
/// bytes); a longer one could never go out, so it is refused before any attempt.
const MAX_URL_BYTES: usize = u16::MAX as usize - 1;

/// The `Content-Type` of a JSON body.
static JSON_UTF8: HeaderValue = HeaderValue::from_static("application/json;charset=utf-8");
/// The `Content-Type` Huawei Cloud's SDKs send (and sign) on requests without a body.
static JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A request ready for one attempt: what does not change per attempt, checked and built.
/// An attempt takes it whole (nothing is copied); a retry prepares another.
pub(crate) struct Prepared {
    pub method: Method,
    /// Its path is the path as sent, endpoint path included; what signatures cover.
    pub url: reqwest::Url,
    /// Every header but the dated ones and the signature, validated, in the order sent.
    pub headers: HeaderMap,
}

/// Builds the URL and the headers, and refuses a request the HTTP client would not
/// send as it is: a path parameter `.` or `..` would be resolved away (sending the request
/// elsewhere, under a signature of another path); a header value it cannot carry.
pub(crate) fn prepare(settings: &Settings, request: &Request) -> Result<Prepared, Error> {
    let op = request.operation;
    refuse_empty_segments(op, &request.path)?;
    Ok(Prepared {
        method: Method::from_bytes(op.method.as_str().as_bytes()).unwrap_or(Method::GET),
        url: url(settings, request)?,
        headers: headers(settings, request)?,
    })
}

/// The endpoint's URL (parsed once, when the client was built) with the request's path
/// and query: only they are parsed here.
fn url(settings: &Settings, request: &Request) -> Result<reqwest::Url, Error> {
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
    let mut path = String::with_capacity(settings.base_path.len() + request.path.len());
    path.push_str(&settings.base_path);
    path.push_str(&request.path);
    let length = settings.origin.len() + path.len() + usize::from(!query.is_empty()) + query.len();
    if length > MAX_URL_BYTES {
        return Err(Error::Encode(format!(
            "the URL is {length} bytes long, more than the {MAX_URL_BYTES} an HTTP request can carry"
        )));
    }
    let mut url = settings.base_url.clone();
    url.set_path(&path);
    if !query.is_empty() {
        url.set_query(Some(&query));
    }
    if url.path() != path || url.query().unwrap_or_default() != query {
        return Err(Error::Encode(format!(
            "the path `{path}` would be sent as `{}`: a path parameter is `.` or `..`, which HTTP resolves away",
            url.path()
        )));
    }
    Ok(url)
}

/// The headers of every attempt, in the order sent: user agent, content type, the
/// operation's own, then what the credentials add (the dated ones come per attempt).
fn headers(settings: &Settings, request: &Request) -> Result<HeaderMap, Error> {
    let op = request.operation;
    let fixed = &settings.fixed_headers;
    let mut headers = HeaderMap::with_capacity(8);
    match &fixed.user_agent {
        Some(value) => {
            headers.append(USER_AGENT, value.clone());
        }
        None => add(&mut headers, "User-Agent", &settings.user_agent)?,
    }
    if let Some(content_type) = &request.content_type {
        add(&mut headers, "Content-Type", content_type)?;
    } else if request.body.is_some() {
        headers.append(CONTENT_TYPE, JSON_UTF8.clone());
    } else if op.service.accepts(AuthKind::HuaweiAkSk) {
        // Huawei Cloud's official SDKs send (and sign) `Content-Type: application/json`
        // on requests without a body too (tests compare with their captures); do the same
        // for every service that takes their AK/SK signature.
        headers.append(CONTENT_TYPE, JSON.clone());
    }
    for (name, value) in &request.headers {
        add(&mut headers, name, value)?;
    }
    match &fixed.auth {
        Some(fixed) if fixed.schemes == op.service.auth => {
            for (name, value) in &fixed.headers {
                headers.append(name.clone(), value.clone());
            }
        }
        _ => {
            let project_id = Some(settings.client_param("project_id"));
            let mut failed = Ok(());
            auth::call_headers(
                &settings.credentials,
                op.service.auth,
                project_id,
                |name, value| {
                    if failed.is_ok() {
                        failed = add(&mut headers, name, value);
                    }
                },
            );
            failed?;
        }
    }
    Ok(headers)
}

/// Adds one header, refusing a name or value HTTP cannot carry: nothing is sent then.
fn add(headers: &mut HeaderMap, name: &str, value: &str) -> Result<(), Error> {
    let header_name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Encode(format!("`{name}` is not a valid HTTP header name")))?;
    let header_value = HeaderValue::from_str(value).map_err(|_| {
        Error::Encode(format!(
            "the header `{name}` has a value HTTP cannot carry (a control character)"
        ))
    })?;
    headers.append(header_name, header_value);
    Ok(())
}

/// Refuses a path whose parameter is empty: `/instances//users` is another path (or none),
/// which the service would answer with a 404 at best. Each `{name}` of the operation's
/// template is one segment of the path (parameters are encoded, `/` included).
fn refuse_empty_segments(op: &Operation, path: &str) -> Result<(), Error> {
    // The usual path has no empty segment but the one before its leading `/`, which no
    // template names: nothing to look for (and nothing to split).
    if path.starts_with('/')
        && !path.ends_with('/')
        && !path.contains("//")
        && !op.path.starts_with('{')
    {
        return Ok(());
    }
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
