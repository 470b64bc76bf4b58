//! Formats the emitted items on every core the machine offers.
//!
//! Formatting (tokens → `syn::File` → prettyplease) is most of the generator's time, and
//! the module's top-level items are independent: prettyplease prints each item at column 0
//! and ends it with a line break, with no state carried from one item to the next, so
//! printing items one group at a time and joining the texts in order gives the same bytes
//! as printing the whole file at once. Tokens and syn trees cannot cross threads
//! (proc-macro2 marks them `!Send`), so each worker builds its parts' tokens itself from
//! the shared model, parses and prints them, and hands back text. Workers take chunks from
//! a shared counter (an expensive part, such as the client's `impl` with every method,
//! does not hold the others up), and the texts are joined by chunk index: the output does
//! not depend on how many threads ran or which took what.

use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Parts per chunk: enough to make a worker's trip to the counter rare, few enough to
/// share out the work of a small spec.
const CHUNK: usize = 16;

/// A worker's stack: the caller's thread may have more than a spawned thread's default,
/// and syn and prettyplease recurse over nested types and expressions.
const WORKER_STACK: usize = 8 << 20;

/// Each part's tokens as formatted Rust, joined in the parts' order, or the first
/// parse error in that order (the emitter only builds tokens from checked names, so an
/// error is a generator bug).
pub(super) fn format_parts<P: Sync>(
    parts: &[P],
    tokens: impl Fn(&P) -> TokenStream + Sync,
) -> Result<String, syn::Error> {
    let chunks: Vec<&[P]> = parts.chunks(CHUNK).collect();
    let format_chunk = |chunk: &[P]| -> Result<String, syn::Error> {
        let mut text = String::new();
        for part in chunk {
            let file: syn::File = syn::parse2(tokens(part))?;
            text.push_str(&prettyplease::unparse(&file));
        }
        Ok(text)
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunks.len());
    let mut texts: Vec<(usize, Result<String, syn::Error>)> = if workers <= 1 {
        chunks.iter().map(|c| format_chunk(c)).enumerate().collect()
    } else {
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(chunk) = chunks.get(i) else {
                    return done;
                };
                done.push((i, format_chunk(chunk)));
            }
        };
        std::thread::scope(|scope| {
            let spawned: Vec<_> = (1..workers)
                .map(|_| {
                    std::thread::Builder::new()
                        .stack_size(WORKER_STACK)
                        .spawn_scoped(scope, work)
                })
                .collect();
            // This thread works too; a worker that could not be spawned leaves its share to
            // the others, as the counter hands out whatever is left.
            let mut texts = work();
            for handle in spawned.into_iter().flatten() {
                match handle.join() {
                    Ok(done) => texts.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            texts
        })
    };
    texts.sort_unstable_by_key(|(i, _)| *i);
    let mut out = String::new();
    for (_, text) in texts {
        out.push_str(&text?);
    }
    Ok(out)
}
