//! The middle step of a call: attempts under the retry policy and the time limits, each
//! one exchange, its answer read as the result or as the error it stands for.

use super::error::{Error, TimeoutError, TimeoutKind};
use super::exchange::{Failure, exchange};
use super::prepare::{Prepared, prepare};
use super::redact::Redactor;
use super::request::Request;
use super::response::Answer;
use super::retry::{is_retryable, parse_retry_after};
use super::service::Operation;
use super::settings::Settings;
use super::shown::shown;
use std::any::Any;
use std::time::{Duration, Instant, SystemTime};

/// An attempt that did not end the call with a result.
struct Failed {
    error: Error,
    /// The server's `Retry-After`, when its answer had one.
    retry_after: Option<Duration>,
    /// How long the attempt took.
    elapsed_ms: u64,
}

/// A call's result before its caller takes it back as the type it asked for. The attempts
/// are not generic over that type: the retry loop, the time limits and the exchange are
/// compiled once in this crate, not once per answer type in every crate that calls
/// (a client of 1,000 operations has hundreds of answer types).
pub(crate) type Decoded = Box<dyn Any + Send>;

/// How a success answer becomes the call's result (JSON into a type, the raw bytes, or an
/// arm chosen by status), boxed as [`Decoded`].
pub(crate) type Reader<'r> =
    &'r (dyn Fn(&Operation, &Answer, u32) -> Result<Decoded, Error> + Sync);

/// The value a [`Reader`] boxed, as the type it boxed it as.
pub(crate) fn unbox<R: 'static>(value: Decoded) -> R {
    match value.downcast::<R>() {
        Ok(value) => *value,
        // Each caller boxes and unboxes one type, side by side (`Runtime::call*`).
        Err(_) => unreachable!("a reader boxed another type than its caller reads"),
    }
}

/// Makes attempts until one succeeds, the error is final, the policy's attempts are used
/// up or the wait before the next one would pass the total limit. The first attempt
/// sends `prepared`; a retry prepares the request again (the same way: it was checked
/// once), so the usual call, which makes one attempt, copies nothing. Records `attempt`
/// and `duration_ms` in the current (`api_call`) span.
pub(crate) async fn run_attempts(
    settings: &Settings,
    request: &Request,
    prepared: Prepared,
    read: Reader<'_>,
) -> Result<Decoded, Error> {
    let op = request.operation;
    let policy = &settings.retry;
    let total = settings.timeouts.total;
    let started = Instant::now();
    let span = tracing::Span::current();
    let mut attempt = 0;
    let mut first = Some(prepared);
    loop {
        attempt += 1;
        let prepared = match first.take() {
            Some(prepared) => prepared,
            None => prepare(settings, request)?,
        };
        if !span.is_disabled() {
            span.record("attempt", attempt);
        }
        let Failed {
            mut error,
            retry_after,
            elapsed_ms,
        } = match try_attempt(settings, request, prepared, attempt, started, read).await {
            Ok(value) => return Ok(value),
            Err(failed) => failed,
        };
        // Before it is logged or returned: whatever the server wrote is shown masked.
        // (Made here, not before the first attempt: a call that succeeds needs none.)
        Redactor::new(&settings.credentials, &request.secrets).apply(&mut error);
        if !is_retryable(op, policy, &error) || attempt >= policy.max_attempts {
            tracing::warn!(attempt, elapsed_ms, error = %error, "call failed");
            return Err(error);
        }
        let wait = policy.backoff(attempt, retry_after);
        // A wait past the total limit (a long `Retry-After`) is not waited out: the
        // call ends now with the answer that asked for it.
        if started.elapsed().saturating_add(wait) >= total {
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

/// One attempt: one exchange within the attempt's limit (cut short by what is left of the
/// total), then its answer read.
async fn try_attempt(
    settings: &Settings,
    request: &Request,
    prepared: Prepared,
    attempt: u32,
    call_started: Instant,
    read: Reader<'_>,
) -> Result<Decoded, Failed> {
    let op = request.operation;
    let timeouts = settings.timeouts;
    let remaining = timeouts.total.saturating_sub(call_started.elapsed());
    let limit = timeouts.attempt.min(remaining);
    let attempt_started = Instant::now();
    let outcome = tokio::time::timeout(limit, exchange(settings, request, prepared)).await;
    let elapsed_ms = attempt_started.elapsed().as_millis() as u64;
    let span = tracing::Span::current();
    if !span.is_disabled() {
        span.record("duration_ms", call_started.elapsed().as_millis() as u64);
    }
    let failed = |error, retry_after| Failed {
        error,
        retry_after,
        elapsed_ms,
    };
    match outcome {
        Ok(Ok(answer)) => read_answer(op, &answer, attempt, elapsed_ms, read).map_err(|error| {
            let retry_after = answer
                .retry_after
                .as_deref()
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            failed(error, retry_after)
        }),
        Ok(Err(failure)) => Err(failed(failure_error(settings, op, failure, attempt), None)),
        Err(_elapsed) => {
            // The attempt's limit was cut short by the total limit: the total fired.
            let (kind, limit) = if limit < timeouts.attempt {
                (TimeoutKind::Total, timeouts.total)
            } else {
                (TimeoutKind::Attempt, timeouts.attempt)
            };
            Err(failed(timeout_error(op, kind, limit, attempt), None))
        }
    }
}

/// A complete answer: the result when its status is a success, else the error it carries.
/// Records `status` and `request_id` in the current span.
pub(crate) fn read_answer(
    op: &Operation,
    answer: &Answer,
    attempt: u32,
    elapsed_ms: u64,
    read: Reader<'_>,
) -> Result<Decoded, Error> {
    // The server chose the id: escaped and capped before it reaches a log line. Nothing
    // is recorded or shown when nothing listens (the event's fields are only evaluated
    // when it is enabled).
    let span = tracing::Span::current();
    if !span.is_disabled() {
        span.record("status", answer.status);
        if let Some(id) = &answer.request_id {
            span.record("request_id", shown(id).as_str());
        }
    }
    tracing::debug!(
        attempt,
        status = answer.status,
        request_id = answer.request_id.as_deref().map(shown).as_deref(),
        elapsed_ms,
        "answer received"
    );
    if op.is_success(answer.status) {
        read(op, answer, attempt)
    } else {
        Err(Error::Api(Box::new(answer.api_error(op, None, attempt))))
    }
}

fn failure_error(settings: &Settings, op: &Operation, failure: Failure, attempts: u32) -> Error {
    match failure {
        Failure::Transport(mut failure) => {
            failure.attempts = attempts;
            Error::Transport(Box::new(failure))
        }
        Failure::ConnectTimeout => {
            let limit = settings.timeouts.connect;
            timeout_error(op, TimeoutKind::Connect, limit, attempts)
        }
        Failure::Unsendable(reason) => Error::Encode(reason),
        Failure::TooLarge(mut failure) => {
            failure.attempts = attempts;
            Error::TooLarge(Box::new(failure))
        }
    }
}

fn timeout_error(op: &Operation, kind: TimeoutKind, limit: Duration, attempts: u32) -> Error {
    Error::Timeout(Box::new(TimeoutError {
        service: op.service.name,
        operation: op.name,
        kind,
        limit,
        attempts,
    }))
}
