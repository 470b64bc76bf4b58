//! `x-` keys and profiles: a vendor's extension is accepted with a located warning, a near
//! miss of one of ours is refused with what was meant, and `x-source` is required of the
//! project's own specs only.

use codegen::{Profile, Severity};

const SPEC: &str = r#"openapi: 3.0.3
info: {title: Things, version: '1'}
x-vendor-id: 7
paths:
  x-order: 1
  /things:
    get:
      operationId: listThings
      x-support-sdk: true
      SOURCE
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {type: object, required: [missing], properties: {name: {type: string}}}
        x-note: hi
"#;

fn spec(source_line: &str) -> String {
    SPEC.replace("SOURCE", source_line)
}

#[test]
fn vendor_extensions_are_located_warnings() {
    let text = spec("x-source: 'pages/none: all'");
    let generated = codegen::generate("things.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<(usize, &str)> = generated
        .warnings
        .items
        .iter()
        .map(|d| (d.pos.line, d.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 5, "{warnings:?}");
    assert!(
        generated
            .warnings
            .items
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    for (line, key) in [
        (3, "x-vendor-id"),
        (5, "x-order"),
        (9, "x-support-sdk"),
        (17, "x-note"),
    ] {
        assert!(
            warnings.iter().any(|(l, m)| *l == line && m.contains(key)),
            "{key} at line {line}: {warnings:?}"
        );
    }
    assert!(
        warnings
            .iter()
            .any(|(l, m)| *l == 16 && m.contains("`missing`"))
    );
    let shown = generated.warnings.to_string();
    assert!(
        shown.contains("warning: the extension `x-order`"),
        "{shown}"
    );
    assert!(
        shown.contains("warning: 5 warnings in things.yaml"),
        "{shown}"
    );
    assert!(
        generated
            .warnings
            .short()
            .contains("things.yaml:5:3: warning: ")
    );
}

#[test]
fn near_misses_of_our_extensions_are_errors() {
    let text = spec("x-idempotnet: true\n      x-source: 'pages/none: all'");
    let errors = codegen::generate("things.yaml", &text).unwrap_err();
    assert_eq!(errors.items.len(), 1, "{errors}");
    assert_eq!(
        errors.items[0].hint.as_deref(),
        Some("did you mean `x-idempotent`?")
    );
}

#[test]
fn x_source_is_required_of_project_specs_only() {
    let text = spec("summary: no page");
    let errors = codegen::generate("things.yaml", &text).unwrap_err();
    assert!(
        errors
            .to_string()
            .contains("missing the required key `x-source`"),
        "{errors}"
    );
    let outside = codegen::generate_with("things.yaml", &text, Profile::Outside)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outside.model.operations[0].source, "");
}
