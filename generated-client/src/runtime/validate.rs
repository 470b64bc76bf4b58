//! Checking request data against the spec's constraints before anything is sent.
//!
//! Generated models implement [`Validate`] by calling the rule methods of [`Validator`]; the
//! rules live here, once. Every violation names the field (`users[0].name`) and the rule.

use std::collections::BTreeMap;
use std::fmt;

/// Implemented by every generated model. `check` reports violations into `v`.
pub trait Validate {
    fn check(&self, _v: &mut Validator) {}

    /// All violations of this value, or `Ok` when there is none.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut v = Validator::new();
        self.check(&mut v);
        v.finish()
    }
}

impl<T: Validate> Validate for Option<T> {
    fn check(&self, v: &mut Validator) {
        if let Some(value) = self {
            value.check(v);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn check(&self, v: &mut Validator) {
        for (i, item) in self.iter().enumerate() {
            v.path.push(Segment::Index(i));
            item.check(v);
            v.path.pop();
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn check(&self, v: &mut Validator) {
        for (key, item) in self {
            v.path.push(Segment::Key(key.clone()));
            item.check(v);
            v.path.pop();
        }
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn check(&self, v: &mut Validator) {
        (**self).check(v);
    }
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Where: `users[0].name`, or a parameter name such as `cluster_id`.
    pub field: String,
    /// What the rule says, e.g. `must be 6 to 32 characters long (is 3)`.
    pub rule: String,
}

/// Request data that breaks the spec's rules; nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request, nothing was sent: ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "`{}` {}", v.field, v.rule)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

#[derive(Clone, Debug)]
enum Segment {
    Field(String),
    Index(usize),
    Key(String),
}

/// Collects violations while a value is walked.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<Segment>,
    violations: Vec<Violation>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    fn here(&self, field: &str) -> String {
        let mut out = String::new();
        let segments = self
            .path
            .iter()
            .cloned()
            .chain((!field.is_empty()).then(|| Segment::Field(field.to_string())));
        for segment in segments {
            match segment {
                Segment::Field(name) if name.is_empty() => {}
                Segment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&name);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
                Segment::Key(k) => out.push_str(&format!("[{k:?}]")),
            }
        }
        if out.is_empty() {
            "body".to_string()
        } else {
            out
        }
    }

    fn fail(&mut self, field: &str, rule: String) {
        let field = self.here(field);
        self.violations.push(Violation { field, rule });
    }

    /// Checks a request body; its fields are named from the body's root (`users[0].name`).
    pub fn body(&mut self, value: &impl Validate) {
        value.check(self);
    }

    /// Checks a nested model under `field`.
    pub fn nested(&mut self, field: &str, value: &impl Validate) {
        self.path.push(Segment::Field(field.to_string()));
        value.check(self);
        self.path.pop();
    }

    /// Length in characters (not bytes), as the services count it.
    pub fn length(&mut self, field: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        let len = value.chars().count() as u64;
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            let rule = format!("must be {} long (is {len})", span(min, max, "character"));
            self.fail(field, rule);
        }
    }

    /// `pattern`: an ECMA-262 expression the value must match (anywhere, unless anchored).
    pub fn pattern(&mut self, field: &str, value: &str, pattern: &'static str) {
        match super::pattern::matches(pattern, value) {
            Ok(true) => {}
            Ok(false) => self.fail(field, format!("must match the pattern `{pattern}`")),
            Err(why) => self.fail(
                field,
                format!("has a pattern `{pattern}` that cannot be used: {why}"),
            ),
        }
    }

    pub fn items<T: PartialEq>(
        &mut self,
        field: &str,
        value: &[T],
        min: Option<u64>,
        max: Option<u64>,
        unique: bool,
    ) {
        let len = value.len() as u64;
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            let rule = format!("must have {} (has {len})", span(min, max, "item"));
            self.fail(field, rule);
        }
        if unique && let Some(i) = (1..value.len()).find(|&i| value[..i].contains(&value[i])) {
            self.fail(
                field,
                format!("must not repeat an item (item {i} is a repeat)"),
            );
        }
    }

    pub fn range(
        &mut self,
        field: &str,
        value: f64,
        min: Option<f64>,
        max: Option<f64>,
        exclusive_min: bool,
        exclusive_max: bool,
    ) {
        if let Some(m) = min
            && (value < m || (exclusive_min && value == m))
        {
            let rule = format!(
                "must be {} {m} (is {value})",
                if exclusive_min { "above" } else { "at least" }
            );
            self.fail(field, rule);
        }
        if let Some(m) = max
            && (value > m || (exclusive_max && value == m))
        {
            let rule = format!(
                "must be {} {m} (is {value})",
                if exclusive_max { "below" } else { "at most" }
            );
            self.fail(field, rule);
        }
    }

    /// Runs `check` on each item of a list of plain values, naming them `field[i]`.
    pub fn each<T>(&mut self, field: &str, items: &[T], mut check: impl FnMut(&mut Validator, &T)) {
        self.path.push(Segment::Field(field.to_string()));
        for (i, item) in items.iter().enumerate() {
            self.path.push(Segment::Index(i));
            check(self, item);
            self.path.pop();
        }
        self.path.pop();
    }

    /// "When `when_field` contains `when_value`, `then_field` must contain `then_value`."
    pub fn requires(
        &mut self,
        when_field: &str,
        when_value: &str,
        when_holds: bool,
        then_field: &str,
        then_value: &str,
        then_holds: bool,
    ) {
        if when_holds && !then_holds {
            let rule = format!(
                "must contain `{then_value}` because `{}` contains `{when_value}`",
                self.here(when_field)
            );
            self.fail(then_field, rule);
        }
    }

    /// `multipleOf`: a whole number of `step`s (decimal steps allow for rounding).
    pub fn multiple_of(&mut self, field: &str, value: f64, step: f64) {
        let ratio = value / step;
        if (ratio - ratio.round()).abs() > 1e-9 * ratio.abs().max(1.0) {
            self.fail(field, format!("must be a multiple of {step} (is {value})"));
        }
    }

    /// `minProperties` / `maxProperties` of a map: how many entries it has.
    pub fn entries(&mut self, field: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            let rule = format!("must have {} (has {len})", span(min, max, "entry"));
            self.fail(field, rule.replace("entrys", "entries"));
        }
    }

    /// At most `max` of the listed fields, with the `extra` members of an open object, may
    /// be set (`maxProperties`).
    pub fn max_properties(&mut self, max: u64, present: &[(&str, bool)], extra: usize) {
        let set = present.iter().filter(|(_, is_set)| *is_set).count() as u64 + extra as u64;
        if set > max {
            self.fail(
                "",
                format!("must set at most {max} properties (sets {set})"),
            );
        }
    }

    /// As [`Validator::min_properties`], counting the `extra` members of an open object.
    pub fn min_members(&mut self, min: u64, present: &[(&str, bool)], extra: usize) {
        let set = present.iter().filter(|(_, is_set)| *is_set).count() as u64 + extra as u64;
        if set < min {
            let names: Vec<String> = present.iter().map(|(n, _)| format!("`{n}`")).collect();
            let rule = format!(
                "must set at least {min} properties of {} and others (sets {set})",
                names.join(", ")
            );
            self.fail("", rule);
        }
    }

    /// At least `min` of the listed fields must be set.
    pub fn min_properties(&mut self, min: u64, present: &[(&str, bool)]) {
        let set = present.iter().filter(|(_, is_set)| *is_set).count() as u64;
        if set < min {
            let names: Vec<String> = present.iter().map(|(n, _)| format!("`{n}`")).collect();
            let rule = format!(
                "must set at least {min} of {} (sets {set})",
                names.join(", ")
            );
            self.fail("", rule);
        }
    }

    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.violations,
            })
        }
    }
}

fn span(min: Option<u64>, max: Option<u64>, unit: &str) -> String {
    let plural = |n: u64| {
        if n == 1 {
            unit.to_string()
        } else {
            format!("{unit}s")
        }
    };
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a} {}", plural(a)),
        (Some(a), Some(b)) => format!("{a} to {b} {}", plural(b)),
        (Some(a), None) => format!("at least {a} {}", plural(a)),
        (None, Some(b)) => format!("at most {b} {}", plural(b)),
        (None, None) => format!("any number of {unit}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item(String);
    impl Validate for Item {
        fn check(&self, v: &mut Validator) {
            v.length("name", &self.0, Some(2), Some(3));
        }
    }

    #[test]
    fn names_nested_fields_and_rules() {
        let mut v = Validator::new();
        v.nested("users", &vec![Item("ok".into()), Item("toolong".into())]);
        v.items("roles", &["a", "a"], Some(1), None, true);
        let err = v.finish().unwrap_err();
        assert_eq!(err.violations[0].field, "users[1].name");
        assert_eq!(
            err.violations[0].rule,
            "must be 2 to 3 characters long (is 7)"
        );
        assert_eq!(err.violations[1].field, "roles");
        assert!(
            err.to_string()
                .starts_with("invalid request, nothing was sent: `users[1].name`")
        );
    }

    #[test]
    fn checks_multiples_entries_and_property_counts() {
        let mut v = Validator::new();
        v.multiple_of("step", 0.3, 0.1);
        v.multiple_of("size", 15.0, 5.0);
        v.multiple_of("odd", 7.0, 5.0);
        v.entries("labels", 3, None, Some(2));
        v.max_properties(1, &[("a", true), ("b", false)], 1);
        let found: Vec<(String, String)> = v
            .finish()
            .unwrap_err()
            .violations
            .into_iter()
            .map(|x| (x.field, x.rule))
            .collect();
        assert_eq!(
            found,
            [
                ("odd".into(), "must be a multiple of 5 (is 7)".into()),
                (
                    "labels".into(),
                    "must have at most 2 entries (has 3)".into()
                ),
                (
                    "body".into(),
                    "must set at most 1 properties (sets 2)".into()
                ),
            ]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let mut v = Validator::new();
        v.length("name", "数据库帐号", None, Some(5));
        assert!(v.finish().is_ok());
    }
}
