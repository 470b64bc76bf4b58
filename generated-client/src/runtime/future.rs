//! The future every call returns, named once: the call path, the call builders'
//! `IntoFuture` and the paginators and waiters all use it.

use super::error::Error;

/// What `.await` on a call builder runs: the call's `send`, boxed so that each builder can
/// name its `IntoFuture` type.
pub type CallFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'a>>;
