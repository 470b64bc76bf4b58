//! The errors of the lifecycle helpers: a paginator that must stop because the server
//! misbehaves, and a waiter whose job failed, ran out of time or was never started. A leaf
//! (it uses only `shown`), so `error`, `paginate` and `wait` can all use it.

use super::shown::shown;
use std::any::Any;
use std::fmt;
use std::time::Duration;

/// Why a paginator stopped before the last page. The pages (and items) read before the
/// error were delivered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PaginationError {
    /// A page held exactly the items of the page before: the server ignores the position,
    /// and asking again would loop forever.
    #[error(
        "{service} {operation}: page {page} repeats the page before it (at {position_param}={position}); stopped"
    )]
    RepeatedPage {
        service: &'static str,
        operation: &'static str,
        /// The page's number among those read, from 1.
        page: u32,
        position_param: &'static str,
        position: i64,
    },
    /// The answers promise more items than the pages deliver: a page came back empty or
    /// short before the total was reached.
    #[error(
        "{service} {operation}: the answers report {total} items, but the pages ended after {reached}"
    )]
    TotalNotReached {
        service: &'static str,
        operation: &'static str,
        total: i64,
        reached: i64,
    },
    /// The paginator read its most pages and the list had not ended.
    #[error("{service} {operation}: read {max_pages} pages and the list had not ended; stopped")]
    TooManyPages {
        service: &'static str,
        operation: &'static str,
        max_pages: u32,
    },
    /// The next position does not fit the parameter's type.
    #[error("{service} {operation}: the next {position_param} ({position}) does not fit its type")]
    PositionOutOfRange {
        service: &'static str,
        operation: &'static str,
        position_param: &'static str,
        position: i64,
    },
}

/// Why a waiter stopped without the final state it waits for.
pub enum WaitError {
    /// The call that starts the job answered without the id to poll (a `202` with no body,
    /// or without the field): there is nothing to wait for.
    MissingId {
        service: &'static str,
        operation: &'static str,
        /// The answer field that should hold the id (`job_id`).
        field: &'static str,
    },
    /// The job reached a failed state; [`WaitError::answer`] is the job as last answered.
    Failed {
        service: &'static str,
        /// What is waited for (`job`).
        what: &'static str,
        id: String,
        state: String,
        answer: Box<dyn Any + Send + Sync>,
    },
    /// The time limit ran out before a final state.
    TimedOut {
        service: &'static str,
        what: &'static str,
        id: String,
        /// The state of the last answer, if one came and had a state.
        last_state: Option<String>,
        waited: Duration,
        polls: u32,
    },
}

impl WaitError {
    /// The job as the service answered it when it failed, as the polled operation's type
    /// (`ddm::ShowJobResponse`).
    pub fn answer<T: 'static>(&self) -> Option<&T> {
        match self {
            WaitError::Failed { answer, .. } => answer.downcast_ref(),
            _ => None,
        }
    }
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::MissingId {
                service,
                operation,
                field,
            } => write!(
                f,
                "{service} {operation} answered without `{field}`: there is no job to wait for"
            ),
            WaitError::Failed {
                service,
                what,
                id,
                state,
                ..
            } => write!(
                f,
                "{service} {what} {} ended in the state {}",
                shown(id),
                shown(state)
            ),
            WaitError::TimedOut {
                service,
                what,
                id,
                last_state,
                waited,
                polls,
            } => {
                write!(
                    f,
                    "{service} {what} {} did not end within {waited:?} ({polls} polls",
                    shown(id)
                )?;
                match last_state {
                    Some(state) => write!(f, ", last state {})", shown(state)),
                    None => write!(f, ", no state answered)"),
                }
            }
        }
    }
}

impl fmt::Debug for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::MissingId {
                service,
                operation,
                field,
            } => f
                .debug_struct("MissingId")
                .field("service", service)
                .field("operation", operation)
                .field("field", field)
                .finish(),
            WaitError::Failed {
                service,
                what,
                id,
                state,
                ..
            } => f
                .debug_struct("Failed")
                .field("service", service)
                .field("what", what)
                .field("id", &shown(id))
                .field("state", &shown(state))
                .finish_non_exhaustive(),
            WaitError::TimedOut {
                service,
                what,
                id,
                last_state,
                waited,
                polls,
            } => f
                .debug_struct("TimedOut")
                .field("service", service)
                .field("what", what)
                .field("id", &shown(id))
                .field("last_state", &last_state.as_deref().map(shown))
                .field("waited", waited)
                .field("polls", polls)
                .finish(),
        }
    }
}

impl std::error::Error for WaitError {}
