//! The future every call returns, named once: the call path, the call builders'
//! `IntoFuture` and the paginators and waiters all use it.

use super::attempts::{Decoded, unbox};
use super::error::Error;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

type Boxed<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// What `.await` on a call, a call builder or a waiter runs.
///
/// A call's attempts are compiled once, not once per answer type (they answer
/// [`Decoded`]); this future hands their result back as the type the call reads, so the
/// code generated per operation is a plain function that builds a request, not a state
/// machine of its own.
#[must_use = "a call does nothing until it is awaited"]
pub struct CallFuture<'a, T> {
    inner: Inner<'a, T>,
}

enum Inner<'a, T> {
    /// A call's attempts, whose value is a boxed `T`.
    Decoded(Boxed<'a, Decoded>, PhantomData<fn() -> T>),
    /// Any other work that ends in a `T` (a waiter's polls).
    Typed(Boxed<'a, T>),
}

impl<'a, T: 'static> CallFuture<'a, T> {
    /// The future of `work`, whose value is a boxed `T`.
    pub(crate) fn decoded(work: impl Future<Output = Result<Decoded, Error>> + Send + 'a) -> Self {
        CallFuture {
            inner: Inner::Decoded(Box::pin(work), PhantomData),
        }
    }

    /// The future of any work that ends in a `T` or an error.
    pub fn new(work: impl Future<Output = Result<T, Error>> + Send + 'a) -> Self {
        CallFuture {
            inner: Inner::Typed(Box::pin(work)),
        }
    }
}

impl<T: 'static> Future for CallFuture<'_, T> {
    type Output = Result<T, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Both arms hold a `Pin<Box<_>>`, so the future is `Unpin` whatever `T` is.
        match &mut self.get_mut().inner {
            Inner::Decoded(work, _) => work.as_mut().poll(cx).map(|r| r.map(unbox::<T>)),
            Inner::Typed(work) => work.as_mut().poll(cx),
        }
    }
}

impl<T> std::fmt::Debug for CallFuture<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CallFuture")
    }
}
