//! The lifecycle helpers, thin: a paged list's `pages()` and `items()` on its call, a
//! waiter's `wait_for_<name>` on the client, and `and_wait()` on the call that starts what
//! a waiter polls. Each hands the runtime (`rt::Pages`, `rt::Wait`) a description, one
//! fetch and the paths into the answer; the runtime decides the rest.

use super::profile::operation_const_name;
use super::tokens::{ident, rust_type};
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `Option<&T>` of the value at the end of `steps`, from the reference `root`.
fn path_by_ref(root: TokenStream, steps: &[FieldStep]) -> TokenStream {
    let mut expr = TokenStream::new();
    for (i, step) in steps.iter().enumerate() {
        let f = ident(&step.field);
        expr = match (i, step.optional) {
            (0, true) => quote! { #root.#f.as_ref() },
            (0, false) => quote! { Some(&#root.#f) },
            (_, true) => quote! { #expr.and_then(|v| v.#f.as_ref()) },
            (_, false) => quote! { #expr.map(|v| &v.#f) },
        };
    }
    expr
}

/// `Option<T>` of the value at the end of `steps`, moved out of `root`.
fn path_by_value(root: TokenStream, steps: &[FieldStep]) -> TokenStream {
    let mut expr = TokenStream::new();
    for (i, step) in steps.iter().enumerate() {
        let f = ident(&step.field);
        expr = match (i, step.optional) {
            (0, true) => quote! { #root.#f },
            (0, false) => quote! { Some(#root.#f) },
            (_, true) => quote! { #expr.and_then(|v| v.#f) },
            (_, false) => quote! { #expr.map(|v| v.#f) },
        };
    }
    expr
}

/// `pages()` and `items()` on the call of a paged list.
pub(super) fn emit_pagination(op: &Operation) -> TokenStream {
    let Some(p) = &op.pagination else {
        return TokenStream::new();
    };
    let const_name = operation_const_name(op);
    let answer = rust_type(&op.response);
    let item = rust_type(&p.item_ty);
    let position = ident(&p.position);
    let limit = ident(&p.limit);
    let wire = &p.position_wire;
    let style = match p.style {
        PageStyle::Offset => quote! { rt::PageStyle::Offset },
        PageStyle::Page { first } => {
            let first = Literal::u64_unsuffixed(first);
            quote! { rt::PageStyle::Page { first: #first } }
        }
    };
    let default_limit = match p.default_limit {
        Some(d) => {
            let d = Literal::i64_unsuffixed(d);
            quote! { Some(#d) }
        }
        None => quote! { None },
    };
    let items = path_by_ref(quote! { page }, &p.items);
    let total = if p.total.is_empty() {
        quote! { |_| None }
    } else {
        let total = path_by_ref(quote! { page }, &p.total);
        quote! { |page| #total.and_then(|v| rt::as_position(*v)) }
    };
    let pages_doc = format!(
        " Every page of the list, as a `futures::Stream`, from the `{wire}` set (else the first \
         page). Each page is one call, checked and retried like [`send`](Self::send); the \
         stream ends after the last page, or with `rt::Error::Pagination` when the server \
         repeats a page, reports a total it never reaches, or the list does not end within \
         `rt::DEFAULT_MAX_PAGES` pages (`.max_pages(n)` changes that)."
    );
    quote! {
        #[doc = #pages_doc]
        pub fn pages(self) -> rt::Pages<'a, #answer, #item> {
            let rule = rt::PageRule {
                operation: &#const_name,
                style: #style,
                position_param: #wire,
                default_limit: #default_limit,
            };
            let start = self.#position.and_then(rt::as_position);
            let limit = self.#limit.and_then(rt::as_position);
            rt::Pages::new(
                rule,
                start,
                limit,
                move |position| {
                    let mut call = self.clone();
                    call.#position = Some(rt::page_position(&rule, position)?);
                    Ok(call.send())
                },
                |page| #items.map_or(&[][..], |v| v.as_slice()),
                #total,
            )
        }

        /// Every item of every page, as a `futures::Stream`: [`pages`](Self::pages), one
        /// item at a time.
        pub fn items(self) -> rt::Items<'a, #answer, #item> {
            self.pages().items()
        }
    }
}

/// `wait_for_<name>(id)` on the client (and the private `<method>_from` that
/// `and_wait` uses), for an operation with a waiter.
pub(super) fn emit_waiter(op: &Operation) -> TokenStream {
    let Some(w) = &op.waiter else {
        return TokenStream::new();
    };
    let const_name = operation_const_name(op);
    let method = ident(&w.method);
    let from = ident(&format!("{}_from", w.method));
    let polled = ident(&op.name);
    let id = ident(&w.id);
    let answer = rust_type(&op.response);
    let what = &w.what;
    let done = &w.done;
    let failed = &w.failed;
    let state = path_by_ref(quote! { answer }, &w.state);
    let doc = format!(
        " Waits until the {what} `{id}` ends: polls [`{op}`](Self::{op}) (its first pause \
         `rt::DEFAULT_POLL_INTERVAL`, doubling) until its state is {}, and returns that \
         answer. A state {} is `rt::Error::Wait` (`WaitError::Failed`, with the answer); \
         no final state within `rt::DEFAULT_WAIT_TIMEOUT` (`.timeout(..)` changes it) is \
         `WaitError::TimedOut`, naming the {what} and its last state.",
        list_or(done),
        if failed.is_empty() {
            "that fails: none".to_string()
        } else {
            list_or(failed)
        },
        id = w.id,
        op = op.name,
    );
    quote! {
        #[doc = #doc]
        pub fn #method(&self, #id: impl Into<String>) -> rt::Wait<'_, #answer> {
            self.#from(rt::WaitStart::Id(#id.into()))
        }

        fn #from<'a>(&'a self, start: rt::WaitStart<'a>) -> rt::Wait<'a, #answer> {
            let rule = rt::WaitRule {
                operation: &#const_name,
                what: #what,
                done: &[#(#done),*],
                failed: &[#(#failed),*],
            };
            rt::Wait::new(
                rule,
                start,
                move |id| rt::CallFuture::new(async move { self.#polled(&id).send().await }),
                |answer| #state.map(|v| v.as_str()),
            )
        }
    }
}

fn list_or(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    quoted.join(" or ")
}

/// `and_wait()` on the call that starts what a waiter polls.
pub(super) fn emit_and_wait(op: &Operation) -> TokenStream {
    let Some(a) = &op.and_wait else {
        return TokenStream::new();
    };
    let const_name = operation_const_name(op);
    let from = ident(&format!("{}_from", a.waiter));
    let answer = rust_type(&a.answer);
    let id = path_by_value(quote! { answer }, &a.id);
    let field = &a.id_wire;
    let doc = format!(
        " Sends the request, then waits for what it started: the answer's `{field}` polled \
         by [`Client::{waiter}`] (set its time limit and pause on the returned waiter). An \
         answer without `{field}` is `rt::Error::Wait` (`WaitError::MissingId`), not a wait \
         for nothing.",
        waiter = a.waiter
    );
    quote! {
        #[doc = #doc]
        pub fn and_wait(self) -> rt::Wait<'a, #answer> {
            let client = self.client;
            client.#from(rt::WaitStart::After(rt::CallFuture::new(async move {
                let answer = self.send().await?;
                rt::wait_id(#id, &#const_name, #field)
            })))
        }
    }
}
