//! Paginators: every page of a paged list, as a `futures::Stream`, and every item of those
//! pages. Generated code describes the list (which parameter moves, where the items and
//! the total are) and fetches one page; the decisions of when to stop live here, once.
//!
//! A page is fetched with the call's own `send`, so each page is checked, signed, retried
//! and timed like any call. The stream ends after the last page: a page shorter than the
//! page size, an empty page, or the page that reaches the answers' total. It ends with a
//! [`PaginationError`] instead of looping when the server misbehaves: a page that repeats
//! the page before it, a total the pages never reach, or more than the most pages.

use super::error::Error;
use super::future::CallFuture;
use super::lifecycle_errors::PaginationError;
use super::service::Operation;
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The most pages a paginator reads unless told otherwise ([`Pages::max_pages`]).
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// What the position parameter counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageStyle {
    /// The index of the first item (`offset=0`, then `offset=<items read>`).
    Offset,
    /// The page number, the first page being `first` (0 or 1).
    Page { first: u64 },
}

/// How one paged list moves, as the spec's `x-pagination` says.
#[derive(Clone, Copy, Debug)]
pub struct PageRule {
    pub operation: &'static Operation,
    pub style: PageStyle,
    /// The wire name of the parameter that moves, for errors.
    pub position_param: &'static str,
    /// The page size the service uses when none is sent.
    pub default_limit: Option<i64>,
}

/// Fetches the page at a position; an `Err` (the position does not fit) is not sent.
type Fetch<'a, P> = Box<dyn FnMut(i64) -> Result<CallFuture<'a, P>, Error> + Send + 'a>;

/// Every page of a paged list, in order. Made by a call's `.pages()`.
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<'a, P, I> {
    rule: PageRule,
    fetch: Fetch<'a, P>,
    items: fn(&P) -> &[I],
    total: fn(&P) -> Option<i64>,
    /// The page size, when known (set by the caller or the service's default).
    limit: Option<i64>,
    position: i64,
    /// Items before the first page read (an offset the caller set), then items read.
    reached: i64,
    pages: u32,
    max_pages: u32,
    /// The items of the page before, to see a repeated page.
    previous: Option<Vec<I>>,
    in_flight: Option<CallFuture<'a, P>>,
    /// Set once the stream has nothing more to give, or what it gives last.
    end: End,
}

enum End {
    No,
    /// The last page was given.
    Done,
    /// The next poll gives this error, then the stream ends.
    Error(Box<PaginationError>),
}

// No field is pinned: the futures are boxed.
impl<P, I> Unpin for Pages<'_, P, I> {}

impl<'a, P, I> Pages<'a, P, I>
where
    I: Clone + PartialEq,
{
    /// `start`: the position the caller set (else the first); `limit`: the page size the
    /// caller set.
    pub fn new(
        rule: PageRule,
        start: Option<i64>,
        limit: Option<i64>,
        fetch: impl FnMut(i64) -> Result<CallFuture<'a, P>, Error> + Send + 'a,
        items: fn(&P) -> &[I],
        total: fn(&P) -> Option<i64>,
    ) -> Self {
        let limit = limit.or(rule.default_limit).filter(|l| *l > 0);
        let (position, reached) = match rule.style {
            PageStyle::Offset => {
                let start = start.unwrap_or(0);
                (start, start)
            }
            PageStyle::Page { first } => {
                let first = i64::try_from(first).unwrap_or(i64::MAX);
                let start = start.unwrap_or(first);
                let before = start.saturating_sub(first).max(0);
                (start, before.saturating_mul(limit.unwrap_or(0)))
            }
        };
        Pages {
            rule,
            fetch: Box::new(fetch),
            items,
            total,
            limit,
            position,
            reached,
            pages: 0,
            max_pages: DEFAULT_MAX_PAGES,
            previous: None,
            in_flight: None,
            end: End::No,
        }
    }

    /// Stops with [`PaginationError::TooManyPages`] after `max_pages` pages (at least 1) if
    /// the list has not ended by then.
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// Every item of every page, in order.
    pub fn items(self) -> Items<'a, P, I> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
        }
    }

    fn error(&self, make: impl FnOnce(&'static str, &'static str) -> PaginationError) -> End {
        let op = self.rule.operation;
        End::Error(Box::new(make(op.service.name, op.name)))
    }

    /// What a page that came means: give it (`Some`) and maybe end after it, or end now.
    fn judge(&mut self, page: P) -> Option<P> {
        let items = (self.items)(&page);
        let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let total = (self.total)(&page);
        self.pages += 1;
        if count == 0 {
            self.end = match total {
                Some(total) if self.reached < total => {
                    let reached = self.reached;
                    self.error(|service, operation| PaginationError::TotalNotReached {
                        service,
                        operation,
                        total,
                        reached,
                    })
                }
                _ => End::Done,
            };
            // An empty first page is the (empty) list; a later one says only "no more".
            return (self.pages == 1).then_some(page);
        }
        if self.previous.as_deref() == Some(items) {
            let (page_no, position_param, position) =
                (self.pages, self.rule.position_param, self.position);
            self.end = self.error(|service, operation| PaginationError::RepeatedPage {
                service,
                operation,
                page: page_no,
                position_param,
                position,
            });
            return None;
        }
        self.previous = Some(items.to_vec());
        self.reached = self.reached.saturating_add(count);
        let short = self.limit.is_some_and(|limit| count < limit);
        self.position = match self.rule.style {
            PageStyle::Offset => self.position.saturating_add(count),
            PageStyle::Page { .. } => self.position.saturating_add(1),
        };
        self.end = match total {
            Some(total) if self.reached >= total => End::Done,
            Some(total) if short => {
                let reached = self.reached;
                self.error(|service, operation| PaginationError::TotalNotReached {
                    service,
                    operation,
                    total,
                    reached,
                })
            }
            None if short => End::Done,
            _ if self.pages >= self.max_pages => {
                let max_pages = self.max_pages;
                self.error(|service, operation| PaginationError::TooManyPages {
                    service,
                    operation,
                    max_pages,
                })
            }
            _ => End::No,
        };
        Some(page)
    }
}

impl<P: 'static, I> Stream for Pages<'_, P, I>
where
    I: Clone + PartialEq,
{
    type Item = Result<P, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.end, End::No) {
                End::Done => {
                    this.end = End::Done;
                    return Poll::Ready(None);
                }
                End::Error(e) => {
                    this.end = End::Done;
                    return Poll::Ready(Some(Err(Error::Pagination(e))));
                }
                End::No => {}
            }
            let mut future = match this.in_flight.take() {
                Some(future) => future,
                None => match (this.fetch)(this.position) {
                    Ok(future) => future,
                    Err(e) => {
                        this.end = End::Done;
                        return Poll::Ready(Some(Err(e)));
                    }
                },
            };
            let answer = match Pin::new(&mut future).poll(cx) {
                Poll::Pending => {
                    this.in_flight = Some(future);
                    return Poll::Pending;
                }
                Poll::Ready(answer) => answer,
            };
            match answer {
                Err(e) => {
                    this.end = End::Done;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(page) => {
                    if let Some(page) = this.judge(page) {
                        return Poll::Ready(Some(Ok(page)));
                    }
                    // Nothing to give: `end` says why on the next turn of the loop.
                }
            }
        }
    }
}

/// Every item of every page of a paged list, in order. Made by a call's `.items()`.
#[must_use = "a stream does nothing until it is polled"]
pub struct Items<'a, P, I> {
    pages: Pages<'a, P, I>,
    buffer: std::vec::IntoIter<I>,
}

impl<P, I> Unpin for Items<'_, P, I> {}

impl<P, I> Items<'_, P, I> {
    /// As [`Pages::max_pages`].
    pub fn max_pages(mut self, max_pages: u32) -> Self {
        self.pages.max_pages = max_pages.max(1);
        self
    }
}

impl<P: 'static, I> Stream for Items<'_, P, I>
where
    I: Clone + PartialEq,
{
    type Item = Result<I, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => {
                    this.buffer = (this.pages.items)(&page).to_vec().into_iter();
                }
            }
        }
    }
}

/// A page position or total as the runtime counts it, from whatever integer type the spec
/// gave the parameter or field (`None` when it does not fit, e.g. a `u64` past `i64::MAX`).
/// Generic, so the generated code is the same for every width.
pub fn as_position<T: TryInto<i64>>(value: T) -> Option<i64> {
    value.try_into().ok()
}

/// The position as the parameter's type (`i32`), or the error saying it does not fit.
pub fn page_position<T: TryFrom<i64>>(rule: &PageRule, position: i64) -> Result<T, Error> {
    T::try_from(position).map_err(|_| {
        Error::Pagination(Box::new(PaginationError::PositionOutOfRange {
            service: rule.operation.service.name,
            operation: rule.operation.name,
            position_param: rule.position_param,
            position,
        }))
    })
}
