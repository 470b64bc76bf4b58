//! Path templates: literal text and `{name}` placeholders, parsed once. The parts are checked
//! here (balanced braces, no query, each name once) and tied to parameters by `operations`.

use super::context::Lowering;
use crate::spec::At;
use std::collections::HashSet;

/// One piece of a path template as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum TemplatePart<'t> {
    Literal(&'t str),
    Placeholder(&'t str),
}

/// The parts of a path template, in order. A `{` that is never closed starts literal text
/// (the template is then reported as unbalanced).
pub(super) fn template_parts(path: &str) -> Vec<TemplatePart<'_>> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            parts.push(TemplatePart::Literal(&rest[..start]));
        }
        parts.push(TemplatePart::Placeholder(&rest[start + 1..start + len]));
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    parts
}

/// The placeholder names of a template, in order.
pub(super) fn placeholders<'t>(parts: &[TemplatePart<'t>]) -> Vec<&'t str> {
    parts
        .iter()
        .filter_map(|p| match p {
            TemplatePart::Placeholder(name) => Some(*name),
            TemplatePart::Literal(_) => None,
        })
        .collect()
}

impl Lowering<'_> {
    /// A path is a template of literal text and `{name}` placeholders, each name once.
    pub(super) fn check_path_template(&mut self, path: &At<String>, parts: &[TemplatePart]) {
        let text = path.value.as_str();
        if let Some(bad) = text.find(['?', '#']) {
            self.error_hint(
                path.pos,
                format!("path `{text}` contains `{}`", &text[bad..bad + 1]),
                "query parameters are `in: query` parameters, not part of the path",
            );
        }
        let mut open = false;
        let mut balanced = true;
        for c in text.chars() {
            match c {
                '{' if open => balanced = false,
                '}' if !open => balanced = false,
                '{' | '}' => open = !open,
                _ => {}
            }
        }
        if open || !balanced {
            self.error_hint(
                path.pos,
                format!("path `{text}` has unbalanced braces"),
                "write each placeholder as `{name}`",
            );
            return;
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for name in placeholders(parts) {
            if name.is_empty() {
                self.error_hint(
                    path.pos,
                    format!("path `{text}` has an empty placeholder `{{}}`"),
                    "name the placeholder after its parameter, e.g. `{id}`",
                );
            } else if !seen.insert(name) {
                self.error_hint(
                    path.pos,
                    format!("path `{text}` uses `{{{name}}}` twice"),
                    "each path parameter appears once; rename one of them",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TemplatePart::*;
    use super::*;

    #[test]
    fn splits_a_template_into_text_and_placeholders() {
        assert_eq!(
            template_parts("/v1/{project_id}/users/{name}"),
            [
                Literal("/v1/"),
                Placeholder("project_id"),
                Literal("/users/"),
                Placeholder("name")
            ]
        );
        assert_eq!(
            template_parts("/{id}x"),
            [Literal("/"), Placeholder("id"), Literal("x")]
        );
        assert_eq!(
            template_parts("/v1/things/{id"),
            [Literal("/v1/things/{id")]
        );
        assert_eq!(placeholders(&template_parts("/{a}/{b}")), ["a", "b"]);
    }
}
