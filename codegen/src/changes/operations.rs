//! Changes to one operation: its place, documentation, parameters and their order, body,
//! success type and statuses, documented errors.

use super::{Changes, Impact, by_name};
use crate::ir::*;
use std::collections::HashSet;

impl Changes {
    pub(super) fn operation(&mut self, old: &Operation, new: &Operation) {
        let name = &old.name;
        if old.method != new.method || old.path != new.path {
            self.push(
                Impact::Compatible,
                format!(
                    "operation `{name}` moved from {} {} to {} {}",
                    old.method, old.path, new.method, new.path
                ),
            );
        }
        if old.summary != new.summary || old.doc != new.doc || old.source != new.source {
            self.push(
                Impact::Compatible,
                format!("documentation of operation `{name}` changed"),
            );
        }
        let operation = format!("operation `{name}`");
        self.toggled(
            Impact::Compatible,
            &operation,
            "deprecated",
            old.deprecated,
            new.deprecated,
        );
        self.toggled(
            Impact::Compatible,
            &operation,
            "idempotent (retry behaviour)",
            old.idempotent,
            new.idempotent,
        );
        let old_params = by_name(&old.params, |p| &p.name);
        let new_params = by_name(&new.params, |p| &p.name);
        for p in &old.params {
            match new_params.get(p.name.as_str()) {
                None => self.push(
                    Impact::Breaking,
                    format!("parameter `{}` of `{name}` removed", p.name),
                ),
                Some(n) => {
                    let argument = |l: &ParamLocation| *l != ParamLocation::Client;
                    if argument(&p.location) != argument(&n.location) {
                        let now = if argument(&n.location) {
                            "an argument of the method (was a client setting)"
                        } else {
                            "a client setting (was an argument of the method)"
                        };
                        self.push(
                            Impact::Breaking,
                            format!("parameter `{}` of `{name}` is now {now}", p.name),
                        );
                    } else if p.location != n.location {
                        self.push(
                            Impact::Compatible,
                            format!(
                                "parameter `{}` of `{name}` is now sent in the {} (was the {})",
                                p.name,
                                location(&n.location),
                                location(&p.location)
                            ),
                        );
                    }
                    if p.wire != n.wire {
                        self.push(
                            Impact::Compatible,
                            format!(
                                "parameter `{}` of `{name}` is now sent as `{}` (was `{}`)",
                                p.name, n.wire, p.wire
                            ),
                        );
                    }
                    if p.ty != n.ty {
                        self.push(
                            Impact::Breaking,
                            format!(
                                "parameter `{}` of `{name}` changed type from {} to {}",
                                p.name,
                                p.ty.describe(),
                                n.ty.describe()
                            ),
                        );
                    }
                    if p.required != n.required {
                        self.push(
                            Impact::Breaking,
                            format!(
                                "parameter `{}` of `{name}` became {}",
                                p.name,
                                if n.required { "required" } else { "optional" }
                            ),
                        );
                    }
                    self.constraints(
                        &format!("parameter `{}` of `{name}`", p.name),
                        &p.constraints,
                        &n.constraints,
                        true,
                    );
                }
            }
        }
        // Arguments are positional: the same arguments in another order break every call.
        let arguments = |op: &Operation| -> Vec<String> {
            op.params
                .iter()
                .filter(|p| p.location != ParamLocation::Client)
                .map(|p| p.name.clone())
                .collect()
        };
        let (old_args, new_args) = (arguments(old), arguments(new));
        let (old_set, new_set): (HashSet<&String>, HashSet<&String>) =
            (old_args.iter().collect(), new_args.iter().collect());
        let kept_old: Vec<&String> = old_args.iter().filter(|a| new_set.contains(a)).collect();
        let kept_new: Vec<&String> = new_args.iter().filter(|a| old_set.contains(a)).collect();
        if kept_old != kept_new {
            self.push(
                Impact::Breaking,
                format!(
                    "the arguments of `{name}` changed order from ({}) to ({})",
                    old_args.join(", "),
                    new_args.join(", ")
                ),
            );
        }
        for p in &new.params {
            if !old_params.contains_key(p.name.as_str()) {
                let kind = if p.required { "required" } else { "optional" };
                self.push(
                    Impact::Breaking,
                    format!(
                        "{kind} parameter `{}` added to `{name}` (the method takes a new argument)",
                        p.name
                    ),
                );
            }
        }
        match (&old.body, &new.body) {
            (Some(a), Some(b)) if a.ty != b.ty => self.push(
                Impact::Breaking,
                format!(
                    "request body of `{name}` changed from {} to {}",
                    a.ty.describe(),
                    b.ty.describe()
                ),
            ),
            (Some(a), Some(b)) if a.required != b.required => self.push(
                Impact::Breaking,
                format!(
                    "request body of `{name}` became {}",
                    if b.required { "required" } else { "optional" }
                ),
            ),
            (None, Some(_)) => self.push(
                Impact::Breaking,
                format!("`{name}` now takes a request body"),
            ),
            (Some(_), None) => self.push(
                Impact::Breaking,
                format!("`{name}` no longer takes a request body"),
            ),
            _ => {}
        }
        if old.response != new.response {
            self.push(
                Impact::Breaking,
                format!(
                    "`{name}` now returns {} (was {})",
                    new.response.describe(),
                    old.response.describe()
                ),
            );
        }
        self.success_statuses(old, new);
        self.toggled(
            Impact::Compatible,
            &format!("an empty success answer of `{name}`"),
            "accepted",
            old.response_body_optional,
            new.response_body_optional,
        );
        let statuses = |e: &[ErrorResponse]| e.iter().map(|e| e.status.clone()).collect::<Vec<_>>();
        if statuses(&old.errors) != statuses(&new.errors) {
            self.push(
                Impact::Compatible,
                format!(
                    "documented errors of `{name}` changed from {:?} to {:?}",
                    statuses(&old.errors),
                    statuses(&new.errors)
                ),
            );
        }
        // Error bodies are data (`Error::body`), so another shape breaks no code.
        let new_errors = by_name(&new.errors, |e| &e.status);
        for e in &old.errors {
            if let Some(n) = new_errors.get(e.status.as_str())
                && n.ty != e.ty
            {
                self.push(
                    Impact::Compatible,
                    format!(
                        "the `{}` error body of `{name}` is now {} (was {})",
                        e.status,
                        n.ty.describe(),
                        e.ty.describe()
                    ),
                );
            }
        }
    }
}

impl Changes {
    /// Statuses that stop or start being a success. "Every 2xx" (`default` as the success)
    /// is one line, not a hundred.
    fn success_statuses(&mut self, old: &Operation, new: &Operation) {
        let name = &old.name;
        let listed = |op: &Operation| -> String {
            let statuses: Vec<String> = op.success.iter().map(u16::to_string).collect();
            statuses.join(", ")
        };
        match (old.success_rule, new.success_rule) {
            (SuccessRule::Listed, SuccessRule::Listed) => {
                for status in &old.success {
                    if !new.success.contains(status) {
                        self.push(
                            Impact::Breaking,
                            format!("status {status} of `{name}` is no longer a success (the call now fails with it)"),
                        );
                    }
                }
                for status in &new.success {
                    if !old.success.contains(status) {
                        self.push(
                            Impact::Compatible,
                            format!("status {status} of `{name}` is now a success"),
                        );
                    }
                }
            }
            (SuccessRule::Any2xx, SuccessRule::Listed) => self.push(
                Impact::Breaking,
                format!(
                    "`{name}` no longer takes every 2xx status as a success, only {} (the call now fails with the others)",
                    listed(new)
                ),
            ),
            (SuccessRule::Listed, SuccessRule::Any2xx) => self.push(
                Impact::Compatible,
                format!(
                    "`{name}` now takes every 2xx status as a success (was {})",
                    listed(old)
                ),
            ),
            (SuccessRule::Any2xx, SuccessRule::Any2xx) => {}
        }
    }
}

fn location(l: &ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path | ParamLocation::Client => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "headers",
    }
}
