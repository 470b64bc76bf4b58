//! What a built client holds: the settings `ClientBuilder::build` checked, and the time
//! limits of a call. A leaf of the runtime: the builder writes these, the call path reads them.

use super::credentials::Credentials;
use super::fixed_headers::FixedHeaders;
use super::retry::RetryPolicy;
use super::service::ServiceProfile;
use std::time::Duration;

/// Time limits of a call. Each one that runs out is its own [`TimeoutKind`](super::error::TimeoutKind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Opening a connection.
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole answer.
    pub attempt: Duration,
    /// The whole call, retries and backoff included.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            total: Duration::from_secs(120),
        }
    }
}

/// The default of [`ClientBuilder::max_response_bytes`](super::ClientBuilder::max_response_bytes): 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// Everything `ClientBuilder::build` checked.
pub(crate) struct Settings {
    pub service: &'static ServiceProfile,
    /// `scheme://host[:port]`.
    pub origin: String,
    /// The same, parsed: each call's URL is this one with its path and query set.
    pub base_url: reqwest::Url,
    /// `host[:port]`, as the `Host` header carries it.
    pub host: String,
    /// The endpoint's path, without a trailing `/`; operation paths follow it.
    pub base_path: String,
    pub credentials: Credentials,
    pub params: Vec<(String, String)>,
    pub http: reqwest::Client,
    pub retry: RetryPolicy,
    pub timeouts: Timeouts,
    pub user_agent: String,
    /// The headers every call sends alike, built once.
    pub fixed_headers: FixedHeaders,
    /// The largest answer body read; a larger one ends the attempt.
    pub max_response_bytes: u64,
}

impl Settings {
    /// A value set at build time for `{name}` in paths (checked there, so never missing here).
    pub fn client_param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }
}
