//! Waiters: poll an operation by id until its answer's state is final, with a growing
//! interval and a time limit. Generated code describes the waiter (which states end it)
//! and polls once; how long, how often and what an ending means live here, once.

use super::error::Error;
use super::future::CallFuture;
use super::lifecycle_errors::WaitError;
use super::service::Operation;
use std::time::Duration;
use tokio::time::Instant;

/// How long a waiter waits unless told otherwise ([`Wait::timeout`]).
pub const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(600);
/// The first pause between two polls unless told otherwise ([`Wait::poll_interval`]).
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(2);
/// The pause doubles after each poll up to this many times the first.
const MAX_INTERVAL_FACTOR: u32 = 8;

/// A waiter as the spec's `x-waiter` describes it.
#[derive(Clone, Copy, Debug)]
pub struct WaitRule {
    /// The operation polled (`show_job`).
    pub operation: &'static Operation,
    /// What is waited for, for messages (`job`).
    pub what: &'static str,
    /// States that end the wait with the answer.
    pub done: &'static [&'static str],
    /// States that end the wait with [`WaitError::Failed`].
    pub failed: &'static [&'static str],
}

/// Where the id to poll comes from.
pub enum WaitStart<'a> {
    /// Known already.
    Id(String),
    /// The answer of the call that starts the job (`manage_admin_password(..).and_wait()`).
    After(CallFuture<'a, String>),
}

type Poll<'a, T> = Box<dyn Fn(String) -> CallFuture<'a, T> + Send + Sync + 'a>;

/// Waits for a job: `.await` it; [`timeout`](Wait::timeout) and
/// [`poll_interval`](Wait::poll_interval) change how long and how often.
#[must_use = "a waiter does nothing until it is awaited"]
pub struct Wait<'a, T> {
    rule: WaitRule,
    start: WaitStart<'a>,
    poll: Poll<'a, T>,
    state: fn(&T) -> Option<&str>,
    timeout: Duration,
    interval: Duration,
}

impl<'a, T: Send + Sync + 'static> Wait<'a, T> {
    pub fn new(
        rule: WaitRule,
        start: WaitStart<'a>,
        poll: impl Fn(String) -> CallFuture<'a, T> + Send + Sync + 'a,
        state: fn(&T) -> Option<&str>,
    ) -> Self {
        Wait {
            rule,
            start,
            poll: Box::new(poll),
            state,
            timeout: DEFAULT_WAIT_TIMEOUT,
            interval: DEFAULT_POLL_INTERVAL,
        }
    }

    /// The longest the wait lasts, counted from when the id is known; then
    /// [`WaitError::TimedOut`]. 10 minutes by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The first pause between two polls (it doubles after each poll, up to 8 times
    /// this). 2 seconds by default.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    async fn run(self) -> Result<T, Error> {
        let service = self.rule.operation.service.name;
        let id = match self.start {
            WaitStart::Id(id) => id,
            WaitStart::After(started) => started.await?,
        };
        let began = Instant::now();
        // A limit too far to represent is no limit: thirty years.
        let deadline = began
            .checked_add(self.timeout)
            .unwrap_or_else(|| began + Duration::from_secs(30 * 365 * 24 * 3600));
        let max_interval = self.interval.saturating_mul(MAX_INTERVAL_FACTOR);
        let mut interval = self.interval;
        let mut last_state = None;
        let mut polls = 0u32;
        let timed_out = |id: String, last_state: Option<String>, polls: u32| {
            Error::Wait(Box::new(WaitError::TimedOut {
                service,
                what: self.rule.what,
                id,
                last_state,
                waited: began.elapsed(),
                polls,
            }))
        };
        loop {
            if Instant::now() >= deadline {
                return Err(timed_out(id, last_state, polls));
            }
            let answer = match tokio::time::timeout_at(deadline, (self.poll)(id.clone())).await {
                Ok(answer) => answer?,
                Err(_) => return Err(timed_out(id, last_state, polls)),
            };
            polls += 1;
            let state = (self.state)(&answer).map(str::to_owned);
            if let Some(state) = &state {
                if self.rule.done.contains(&state.as_str()) {
                    return Ok(answer);
                }
                if self.rule.failed.contains(&state.as_str()) {
                    return Err(Error::Wait(Box::new(WaitError::Failed {
                        service,
                        what: self.rule.what,
                        id,
                        state: state.clone(),
                        answer: Box::new(answer),
                    })));
                }
            }
            last_state = state;
            let left = deadline.saturating_duration_since(Instant::now());
            tokio::time::sleep(interval.min(left)).await;
            interval = interval.saturating_mul(2).min(max_interval);
        }
    }
}

impl<'a, T: Send + Sync + 'static> std::future::IntoFuture for Wait<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = CallFuture<'a, T>;
    fn into_future(self) -> Self::IntoFuture {
        CallFuture::new(self.run())
    }
}

/// The id from the answer of the call that starts a job: missing or empty is
/// [`WaitError::MissingId`], never a wait for nothing.
pub fn wait_id(
    id: Option<String>,
    started_by: &'static Operation,
    field: &'static str,
) -> Result<String, Error> {
    match id {
        Some(id) if !id.is_empty() => Ok(id),
        _ => Err(Error::Wait(Box::new(WaitError::MissingId {
            service: started_by.service.name,
            operation: started_by.name,
            field,
        }))),
    }
}
