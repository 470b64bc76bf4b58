//! Proving who the caller is: the headers each kind of credentials adds. Those that are the
//! same on every attempt (a token, a project id) are added once per call; the dated ones
//! and the signature are made per attempt, last, over the headers, path, query and body
//! that are sent.

use super::credentials::Credentials;
use super::service::AuthScheme;
use super::signing::{self, Parts};
use base64::Engine;
use std::time::SystemTime;

/// What is sent, as the signers need it. `path` and `query` are exactly what goes on the
/// wire (the caller checked that the HTTP client keeps them as they are).
pub(crate) struct Outgoing<'a> {
    pub method: &'a str,
    /// `host[:port]`, as in the `Host` header.
    pub host: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    /// Every header sent but the dated ones and the signature, as `(name, value)`.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// Whether these credentials sign each request (and so need its headers as text).
pub(crate) fn signs(credentials: &Credentials) -> bool {
    matches!(
        credentials,
        Credentials::AkSk { .. } | Credentials::OcpAccessKey { .. }
    )
}

/// The headers these credentials add that are the same on every attempt, in the order
/// they are sent, after every other header. `project_id` is sent as `X-Project-Id` with
/// AK/SK, as the official SDK does.
pub(crate) fn call_headers(
    credentials: &Credentials,
    schemes: &[AuthScheme],
    project_id: Option<&str>,
    mut add: impl FnMut(&str, &str),
) {
    match credentials {
        Credentials::Token(token) => match token_place(schemes) {
            TokenPlace::Header(header) => add(header, token.expose()),
            TokenPlace::Bearer => add("Authorization", &format!("Bearer {}", token.expose())),
            // In the URL, put there once by `prepare`.
            TokenPlace::Query(_) => {}
        },
        Credentials::Basic { username, password } => {
            let pair = format!("{username}:{}", password.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            add("Authorization", &format!("Basic {encoded}"));
        }
        Credentials::AkSk { security_token, .. } => {
            if let Some(project) = project_id.filter(|p| !p.is_empty()) {
                add("X-Project-Id", project);
            }
            if let Some(token) = security_token {
                add("X-Security-Token", token.expose());
            }
        }
        Credentials::OcpAccessKey { .. } | Credentials::Anonymous => {}
    }
}

/// The headers one attempt adds after all the others: the date and the signature over
/// `request` (whose headers hold every other header sent, [`call_headers`] included).
/// None for credentials that do not sign. Names are lowercase, as HTTP/1 and HTTP/2 send
/// them anyway. `now` dates the signature. Fails only when a signer refuses its input.
pub(crate) fn attempt_headers(
    credentials: &Credentials,
    request: &Outgoing<'_>,
    now: SystemTime,
) -> Result<Option<[(&'static str, String); 2]>, String> {
    match credentials {
        Credentials::Token(_) | Credentials::Basic { .. } | Credentials::Anonymous => Ok(None),
        Credentials::AkSk {
            access_key,
            secret_key,
            ..
        } => {
            let date = signing::huawei::format_sdk_date(now);
            // Without an `X-Sdk-Date` among the headers the signer signs the one it is
            // given, as the one sent after them.
            let signature = signing::huawei::sign_parts(
                access_key,
                secret_key.expose(),
                &date,
                &parts(request),
            )
            .map_err(|e| e.to_string())?;
            Ok(Some([
                ("x-sdk-date", date),
                ("authorization", signature.authorization),
            ]))
        }
        Credentials::OcpAccessKey {
            access_key_id,
            access_key_secret,
        } => {
            let date = signing::ocp::format_http_date(now);
            // The `Date` header is no `x-ocp-*` header: the string to sign takes the date
            // from the argument alone.
            let signature = signing::ocp::sign_parts(
                access_key_id,
                access_key_secret.expose(),
                &date,
                &parts(request),
            );
            Ok(Some([
                ("date", date),
                ("authorization", signature.authorization),
            ]))
        }
    }
}

/// Where a token goes.
pub(crate) enum TokenPlace {
    /// As is, in this header.
    Header(&'static str),
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// As this query parameter.
    Query(&'static str),
}

/// Where the service takes a token: the first scheme that takes one, `X-Auth-Token` (as
/// Huawei Cloud's IAM tokens go) when none does.
pub(crate) fn token_place(schemes: &[AuthScheme]) -> TokenPlace {
    schemes
        .iter()
        .find_map(|a| match a {
            AuthScheme::Token { header } => Some(TokenPlace::Header(header)),
            AuthScheme::Bearer => Some(TokenPlace::Bearer),
            AuthScheme::QueryKey { name } => Some(TokenPlace::Query(name)),
            _ => None,
        })
        .unwrap_or(TokenPlace::Header("X-Auth-Token"))
}

fn parts<'a>(request: &'a Outgoing<'_>) -> Parts<'a, (&'a str, &'a str)> {
    Parts {
        method: request.method,
        host: request.host,
        path: request.path,
        query: request.query,
        headers: request.headers,
        body: request.body,
    }
}
