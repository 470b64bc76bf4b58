//! Building a client, and carrying out calls: authentication, retries, timeouts, logs.

use super::credentials::{Credentials, ENV_PROJECT_ID};
use super::error::{ConfigError, Error, TimeoutError, TimeoutKind, TransportError};
use super::request::Request;
use super::response::Answer;
use super::retry::{RetryPolicy, is_retryable_status, parse_retry_after};
use super::service::{AuthKind, AuthScheme, Operation, ServiceClient, ServiceProfile};
use super::signing::{self, RequestParts};
use base64::Engine;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use tracing::Instrument;

/// Time limits of a call.
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

/// Configures a client of one service; `build` checks everything, so a client that builds
/// does not fail later for a missing setting.
pub struct ClientBuilder<C> {
    endpoint: Option<String>,
    region: Option<String>,
    credentials: Option<Credentials>,
    params: BTreeMap<String, String>,
    allow_http: bool,
    retry: RetryPolicy,
    timeouts: Timeouts,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    client: PhantomData<C>,
}

impl<C: ServiceClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: ServiceClient> ClientBuilder<C> {
    pub fn new() -> Self {
        ClientBuilder {
            endpoint: None,
            region: None,
            credentials: None,
            params: BTreeMap::new(),
            allow_http: false,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            user_agent: None,
            http: None,
            client: PhantomData,
        }
    }

    /// The service's base URL, e.g. `https://ddm.eu-de.otc.t-systems.com`. Wins over a region.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// A Huawei Cloud region (`eu-west-101`); the endpoint follows from it.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The project id, filled into paths (`{project_id}`) and sent as `X-Project-Id` when signing.
    pub fn project_id(self, project_id: impl Into<String>) -> Self {
        self.client_param("project_id", project_id)
    }

    /// Any value the service's paths take from the client's configuration.
    pub fn client_param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.insert(name.to_string(), value.into());
        self
    }

    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Fills what is not set yet from the environment: credentials (the official Huawei
    /// Cloud SDK's variables, or `OCP_*` for OCP) and `HUAWEICLOUD_SDK_PROJECT_ID`.
    pub fn from_env(mut self) -> Result<Self, ConfigError> {
        let service = C::SERVICE;
        let fail = |problem: String| ConfigError {
            service: service.name,
            problem,
        };
        if self.credentials.is_none() {
            let huawei = service.accepts(AuthKind::HuaweiAkSk) || service.accepts(AuthKind::Token);
            let found = if huawei {
                Credentials::huawei_from_env()
            } else {
                Credentials::ocp_from_env()
            };
            self.credentials = found.map_err(fail)?;
        }
        if service.client_params.contains(&"project_id")
            && !self.params.contains_key("project_id")
            && let Ok(project) = std::env::var(ENV_PROJECT_ID)
            && !project.is_empty()
        {
            self.params.insert("project_id".into(), project);
        }
        Ok(self)
    }

    /// Allows a plain `http://` endpoint, for local testing (the default refuses it).
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses this reqwest client (proxies, custom TLS roots); the connect timeout is then its own.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    pub fn build(self) -> Result<C, ConfigError> {
        let service = C::SERVICE;
        let fail = |problem: String| ConfigError {
            service: service.name,
            problem,
        };
        let endpoint = match (&self.endpoint, &self.region) {
            (Some(e), _) => e.clone(),
            (None, Some(region)) => region_endpoint(service, region).ok_or_else(|| {
                fail(format!(
                    "the {} service has no regional endpoint; set `.endpoint(url)`",
                    service.name
                ))
            })?,
            (None, None) => {
                return Err(fail(
                    "no endpoint: set `.endpoint(url)` or `.region(name)`".into(),
                ));
            }
        };
        let url = reqwest::Url::parse(&endpoint)
            .map_err(|e| fail(format!("endpoint `{endpoint}` is not a URL: {e}")))?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(fail(format!(
                    "endpoint `{endpoint}` is plain http; use https, or call `.allow_insecure_http()` for local testing"
                )));
            }
            other => {
                return Err(fail(format!(
                    "endpoint scheme `{other}` is not supported; use https"
                )));
            }
        }
        let host = url
            .host_str()
            .ok_or_else(|| fail(format!("endpoint `{endpoint}` has no host")))?;
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let credentials = self.credentials.ok_or_else(|| {
            fail("no credentials: set `.credentials(..)`, or call `.from_env()` with the variables set".into())
        })?;
        if !service.accepts(credentials.kind()) {
            let accepted: Vec<String> = service
                .auth
                .iter()
                .map(|a| format!("{:?}", a.kind()))
                .collect();
            return Err(fail(format!(
                "{:?} credentials are not accepted; this service takes {}",
                credentials.kind(),
                accepted.join(" or ")
            )));
        }
        credentials
            .check()
            .map_err(|p| fail(format!("credentials: {p}")))?;
        let mut params = Vec::new();
        for name in service.client_params {
            match self.params.get(*name) {
                Some(value) if !value.is_empty() => params.push((name.to_string(), value.clone())),
                _ => {
                    let hint = if *name == "project_id" {
                        format!("`.project_id(..)` or {ENV_PROJECT_ID}")
                    } else {
                        format!("`.client_param(\"{name}\", ..)`")
                    };
                    return Err(fail(format!(
                        "`{name}` is required by every path; set it with {hint}"
                    )));
                }
            }
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.timeouts.connect)
                .build()
                .map_err(|e| fail(format!("could not set up HTTP: {e}")))?,
        };
        let user_agent = self.user_agent.unwrap_or_else(|| {
            format!(
                "generated-client/{} ({})",
                env!("CARGO_PKG_VERSION"),
                service.name
            )
        });
        let base_path = url.path().trim_end_matches('/').to_string();
        let origin = format!("{}://{host}", url.scheme());
        Ok(C::from_runtime(Runtime {
            inner: Arc::new(Inner {
                service,
                origin,
                host,
                base_path,
                credentials,
                params,
                http,
                retry: self.retry,
                timeouts: self.timeouts,
                user_agent,
            }),
        }))
    }
}

/// Huawei Cloud's regional endpoint of a service; `eu-west-101` lives under `.myhuaweicloud.eu`.
pub fn region_endpoint(service: &ServiceProfile, region: &str) -> Option<String> {
    if !service.accepts(AuthKind::HuaweiAkSk) {
        return None;
    }
    let domain = if region == "eu-west-101" {
        "myhuaweicloud.eu"
    } else {
        "myhuaweicloud.com"
    };
    Some(format!("https://{}.{region}.{domain}", service.name))
}

/// A built client's configuration and connection pool; shared by clones.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static ServiceProfile,
    origin: String,
    host: String,
    base_path: String,
    credentials: Credentials,
    params: Vec<(String, String)>,
    http: reqwest::Client,
    retry: RetryPolicy,
    timeouts: Timeouts,
    user_agent: String,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let i = &self.inner;
        f.debug_struct("Runtime")
            .field("service", &i.service.name)
            .field("endpoint", &format!("{}{}", i.origin, i.base_path))
            .field("credentials", &i.credentials)
            .field("params", &i.params)
            .field("retry", &i.retry)
            .field("timeouts", &i.timeouts)
            .finish()
    }
}

/// What one attempt ended with.
enum Attempt {
    Answer(Answer),
    Failed(TransportError),
    TimedOut(TimeoutKind),
}

impl Runtime {
    /// A value set at build time for `{name}` in paths (checked there, so never missing here).
    pub fn client_param(&self, name: &str) -> &str {
        self.inner
            .params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    pub fn endpoint(&self) -> String {
        format!("{}{}", self.inner.origin, self.inner.base_path)
    }

    /// Sends a request under the retry policy and reads the answer into `R`.
    pub async fn call<R: DeserializeOwned>(&self, request: Request) -> Result<R, Error> {
        let op = request.operation;
        let span = tracing::info_span!(
            "api_call",
            service = op.service.name,
            operation = op.name,
            method = op.method.as_str(),
            path = op.path,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        self.call_with_retries(request).instrument(span).await
    }

    async fn call_with_retries<R: DeserializeOwned>(&self, request: Request) -> Result<R, Error> {
        let op = request.operation;
        let timeouts = self.inner.timeouts;
        let policy = &self.inner.retry;
        let started = Instant::now();
        let span = tracing::Span::current();
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let remaining = timeouts.total.saturating_sub(started.elapsed());
            let limit = timeouts.attempt.min(remaining);
            let outcome = match tokio::time::timeout(limit, self.send_once(&request)).await {
                Ok(outcome) => outcome,
                Err(_) if limit < timeouts.attempt => Attempt::TimedOut(TimeoutKind::Total),
                Err(_) => Attempt::TimedOut(TimeoutKind::Attempt),
            };
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let (error, retry, retry_after) = match outcome {
                Attempt::Answer(answer) => {
                    span.record("status", answer.status);
                    if let Some(id) = &answer.request_id {
                        span.record("request_id", id.as_str());
                    }
                    let retry_after = answer
                        .retry_after
                        .as_deref()
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let result = if op.success.contains(&answer.status) {
                        answer.decode::<R>(op, attempt)
                    } else {
                        Err(Error::Api(Box::new(answer.api_error(op, None, attempt))))
                    };
                    match result {
                        Ok(value) => {
                            tracing::debug!(status = answer.status, "call succeeded");
                            return Ok(value);
                        }
                        Err(error) => {
                            let retry = self.answer_is_retryable(op, &error);
                            (error, retry, retry_after)
                        }
                    }
                }
                Attempt::Failed(failure) => {
                    let retry = !failure.maybe_sent || op.idempotent || policy.retry_non_idempotent;
                    let mut failure = failure;
                    failure.attempts = attempt;
                    (Error::Transport(Box::new(failure)), retry, None)
                }
                Attempt::TimedOut(kind) => {
                    let retry = kind != TimeoutKind::Total
                        && (op.idempotent || policy.retry_non_idempotent);
                    let limit = if kind == TimeoutKind::Total {
                        timeouts.total
                    } else {
                        timeouts.attempt
                    };
                    let error = TimeoutError {
                        service: op.service.name,
                        operation: op.name,
                        kind,
                        limit,
                        attempts: attempt,
                    };
                    (Error::Timeout(Box::new(error)), retry, None)
                }
            };
            if !retry || attempt >= policy.max_attempts {
                tracing::warn!(error = %error, "call failed");
                return Err(error);
            }
            let wait = policy.backoff(attempt, retry_after);
            if started.elapsed() + wait >= timeouts.total {
                tracing::warn!(error = %error, "call failed; no time left for another attempt");
                return Err(error);
            }
            tracing::info!(error = %error, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// Whether an error answer may be sent again. A refusal that says the server did nothing
    /// (429, 503, "busy" codes) is safe for any method; a gateway error (502, 504) may hide
    /// work already done, so only idempotent operations (or an opt-in) retry it.
    fn answer_is_retryable(&self, op: &Operation, error: &Error) -> bool {
        let Error::Api(api) = error else { return false };
        let busy = op
            .service
            .retryable_errors
            .iter()
            .any(|r| r.status == api.status && api.code.as_deref() == Some(r.code));
        let refused = busy || matches!(api.status, 429 | 503);
        let unsure = is_retryable_status(api.status) && !refused;
        refused || (unsure && (op.idempotent || self.inner.retry.retry_non_idempotent))
    }

    async fn send_once(&self, request: &Request) -> Attempt {
        let op = request.operation;
        let inner = &self.inner;
        let path = format!("{}{}", inner.base_path, request.path);
        let query = signing::canonical_query(&request.query);
        let url = if query.is_empty() {
            format!("{}{path}", inner.origin)
        } else {
            format!("{}{path}?{query}", inner.origin)
        };
        let body = request.body.as_deref().unwrap_or_default();
        let mut headers: Vec<(String, String)> =
            vec![("User-Agent".into(), inner.user_agent.clone())];
        if request.body.is_some() {
            headers.push((
                "Content-Type".into(),
                "application/json;charset=utf-8".into(),
            ));
        }
        headers.extend(request.headers.iter().cloned());
        if let Err(reason) = self.authenticate(op, &path, &request.query, body, &mut headers) {
            return Attempt::Failed(self.transport_error(op, false, reason));
        }
        let method = reqwest::Method::from_bytes(op.method.as_str().as_bytes())
            .unwrap_or(reqwest::Method::GET);
        let mut builder = inner.http.request(method, &url);
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(e) => {
                if e.is_connect() && e.is_timeout() {
                    return Attempt::TimedOut(TimeoutKind::Connect);
                }
                return Attempt::Failed(self.transport_error(op, !e.is_connect(), describe(&e)));
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let request_id = header("x-request-id");
        let retry_after = header("retry-after");
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => {
                    let mut failure = self.transport_error(op, true, describe(&e));
                    failure.status = Some(status);
                    failure.request_id = request_id;
                    failure.body = body;
                    return Attempt::Failed(failure);
                }
            }
        }
        Attempt::Answer(Answer {
            status,
            request_id,
            retry_after,
            body,
        })
    }

    fn transport_error(&self, op: &Operation, maybe_sent: bool, reason: String) -> TransportError {
        TransportError {
            service: op.service.name,
            operation: op.name,
            maybe_sent,
            reason,
            status: None,
            request_id: None,
            body: Vec::new(),
            attempts: 0,
        }
    }

    /// Adds the headers that prove who the caller is; signatures cover the final headers.
    fn authenticate(
        &self,
        op: &Operation,
        path: &str,
        query: &[(String, String)],
        body: &[u8],
        headers: &mut Vec<(String, String)>,
    ) -> Result<(), String> {
        let inner = &self.inner;
        match &inner.credentials {
            Credentials::Token(token) => {
                let header = op
                    .service
                    .auth
                    .iter()
                    .find_map(|a| match a {
                        AuthScheme::Token { header } => Some(*header),
                        _ => None,
                    })
                    .unwrap_or("X-Auth-Token");
                headers.push((header.to_string(), token.expose().to_string()));
            }
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
                let project = self.client_param("project_id");
                if !project.is_empty() {
                    headers.push(("X-Project-Id".into(), project.to_string()));
                }
                if let Some(token) = security_token {
                    headers.push(("X-Security-Token".into(), token.expose().to_string()));
                }
                let date = signing::huawei::format_sdk_date(SystemTime::now());
                headers.push(("X-Sdk-Date".into(), date.clone()));
                let parts = RequestParts {
                    method: op.method.as_str(),
                    host: &inner.host,
                    path,
                    query,
                    headers,
                    body,
                };
                let signature =
                    signing::huawei::sign(access_key, secret_key.expose(), &date, &parts)
                        .map_err(|e| e.to_string())?;
                headers.push(("Authorization".into(), signature.authorization));
            }
            Credentials::OcpAccessKey {
                access_key_id,
                access_key_secret,
            } => {
                let date = signing::ocp::format_http_date(SystemTime::now());
                headers.push(("Date".into(), date.clone()));
                let parts = RequestParts {
                    method: op.method.as_str(),
                    host: &inner.host,
                    path,
                    query,
                    headers,
                    body,
                };
                let signature =
                    signing::ocp::sign(access_key_id, access_key_secret.expose(), &date, &parts);
                headers.push(("Authorization".into(), signature.authorization));
            }
        }
        Ok(())
    }
}

/// A reqwest error with its causes, which say what really happened (refused, reset, ...).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
