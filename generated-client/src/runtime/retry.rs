//! When to send a request again, and how long to wait first.

use super::error::{Error, TimeoutKind};
use super::service::Operation;
use std::time::Duration;

/// Retries with exponential backoff and full jitter, bounded by attempts and total time.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// The backoff before retry `n` is drawn from `0..=min(max_delay, base_delay * 2^(n-1))`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Retry a non-idempotent request (POST) even when it may have reached the server.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// How long to wait before attempt `attempt + 1`; a server's `Retry-After` wins when longer.
    pub fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exponent = attempt.saturating_sub(1).min(20);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        let jitter = ceiling.mul_f64(fastrand::f64());
        match retry_after {
            Some(after) => after.max(jitter),
            None => jitter,
        }
    }
}

/// Whether a failed attempt may be sent again: the one rule of this runtime.
///
/// * An answer that says the server did nothing (429, 503, or the service's own "busy" code
///   such as DDM's 409 `DBS.200019` or DWS's 409 `DWS.0011`) is retried for any method.
/// * An answer or a failure that may hide work already done (502, 504, a connection broken
///   after the request went out, a per-attempt timeout) is retried only when sending twice
///   is harmless: the operation is idempotent (PUT, GET, DELETE, `x-idempotent`) or the
///   caller opted in with [`RetryPolicy::retry_non_idempotent`].
/// * A failure before anything was sent (connection refused, connect timeout) is retried
///   for any method.
/// * Anything else is final: other statuses, a success answer that cannot be read (the work
///   is done), the total timeout, a request that cannot be built.
pub(crate) fn is_retryable(op: &Operation, policy: &RetryPolicy, error: &Error) -> bool {
    let repeat_is_harmless = op.idempotent || policy.retry_non_idempotent;
    match error {
        Error::Api(api) => {
            let busy = op
                .service
                .retryable_errors
                .iter()
                .any(|r| r.status == api.status && api.code.as_deref() == Some(r.code));
            match api.status {
                _ if busy => true,
                429 | 503 => true,
                502 | 504 => repeat_is_harmless,
                _ => false,
            }
        }
        Error::Transport(failure) => !failure.maybe_sent || repeat_is_harmless,
        Error::Timeout(timeout) => match timeout.kind {
            TimeoutKind::Connect => true,
            TimeoutKind::Attempt => repeat_is_harmless,
            TimeoutKind::Total => false,
        },
        _ => false,
    }
}

/// `Retry-After` as seconds or as an HTTP date in any of the three forms RFC 9110 says a
/// recipient must accept: IMF-fixdate, RFC 850 and asctime.
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::error::{ApiError, TimeoutError, TransportError};
    use crate::runtime::service::{
        ErrorFields, Method, ResponseBody, RetryableError, ServiceProfile,
    };

    const SERVICE: ServiceProfile = ServiceProfile {
        name: "svc",
        title: "a service",
        client_params: &[],
        auth: &[],
        error_fields: ErrorFields {
            code: &[],
            message: &[],
            request_id: &[],
        },
        envelope: None,
        body_error: None,
        retryable_errors: &[RetryableError {
            status: 409,
            code: "BUSY.1",
        }],
    };

    const fn operation(method: Method, idempotent: bool) -> Operation {
        Operation {
            service: &SERVICE,
            name: "op",
            method,
            path: "/",
            idempotent,
            success: &[200],
            response: ResponseBody::Json,
        }
    }
    const POST: Operation = operation(Method::Post, false);
    const PUT: Operation = operation(Method::Put, true);

    fn api(status: u16, code: Option<&str>) -> Error {
        Error::Api(Box::new(ApiError {
            service: "svc",
            operation: "op",
            status,
            code: code.map(str::to_string),
            message: None,
            request_id: None,
            body: Default::default(),
            attempts: 1,
            shown_body: None,
        }))
    }

    fn transport(maybe_sent: bool) -> Error {
        Error::Transport(Box::new(TransportError {
            service: "svc",
            operation: "op",
            maybe_sent,
            reason: String::new(),
            status: None,
            request_id: None,
            body: Default::default(),
            attempts: 1,
            shown_body: None,
        }))
    }

    fn timeout(kind: TimeoutKind) -> Error {
        Error::Timeout(Box::new(TimeoutError {
            service: "svc",
            operation: "op",
            kind,
            limit: Duration::from_secs(1),
            attempts: 1,
        }))
    }

    #[test]
    fn the_retry_rule() {
        // (error, retried for a POST, retried for a PUT)
        let table = [
            (api(429, None), true, true),
            (api(503, None), true, true),
            (api(409, Some("BUSY.1")), true, true),
            (api(409, Some("OTHER.1")), false, false),
            (api(400, Some("BUSY.1")), false, false),
            (api(502, None), false, true),
            (api(504, None), false, true),
            (api(500, None), false, false),
            (api(401, None), false, false),
            (transport(false), true, true),
            (transport(true), false, true),
            (timeout(TimeoutKind::Connect), true, true),
            (timeout(TimeoutKind::Attempt), false, true),
            (timeout(TimeoutKind::Total), false, false),
            (Error::Encode("x".into()), false, false),
        ];
        let strict = RetryPolicy::default();
        let opted_in = RetryPolicy {
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        };
        for (error, post, put) in &table {
            assert_eq!(is_retryable(&POST, &strict, error), *post, "POST {error:?}");
            assert_eq!(is_retryable(&PUT, &strict, error), *put, "PUT {error:?}");
            // Opting in makes a POST behave as a PUT.
            assert_eq!(
                is_retryable(&POST, &opted_in, error),
                *put,
                "POST opted in {error:?}"
            );
        }
    }

    #[test]
    fn backoff_is_bounded_and_honours_retry_after() {
        let p = RetryPolicy::default();
        for attempt in 1..10 {
            assert!(p.backoff(attempt, None) <= p.max_delay);
        }
        assert!(p.backoff(1, None) <= p.base_delay);
        assert_eq!(
            p.backoff(1, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
    }

    #[test]
    fn reads_retry_after_in_every_form() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Sun, 09 Sep 2001 01:46:50 GMT", now),
            Some(Duration::from_secs(10))
        );
        // The obsolete forms RFC 9110 still requires recipients to read.
        assert_eq!(
            parse_retry_after("Sunday, 09-Sep-01 01:46:50 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun Sep  9 01:46:50 2001", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
        // A date already past means "now".
        assert_eq!(
            parse_retry_after("Sun, 09 Sep 2001 01:46:30 GMT", now),
            Some(Duration::ZERO)
        );
        // The largest number of seconds still reads (and the caller must not overflow with it).
        assert_eq!(
            parse_retry_after("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }
}
