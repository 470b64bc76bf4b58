//! Proving who the caller is: the headers each kind of credentials adds to one attempt.
//! Signatures are computed last, over the headers, path, query and body that are sent.

use super::credentials::Credentials;
use super::service::AuthScheme;
use super::signing::{self, RequestParts};
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
    pub body: &'a [u8],
    /// Sent as `X-Project-Id` with AK/SK, as the official SDK does.
    pub project_id: Option<&'a str>,
}

/// Appends the authentication headers to `headers` (which holds every other header that
/// will be sent). `now` dates the signature. Fails only when a signer refuses its input.
pub(crate) fn authenticate(
    credentials: &Credentials,
    schemes: &[AuthScheme],
    request: &Outgoing<'_>,
    headers: &mut Vec<(String, String)>,
    now: SystemTime,
) -> Result<(), String> {
    match credentials {
        Credentials::Token(token) => match token_place(schemes) {
            TokenPlace::Header(header) => {
                headers.push((header.to_string(), token.expose().to_string()));
            }
            TokenPlace::Bearer => {
                headers.push(("Authorization".into(), format!("Bearer {}", token.expose())));
            }
            // In the URL, put there once by `prepare`.
            TokenPlace::Query(_) => {}
        },
        Credentials::Basic { username, password } => {
            let pair = format!("{username}:{}", password.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            headers.push(("Authorization".into(), format!("Basic {encoded}")));
        }
        Credentials::AkSk {
            access_key,
            secret_key,
            security_token,
        } => {
            if let Some(project) = request.project_id.filter(|p| !p.is_empty()) {
                headers.push(("X-Project-Id".into(), project.to_string()));
            }
            if let Some(token) = security_token {
                headers.push(("X-Security-Token".into(), token.expose().to_string()));
            }
            let date = signing::huawei::format_sdk_date(now);
            headers.push(("X-Sdk-Date".into(), date.clone()));
            let signature = signing::huawei::sign(
                access_key,
                secret_key.expose(),
                &date,
                &parts(request, headers),
            )
            .map_err(|e| e.to_string())?;
            headers.push(("Authorization".into(), signature.authorization));
        }
        Credentials::OcpAccessKey {
            access_key_id,
            access_key_secret,
        } => {
            let date = signing::ocp::format_http_date(now);
            headers.push(("Date".into(), date.clone()));
            let signature = signing::ocp::sign(
                access_key_id,
                access_key_secret.expose(),
                &date,
                &parts(request, headers),
            );
            headers.push(("Authorization".into(), signature.authorization));
        }
    }
    Ok(())
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

fn parts<'a>(request: &'a Outgoing<'_>, headers: &'a [(String, String)]) -> RequestParts<'a> {
    RequestParts {
        method: request.method,
        host: request.host,
        path: request.path,
        query: request.query,
        headers,
        body: request.body,
    }
}
