//! Carrying out calls. A call goes through three named steps, each in its own module:
//! `prepare` the parts that do not change per attempt (`prepare.rs`), then `run_attempts`
//! under the retry policy and the time limits (`attempts.rs`), each attempt one
//! `exchange` over HTTP (`exchange.rs`). All of it inside one `api_call` span.

use super::attempts::run_attempts;
use super::error::Error;
use super::prepare::prepare;
use super::request::Request;
use super::settings::Settings;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use tracing::Instrument;

/// A built client's configuration and connection pool; shared by clones.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Settings>,
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

impl Runtime {
    pub(crate) fn new(settings: Settings) -> Self {
        Runtime {
            inner: Arc::new(settings),
        }
    }

    /// A value set at build time for `{name}` in paths (checked there, so never missing here).
    pub fn client_param(&self, name: &str) -> &str {
        self.inner.client_param(name)
    }

    pub fn endpoint(&self) -> String {
        format!("{}{}", self.inner.origin, self.inner.base_path)
    }

    /// Sends a request under the retry policy and reads the answer into `R`, inside one
    /// `api_call` span (service, operation, attempt, status, request id, duration).
    pub async fn call<R: DeserializeOwned>(&self, mut request: Request) -> Result<R, Error> {
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
        let settings = &*self.inner;
        async {
            let prepared = prepare(settings, &mut request)?;
            run_attempts(settings, &request, &prepared).await
        }
        .instrument(span)
        .await
    }
}
