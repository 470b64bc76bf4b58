//! Carrying out calls: one span per call, attempts under the retry policy and the time
//! limits, and one HTTP exchange per attempt.

use super::auth::{Outgoing, authenticate};
use super::builder::Timeouts;
use super::credentials::Credentials;
use super::error::{Error, TimeoutError, TimeoutKind, TransportError};
use super::request::Request;
use super::response::Answer;
use super::retry::{RetryPolicy, is_retryable, parse_retry_after};
use super::service::{AuthKind, Operation, ServiceProfile};
use super::signing;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::{Instant, SystemTime};
use tracing::Instrument;

/// A built client's configuration and connection pool; shared by clones.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Settings>,
}

/// Everything `ClientBuilder::build` checked.
pub(crate) struct Settings {
    pub service: &'static ServiceProfile,
    /// `scheme://host[:port]`.
    pub origin: String,
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
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let i = &self.inner;
        f.debug_struct("Runtime")
            .field("service", &i.service.name)
            .field("endpoint", &self.endpoint())
            .field("credentials", &i.credentials)
            .field("params", &i.params)
            .field("retry", &i.retry)
            .field("timeouts", &i.timeouts)
            .finish()
    }
}

/// A request ready to be sent: its URL checked, the headers that do not change per attempt.
struct Prepared {
    url: reqwest::Url,
    /// The path as sent, endpoint path included; what signatures cover.
    path: String,
    headers: Vec<(String, String)>,
}

/// Why one attempt got no complete answer.
enum Failure {
    /// The connection failed or broke.
    Transport(TransportError),
    /// The connection could not be opened in time.
    ConnectTimeout,
    /// The request could not be authenticated; nothing was sent.
    Unsendable(String),
}

impl Runtime {
    pub(crate) fn new(settings: Settings) -> Self {
        Runtime {
            inner: Arc::new(settings),
        }
    }

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

    /// Sends a request under the retry policy and reads the answer into `R`, inside one
    /// `api_call` span (service, operation, attempt, status, request id, duration).
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
        async {
            let prepared = self.prepare(&request)?;
            self.call_with_retries(&request, &prepared).await
        }
        .instrument(span)
        .await
    }

    /// Builds the URL once, and refuses a request the HTTP client would not send as it is:
    /// a path parameter `.` or `..` would be resolved away (sending the request elsewhere,
    /// under a signature of another path).
    fn prepare(&self, request: &Request) -> Result<Prepared, Error> {
        let inner = &self.inner;
        let path = format!("{}{}", inner.base_path, request.path);
        let query = signing::canonical_query(&request.query);
        let text = if query.is_empty() {
            format!("{}{path}", inner.origin)
        } else {
            format!("{}{path}?{query}", inner.origin)
        };
        let url = reqwest::Url::parse(&text)
            .map_err(|e| Error::Encode(format!("the URL `{text}` is not valid: {e}")))?;
        if url.path() != path || url.query().unwrap_or_default() != query {
            return Err(Error::Encode(format!(
                "the path `{path}` would be sent as `{}`: a path parameter is `.` or `..`, which HTTP resolves away",
                url.path()
            )));
        }
        let mut headers = vec![("User-Agent".to_string(), inner.user_agent.clone())];
        if request.body.is_some() {
            headers.push((
                "Content-Type".into(),
                "application/json;charset=utf-8".into(),
            ));
        } else if request.operation.service.accepts(AuthKind::HuaweiAkSk) {
            // Huawei Cloud's official SDKs send (and sign) `Content-Type: application/json`
            // on requests without a body too (tests/official_sdk.rs compares); do the same
            // for every service that takes their AK/SK signature.
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        headers.extend(request.headers.iter().cloned());
        Ok(Prepared { url, path, headers })
    }

    async fn call_with_retries<R: DeserializeOwned>(
        &self,
        request: &Request,
        prepared: &Prepared,
    ) -> Result<R, Error> {
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
            let attempt_started = Instant::now();
            let outcome = tokio::time::timeout(limit, self.send_once(request, prepared)).await;
            let elapsed_ms = attempt_started.elapsed().as_millis() as u64;
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let (error, retry_after) = match outcome {
                Ok(Ok(answer)) => {
                    span.record("status", answer.status);
                    if let Some(id) = &answer.request_id {
                        span.record("request_id", id.as_str());
                    }
                    tracing::debug!(
                        attempt,
                        status = answer.status,
                        request_id = answer.request_id.as_deref(),
                        elapsed_ms,
                        "answer received"
                    );
                    let result = if op.success.contains(&answer.status) {
                        answer.decode::<R>(op, attempt)
                    } else {
                        Err(Error::Api(Box::new(answer.api_error(op, None, attempt))))
                    };
                    match result {
                        Ok(value) => return Ok(value),
                        Err(error) => {
                            let retry_after = answer
                                .retry_after
                                .as_deref()
                                .and_then(|v| parse_retry_after(v, SystemTime::now()));
                            (error, retry_after)
                        }
                    }
                }
                Ok(Err(failure)) => (self.failure_error(op, failure, attempt), None),
                Err(_elapsed) => {
                    // The attempt's limit was cut short by the total limit: the total fired.
                    let (kind, limit) = if limit < timeouts.attempt {
                        (TimeoutKind::Total, timeouts.total)
                    } else {
                        (TimeoutKind::Attempt, timeouts.attempt)
                    };
                    (self.timeout_error(op, kind, limit, attempt), None)
                }
            };
            if !is_retryable(op, policy, &error) || attempt >= policy.max_attempts {
                tracing::warn!(attempt, elapsed_ms, error = %error, "call failed");
                return Err(error);
            }
            let wait = policy.backoff(attempt, retry_after);
            // A wait past the total limit (a long `Retry-After`) is not waited out: the
            // call ends now with the answer that asked for it.
            if started.elapsed().saturating_add(wait) >= timeouts.total {
                tracing::warn!(
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    error = %error,
                    "call failed; the wait before another attempt would pass the total timeout"
                );
                return Err(error);
            }
            tracing::info!(attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    fn failure_error(&self, op: &Operation, failure: Failure, attempts: u32) -> Error {
        match failure {
            Failure::Transport(mut failure) => {
                failure.attempts = attempts;
                Error::Transport(Box::new(failure))
            }
            Failure::ConnectTimeout => {
                let limit = self.inner.timeouts.connect;
                self.timeout_error(op, TimeoutKind::Connect, limit, attempts)
            }
            Failure::Unsendable(reason) => Error::Encode(reason),
        }
    }

    fn timeout_error(
        &self,
        op: &Operation,
        kind: TimeoutKind,
        limit: std::time::Duration,
        attempts: u32,
    ) -> Error {
        Error::Timeout(Box::new(TimeoutError {
            service: op.service.name,
            operation: op.name,
            kind,
            limit,
            attempts,
        }))
    }

    /// One attempt: authenticate (a fresh date and signature each time), send, read it all.
    async fn send_once(&self, request: &Request, prepared: &Prepared) -> Result<Answer, Failure> {
        let op = request.operation;
        let inner = &self.inner;
        let body = request.body.as_deref().unwrap_or_default();
        let mut headers = prepared.headers.clone();
        let outgoing = Outgoing {
            method: op.method.as_str(),
            host: &inner.host,
            path: &prepared.path,
            query: &request.query,
            body,
            project_id: Some(self.client_param("project_id")),
        };
        authenticate(
            &inner.credentials,
            op.service.auth,
            &outgoing,
            &mut headers,
            SystemTime::now(),
        )
        .map_err(Failure::Unsendable)?;
        let method = reqwest::Method::from_bytes(op.method.as_str().as_bytes())
            .unwrap_or(reqwest::Method::GET);
        let mut builder = inner.http.request(method, prepared.url.clone());
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(e) if e.is_connect() && e.is_timeout() => return Err(Failure::ConnectTimeout),
            // A connect error means nothing was sent; any other may come after sending.
            Err(e) => {
                let failure = self.transport_error(op, !e.is_connect(), &e);
                return Err(Failure::Transport(failure));
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
                    let mut failure = self.transport_error(op, true, &e);
                    failure.status = Some(status);
                    failure.request_id = request_id;
                    failure.body = body;
                    return Err(Failure::Transport(failure));
                }
            }
        }
        Ok(Answer {
            status,
            request_id,
            retry_after,
            body,
        })
    }

    fn transport_error(
        &self,
        op: &Operation,
        maybe_sent: bool,
        error: &reqwest::Error,
    ) -> TransportError {
        TransportError {
            service: op.service.name,
            operation: op.name,
            maybe_sent,
            reason: describe(error),
            status: None,
            request_id: None,
            body: Vec::new(),
            attempts: 0,
        }
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
