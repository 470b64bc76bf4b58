//! Changes to what an operation offers beyond one call: paging (`x-pagination`, the call's
//! `pages()` and `items()`), waiting (`x-waiter`, the client's `wait_for_*`) and "send, then
//! wait" (`x-and-wait`, the call's `and_wait()`).
//!
//! A helper added is compatible and one removed breaks its callers. A change to how it
//! works is compatible when the caller's code and results keep their types, except where
//! the helper now fails or yields another type where it used to succeed.

use super::{Changes, Impact};
use crate::ir::*;

impl Changes {
    pub(super) fn lifecycle(&mut self, old: &Operation, new: &Operation) {
        self.pagination(&old.name, old.pagination.as_ref(), new.pagination.as_ref());
        self.waiter(&old.name, old.waiter.as_ref(), new.waiter.as_ref());
        self.and_wait(&old.name, old.and_wait.as_ref(), new.and_wait.as_ref());
    }

    fn pagination(&mut self, name: &str, old: Option<&Pagination>, new: Option<&Pagination>) {
        let (old, new) = match (old, new) {
            (None, None) => return,
            (None, Some(_)) => {
                let what =
                    format!("`{name}` is now paged (its call offers `pages()` and `items()`)");
                return self.push(Impact::Compatible, what);
            }
            (Some(_), None) => {
                let what =
                    format!("`{name}` is no longer paged (its call loses `pages()` and `items()`)");
                return self.push(Impact::Breaking, what);
            }
            (Some(old), Some(new)) => (old, new),
        };
        if old.item_ty != new.item_ty {
            self.push(
                Impact::Breaking,
                format!(
                    "the items of `{name}` changed type from {} to {}",
                    old.item_ty.describe(),
                    new.item_ty.describe()
                ),
            );
        }
        // How pages are asked for and counted: the same stream of the same type.
        let mut how = Vec::new();
        if old.style != new.style {
            how.push(format!(
                "style {} (was {})",
                style(&new.style),
                style(&old.style)
            ));
        }
        if old.position != new.position {
            how.push(format!(
                "position `{}` (was `{}`)",
                new.position, old.position
            ));
        }
        if old.limit != new.limit {
            how.push(format!("page size `{}` (was `{}`)", new.limit, old.limit));
        }
        if old.default_limit != new.default_limit {
            how.push(format!(
                "default page size {} (was {})",
                show(new.default_limit),
                show(old.default_limit)
            ));
        }
        if old.items != new.items {
            how.push(format!(
                "items at {} (was {})",
                steps(&new.items),
                steps(&old.items)
            ));
        }
        if old.total != new.total {
            how.push(format!(
                "total at {} (was {})",
                steps(&new.total),
                steps(&old.total)
            ));
        }
        if !how.is_empty() {
            self.push(
                Impact::Compatible,
                format!("paging of `{name}` changed: {}", how.join(", ")),
            );
        }
    }

    fn waiter(&mut self, name: &str, old: Option<&Waiter>, new: Option<&Waiter>) {
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => self.push(
                Impact::Compatible,
                format!("waiter `{}` added (polls `{name}`)", n.method),
            ),
            (Some(o), None) => self.push(
                Impact::Breaking,
                format!("waiter `{}` removed (polled `{name}`)", o.method),
            ),
            (Some(o), Some(n)) if o.method != n.method => self.push(
                Impact::Breaking,
                format!(
                    "waiter `{}` is now `{}` (polls `{name}`)",
                    o.method, n.method
                ),
            ),
            (Some(o), Some(n)) => {
                let waiter = &n.method;
                if o.state != n.state || o.id != n.id || o.what != n.what {
                    self.push(
                        Impact::Compatible,
                        format!("waiter `{waiter}` reads its id or state elsewhere"),
                    );
                }
                self.states(waiter, "a success", &o.done, &n.done, true);
                self.states(waiter, "a failure", &o.failed, &n.failed, false);
            }
        }
    }

    /// Final states added to or removed from `done` or `failed`. Fewer successes or more
    /// failures turn a wait that succeeded into an error or a timeout.
    fn states(&mut self, waiter: &str, ending: &str, old: &[String], new: &[String], done: bool) {
        for state in old.iter().filter(|s| !new.contains(s)) {
            self.push(
                Impact::breaking_if(done),
                format!("state `{state}` no longer ends waiter `{waiter}` as {ending}"),
            );
        }
        for state in new.iter().filter(|s| !old.contains(s)) {
            self.push(
                Impact::breaking_if(!done),
                format!("state `{state}` now ends waiter `{waiter}` as {ending}"),
            );
        }
    }

    fn and_wait(&mut self, name: &str, old: Option<&AndWait>, new: Option<&AndWait>) {
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => self.push(
                Impact::Compatible,
                format!(
                    "the call of `{name}` now offers `and_wait()` (with `{}`)",
                    n.waiter
                ),
            ),
            (Some(o), None) => self.push(
                Impact::Breaking,
                format!(
                    "the call of `{name}` no longer offers `and_wait()` (was with `{}`)",
                    o.waiter
                ),
            ),
            (Some(o), Some(n)) => {
                if o.answer != n.answer {
                    self.push(
                        Impact::Breaking,
                        format!(
                            "`and_wait()` of `{name}` now returns {} (was {})",
                            n.answer.describe(),
                            o.answer.describe()
                        ),
                    );
                }
                if o.waiter != n.waiter || o.id != n.id || o.id_wire != n.id_wire {
                    self.push(
                        Impact::Compatible,
                        format!(
                            "`and_wait()` of `{name}` now waits with `{}` on `{}` (was `{}` on `{}`)",
                            n.waiter, n.id_wire, o.waiter, o.id_wire
                        ),
                    );
                }
            }
        }
    }
}

fn style(style: &PageStyle) -> String {
    match style {
        PageStyle::Offset => "offset".into(),
        PageStyle::Page { first } => format!("page numbers from {first}"),
    }
}

/// `` `data.users` ``, or `none` for no path.
fn steps(steps: &[FieldStep]) -> String {
    if steps.is_empty() {
        return "none".into();
    }
    let fields: Vec<&str> = steps.iter().map(|s| s.field.as_str()).collect();
    format!("`{}`", fields.join("."))
}

fn show(v: Option<i64>) -> String {
    v.map_or("none".into(), |v| v.to_string())
}
