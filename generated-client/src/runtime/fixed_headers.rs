//! The headers that are the same on every call of a client, built when the client is
//! built: a leaf the settings hold and the first step of a call (`prepare`) reads.

use super::auth;
use super::credentials::Credentials;
use super::service::{AuthScheme, ServiceProfile};
use reqwest::header::{HeaderName, HeaderValue};

/// The headers that are the same on every call of a client, validated and built once
/// when it is built: the user agent, and what its credentials add on every call
/// ([`auth::call_headers`]). A value that cannot be built is left to each call, which
/// then refuses it as it always did.
pub(crate) struct FixedHeaders {
    pub user_agent: Option<HeaderValue>,
    pub auth: Option<AuthHeaders>,
}

/// What credentials add on every call, for the service's schemes they were made for
/// (generated code gives every operation its client's), in the order sent.
pub(crate) struct AuthHeaders {
    pub schemes: &'static [AuthScheme],
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl FixedHeaders {
    pub(crate) fn new(
        service: &'static ServiceProfile,
        credentials: &Credentials,
        project_id: Option<&str>,
        user_agent: &str,
    ) -> Self {
        let mut auth = Some(Vec::new());
        auth::call_headers(credentials, service.auth, project_id, |name, value| {
            let header = HeaderName::from_bytes(name.as_bytes())
                .ok()
                .zip(HeaderValue::from_str(value).ok());
            auth = auth.take().zip(header).map(|(mut headers, header)| {
                headers.push(header);
                headers
            });
        });
        FixedHeaders {
            user_agent: HeaderValue::from_str(user_agent).ok(),
            auth: auth.map(|headers| AuthHeaders {
                schemes: service.auth,
                headers,
            }),
        }
    }
}
