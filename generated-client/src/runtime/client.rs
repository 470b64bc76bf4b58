//! Carrying out calls. A call goes through three named steps, each in its own module:
//! `prepare` the parts that do not change per attempt (`prepare.rs`), then `run_attempts`
//! under the retry policy and the time limits (`attempts.rs`), each attempt one
//! `exchange` over HTTP (`exchange.rs`). All of it inside one `api_call` span.

use super::attempts::{Decoded, run_attempts};
use super::error::Error;
use super::future::CallFuture;
use super::prepare::prepare;
use super::request::Request;
use super::response::Answer;
use super::service::Operation;
use super::settings::Settings;
use bytes::Bytes;
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
    ///
    /// The request comes as the generated code built it, or as the reason it was refused
    /// (a broken rule: then nothing is sent and the future answers with that error). Not
    /// an `async fn` of its own, nor are the generated calls: every operation would be a
    /// state machine for the compiler to build, where these three functions are one per
    /// answer type and the work is in [`Runtime::call_with`], compiled once.
    pub fn call<R: DeserializeOwned + Send + 'static>(
        &self,
        request: Result<Request, Error>,
    ) -> CallFuture<'_, R> {
        let read = |op: &Operation, answer: &Answer, attempts| {
            let value: R = answer.decode(op, attempts)?;
            Ok(Box::new(value) as Decoded)
        };
        CallFuture::decoded(self.call_with(request, Box::new(read)))
    }

    /// As [`Runtime::call`], returning a success's body as it came, byte for byte.
    pub fn call_raw(&self, request: Result<Request, Error>) -> CallFuture<'_, Bytes> {
        let read = |_: &Operation, answer: &Answer, _| Ok(Box::new(answer.body.clone()) as Decoded);
        CallFuture::decoded(self.call_with(request, Box::new(read)))
    }

    /// As [`Runtime::call`], reading a success with `read` given its status and body (the
    /// type differs by status); a reason it returns is a decode error.
    pub fn call_by_status<R: Send + 'static>(
        &self,
        request: Result<Request, Error>,
        read: fn(u16, &Bytes) -> Result<R, String>,
    ) -> CallFuture<'_, R> {
        let reader = move |op: &Operation, answer: &Answer, attempts| {
            let value = read(answer.status, &answer.body)
                .map_err(|reason| answer.decode_error(op, reason, attempts))?;
            Ok(Box::new(value) as Decoded)
        };
        CallFuture::decoded(self.call_with(request, Box::new(reader)))
    }

    /// The call, not generic over its answer's type (see [`Decoded`]). A request refused
    /// before sending ends here, outside any span: nothing was attempted.
    async fn call_with(
        &self,
        request: Result<Request, Error>,
        read: OwnedReader,
    ) -> Result<Decoded, Error> {
        let request = request?;
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
            let prepared = prepare(settings, &request)?;
            run_attempts(settings, &request, prepared, &*read).await
        }
        .instrument(span)
        .await
    }
}

/// An attempts `Reader` the call's future owns (a call's reader captures nothing or a function
/// pointer, so boxing it costs no allocation or one small one).
type OwnedReader = Box<dyn Fn(&Operation, &Answer, u32) -> Result<Decoded, Error> + Send + Sync>;
