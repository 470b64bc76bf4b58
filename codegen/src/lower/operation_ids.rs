//! The operationId of an operation that has none, derived from its method and path, so
//! that the Rust method name is stable: the same method and path always give the same name.
//!
//! The rule (documented in `specs/README.md`): the lower-case method, then each segment of
//! the path in order, a placeholder `{name}` as `by_name`, joined with `_`; a character that
//! is not an ASCII letter or digit becomes `_`; a path of no segment (`/`) is `root`.
//! `GET /pets/{petId}` → `get_pets_by_petId` (the method `get_pets_by_pet_id`).

use super::paths::{TemplatePart, template_parts};
use crate::ir::Method;

pub(super) fn derived_operation_id(method: Method, path: &str) -> String {
    let mut words = vec![method.as_str().to_ascii_lowercase()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        for part in template_parts(segment) {
            let word = match part {
                TemplatePart::Literal(text) => text.to_string(),
                TemplatePart::Placeholder(name) => format!("by_{name}"),
            };
            let word: String = word
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let word = word.trim_matches('_');
            if !word.is_empty() {
                words.push(word.to_string());
            }
        }
    }
    if words.len() == 1 {
        words.push("root".into());
    }
    words.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_the_id_from_method_and_path() {
        assert_eq!(
            derived_operation_id(Method::Get, "/pets/{petId}"),
            "get_pets_by_petId"
        );
        assert_eq!(
            derived_operation_id(Method::Post, "/v1/{project_id}/users"),
            "post_v1_by_project_id_users"
        );
        assert_eq!(
            derived_operation_id(Method::Delete, "/files/{name}.json"),
            "delete_files_by_name_json"
        );
        assert_eq!(derived_operation_id(Method::Get, "/"), "get_root");
        assert_eq!(
            derived_operation_id(Method::Patch, "/a-b/c.d/"),
            "patch_a_b_c_d"
        );
    }
}
