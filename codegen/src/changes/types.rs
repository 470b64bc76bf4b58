//! Changes to one type: struct fields and rules, enum values, alias targets; and whether a
//! changed constraint refuses requests that were valid before.

use super::{Changes, Impact, by_name};
use crate::ir::*;

impl Changes {
    pub(super) fn type_def(&mut self, old: &TypeDef, new: &TypeDef) {
        let name = &old.name;
        if old.doc != new.doc {
            self.push(
                Impact::Compatible,
                format!("documentation of `{name}` changed"),
            );
        }
        match (&old.kind, &new.kind) {
            (
                TypeKind::Struct {
                    fields: old_fields,
                    min_properties: old_min,
                    requires: old_requires,
                    max_properties: old_max,
                },
                TypeKind::Struct {
                    fields: new_fields,
                    min_properties: new_min,
                    requires: new_requires,
                    max_properties: new_max,
                },
            ) => {
                let old_by_name = by_name(old_fields, |f| &f.name);
                let new_by_name = by_name(new_fields, |f| &f.name);
                for f in old_fields {
                    match new_by_name.get(f.name.as_str()) {
                        None => self.push(
                            Impact::Breaking,
                            format!("field `{name}.{}` removed", f.name),
                        ),
                        Some(n) => self.field(name, f, n),
                    }
                }
                let input = self.is_input(name);
                for f in new_fields {
                    if !old_by_name.contains_key(f.name.as_str()) {
                        if !f.optional() {
                            self.push(
                                Impact::Breaking,
                                format!("required field `{name}.{}` added", f.name),
                            );
                        } else if input {
                            // Callers write request models as struct literals, which must
                            // now name the new field.
                            self.push(
                                Impact::Breaking,
                                format!(
                                    "optional field `{name}.{}` added to a request model (struct literals must set it)",
                                    f.name
                                ),
                            );
                        } else {
                            self.push(
                                Impact::Compatible,
                                format!("optional field `{name}.{}` added", f.name),
                            );
                        }
                    }
                }
                if old_min != new_min {
                    let tighter = input && new_min.unwrap_or(0) > old_min.unwrap_or(0);
                    self.push(
                        Impact::breaking_if(tighter),
                        format!(
                            "`{name}` minimum number of set fields changed from {} to {}",
                            old_min.unwrap_or(0),
                            new_min.unwrap_or(0)
                        ),
                    );
                }
                if old_max != new_max {
                    let tighter =
                        input && new_max.unwrap_or(u64::MAX) < old_max.unwrap_or(u64::MAX);
                    self.push(
                        Impact::breaking_if(tighter),
                        format!(
                            "`{name}` maximum number of set fields changed from {} to {}",
                            show(*old_max),
                            show(*new_max)
                        ),
                    );
                }
                for r in new_requires {
                    if !old_requires.contains(r) {
                        self.push(
                            Impact::breaking_if(input),
                            format!(
                                "`{name}`: `{}` containing `{}` now requires `{}` to contain `{}`",
                                r.when_field, r.when_value, r.then_field, r.then_value
                            ),
                        );
                    }
                }
                for r in old_requires {
                    if !new_requires.contains(r) {
                        self.push(Impact::Compatible, format!("`{name}`: `{}` containing `{}` no longer requires `{}` to contain `{}`", r.when_field, r.when_value, r.then_field, r.then_value));
                    }
                }
            }
            (TypeKind::Enum { variants: old_v }, TypeKind::Enum { variants: new_v }) => {
                let old_by_wire = by_name(old_v, |v| &v.wire);
                let new_by_wire = by_name(new_v, |v| &v.wire);
                for v in old_v {
                    if !new_by_wire.contains_key(v.wire.as_str()) {
                        self.push(
                            Impact::Breaking,
                            format!("value `{}` removed from enum `{name}`", v.wire),
                        );
                    }
                }
                for v in new_v {
                    match old_by_wire.get(v.wire.as_str()) {
                        None => self.push(
                            Impact::Compatible,
                            format!("value `{}` added to enum `{name}`", v.wire),
                        ),
                        Some(o) if o.name != v.name => self.push(
                            Impact::Breaking,
                            format!(
                                "value `{}` of enum `{name}` is now the variant `{}` (was `{}`)",
                                v.wire, v.name, o.name
                            ),
                        ),
                        Some(_) => {}
                    }
                }
            }
            (
                TypeKind::Union {
                    arms: old_arms,
                    tag: old_tag,
                    arms_alike: old_alike,
                    ..
                },
                TypeKind::Union {
                    arms: new_arms,
                    tag: new_tag,
                    arms_alike: new_alike,
                    ..
                },
            ) => {
                self.union(name, (old_arms, old_tag), (new_arms, new_tag));
                // Two arms of one Rust type: no `From` per arm, so `.into()` stops compiling.
                self.toggled(
                    Impact::breaking_if(*new_alike),
                    &format!("union `{name}`"),
                    "missing its `From` conversions (two arms hold the same type)",
                    *old_alike,
                    *new_alike,
                );
            }
            (TypeKind::IntEnum { variants: old_v }, TypeKind::IntEnum { variants: new_v }) => {
                for v in old_v.iter().filter(|v| !new_v.contains(v)) {
                    self.push(
                        Impact::Breaking,
                        format!(
                            "value {} (`{}`) removed from enum `{name}`",
                            v.value, v.name
                        ),
                    );
                }
                for v in new_v.iter().filter(|v| !old_v.contains(v)) {
                    self.push(
                        Impact::Compatible,
                        format!("value {} (`{}`) added to enum `{name}`", v.value, v.name),
                    );
                }
            }
            (TypeKind::Alias { ty: a }, TypeKind::Alias { ty: b }) if a != b => {
                self.push(
                    Impact::Breaking,
                    format!("`{name}` changed from {} to {}", a.describe(), b.describe()),
                );
            }
            (a, b) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
                self.push(
                    Impact::Breaking,
                    format!("`{name}` changed kind (struct, enum, union or alias)"),
                );
            }
            _ => {}
        }
    }

    /// Arms of a `oneOf` / `anyOf`, by variant name. An arm added is compatible, as a value
    /// added to an enum is; an arm removed, or holding another type, or read by other tag
    /// values, breaks callers that build or match it and answers that read into it.
    fn union(
        &mut self,
        name: &str,
        (old_arms, old_tag): (&[Arm], &Option<String>),
        (new_arms, new_tag): (&[Arm], &Option<String>),
    ) {
        if old_tag != new_tag {
            let show_tag =
                |t: &Option<String>| t.as_ref().map_or("none".into(), |t| format!("`{t}`"));
            self.push(
                Impact::Breaking,
                format!(
                    "union `{name}`: discriminator changed from {} to {}",
                    show_tag(old_tag),
                    show_tag(new_tag)
                ),
            );
        }
        let new_by_name = by_name(new_arms, |a| &a.name);
        let old_by_name = by_name(old_arms, |a| &a.name);
        for arm in old_arms {
            let Some(n) = new_by_name.get(arm.name.as_str()) else {
                self.push(
                    Impact::Breaking,
                    format!("arm `{}` removed from union `{name}`", arm.name),
                );
                continue;
            };
            if arm.ty != n.ty {
                self.push(
                    Impact::Breaking,
                    format!(
                        "arm `{name}::{}` changed type from {} to {}",
                        arm.name,
                        arm.ty.describe(),
                        n.ty.describe()
                    ),
                );
            }
            if arm.tags != n.tags {
                // A tag added only reads more answers; another tag sent, or one no longer
                // read, changes the wire.
                let kept = arm.tags.first() == n.tags.first()
                    && arm.tags.iter().all(|t| n.tags.contains(t));
                self.push(
                    Impact::breaking_if(!kept),
                    format!(
                        "arm `{name}::{}` is now chosen by {:?} (was {:?})",
                        arm.name, n.tags, arm.tags
                    ),
                );
            }
        }
        for arm in new_arms {
            if !old_by_name.contains_key(arm.name.as_str()) {
                self.push(
                    Impact::Compatible,
                    format!(
                        "arm `{}` ({}) added to union `{name}`",
                        arm.name,
                        arm.ty.describe()
                    ),
                );
            }
        }
    }

    fn field(&mut self, owner: &str, old: &Field, new: &Field) {
        let what = format!("field `{owner}.{}`", old.name);
        if old.wire != new.wire {
            self.push(
                Impact::Compatible,
                format!("{what} is now sent as `{}` (was `{}`)", new.wire, old.wire),
            );
        }
        if old.ty != new.ty {
            self.push(
                Impact::Breaking,
                format!(
                    "{what} changed type from {} to {}",
                    old.ty.describe(),
                    new.ty.describe()
                ),
            );
        }
        if old.optional() != new.optional() {
            let now = if new.optional() {
                "optional"
            } else {
                "required"
            };
            let was = if old.optional() {
                "optional"
            } else {
                "required"
            };
            self.push(Impact::Breaking, format!("{what} became {now} (was {was})"));
        }
        self.toggled(
            Impact::Breaking,
            &what,
            "held in a `Box`",
            old.boxed,
            new.boxed,
        );
        self.toggled(
            Impact::Compatible,
            &what,
            "deprecated",
            old.deprecated,
            new.deprecated,
        );
        if old.doc != new.doc {
            self.push(
                Impact::Compatible,
                format!("documentation of {what} changed"),
            );
        }
        // Rules are checked before sending, so they only matter in request models.
        let enforced = self.is_input(owner);
        self.constraints(&what, &old.constraints, &new.constraints, enforced);
        self.constraints(
            &format!("items of {what}"),
            &old.item_constraints,
            &new.item_constraints,
            enforced,
        );
    }

    /// A tighter rule refuses requests that were valid before: breaking, when the rule is
    /// `enforced` (checked before sending). A looser one is not.
    pub(super) fn constraints(
        &mut self,
        what: &str,
        old: &Constraints,
        new: &Constraints,
        enforced: bool,
    ) {
        let before = self.list.len();
        self.constraint_changes(what, old, new);
        if !enforced {
            for change in &mut self.list[before..] {
                change.impact = Impact::Compatible;
            }
        }
    }

    fn constraint_changes(&mut self, what: &str, old: &Constraints, new: &Constraints) {
        let mins = [
            ("minimum length", old.min_length, new.min_length),
            ("minimum items", old.min_items, new.min_items),
        ];
        for (rule, a, b) in mins {
            if a != b {
                let tighter = b.unwrap_or(0) > a.unwrap_or(0);
                self.push(
                    Impact::breaking_if(tighter),
                    format!("{what}: {rule} changed from {} to {}", show(a), show(b)),
                );
            }
        }
        let maxes = [
            ("maximum length", old.max_length, new.max_length),
            ("maximum items", old.max_items, new.max_items),
        ];
        for (rule, a, b) in maxes {
            if a != b {
                let tighter = b.unwrap_or(u64::MAX) < a.unwrap_or(u64::MAX);
                self.push(
                    Impact::breaking_if(tighter),
                    format!("{what}: {rule} changed from {} to {}", show(a), show(b)),
                );
            }
        }
        if old.minimum != new.minimum || old.exclusive_minimum != new.exclusive_minimum {
            let tighter = new.minimum.unwrap_or(f64::MIN) > old.minimum.unwrap_or(f64::MIN)
                || (new.exclusive_minimum && !old.exclusive_minimum);
            self.push(
                Impact::breaking_if(tighter),
                format!(
                    "{what}: minimum changed from {} to {}",
                    showf(old.minimum),
                    showf(new.minimum)
                ),
            );
        }
        if old.maximum != new.maximum || old.exclusive_maximum != new.exclusive_maximum {
            let tighter = new.maximum.unwrap_or(f64::MAX) < old.maximum.unwrap_or(f64::MAX)
                || (new.exclusive_maximum && !old.exclusive_maximum);
            self.push(
                Impact::breaking_if(tighter),
                format!(
                    "{what}: maximum changed from {} to {}",
                    showf(old.maximum),
                    showf(new.maximum)
                ),
            );
        }
        if old.unique_items != new.unique_items {
            self.push(
                Impact::breaking_if(new.unique_items),
                format!(
                    "{what}: items {} be unique",
                    if new.unique_items {
                        "must now"
                    } else {
                        "no longer need to"
                    }
                ),
            );
        }
        let entries = [
            ("minimum entries", old.min_entries, new.min_entries, true),
            ("maximum entries", old.max_entries, new.max_entries, false),
        ];
        for (rule, a, b, is_min) in entries {
            if a != b {
                let tighter = if is_min {
                    b.unwrap_or(0) > a.unwrap_or(0)
                } else {
                    b.unwrap_or(u64::MAX) < a.unwrap_or(u64::MAX)
                };
                self.push(
                    Impact::breaking_if(tighter),
                    format!("{what}: {rule} changed from {} to {}", show(a), show(b)),
                );
            }
        }
        if old.multiple_of != new.multiple_of {
            // Every multiple of `a` is one of `b` when `b` divides `a`: only then (or with
            // no rule left) is no value refused that was accepted.
            let looser = match (old.multiple_of, new.multiple_of) {
                (_, None) => true,
                (Some(a), Some(b)) => (a / b).fract() == 0.0,
                (None, Some(_)) => false,
            };
            self.push(
                Impact::breaking_if(!looser),
                format!(
                    "{what}: multiple of changed from {} to {}",
                    showf(old.multiple_of),
                    showf(new.multiple_of)
                ),
            );
        }
        if old.pattern != new.pattern {
            // Any new or different pattern may refuse a value the old rule let through.
            let show_pattern =
                |p: &Option<String>| p.as_ref().map_or("none".into(), |p| format!("`{p}`"));
            self.push(
                Impact::breaking_if(new.pattern.is_some()),
                format!(
                    "{what}: pattern changed from {} to {}",
                    show_pattern(&old.pattern),
                    show_pattern(&new.pattern)
                ),
            );
        }
    }
}

fn show(v: Option<u64>) -> String {
    v.map_or("none".into(), |v| v.to_string())
}

fn showf(v: Option<f64>) -> String {
    v.map_or("none".into(), |v| v.to_string())
}
