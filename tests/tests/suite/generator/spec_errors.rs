//! The error corpus: every spec in `spec_errors/` is broken on purpose. Each must be
//! refused, without a panic, with messages located inside the file, and the full rendered
//! report (`file:line:column`, what is wrong, the line with a caret, a hint) is a reviewed
//! snapshot in `snapshots/spec_errors__<name>.snap`.

use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec_errors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("spec_errors/ is readable")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn name_of(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 file name")
        .to_string()
}

#[test]
fn the_corpus_is_large_enough() {
    let count = corpus().len();
    assert!(count >= 30, "only {count} broken specs");
}

#[test]
fn every_broken_spec_is_refused_with_located_messages() {
    for path in corpus() {
        let name = name_of(&path);
        let file = format!("tests/spec_errors/{name}.yaml");
        let source = std::fs::read_to_string(&path).expect("spec is readable");
        let result = std::panic::catch_unwind(|| codegen::generate(&file, &source));
        let Ok(result) = result else {
            panic!("{file}: the generator panicked")
        };
        let Err(diagnostics) = result else {
            panic!("{file}: accepted, but it is broken on purpose")
        };
        let lines: Vec<&str> = source.lines().collect();
        assert!(!diagnostics.items.is_empty(), "{file}: no message");
        for d in &diagnostics.items {
            let line = lines.get(d.pos.line.wrapping_sub(1)).copied();
            let width = line.map(|l| l.chars().count()).unwrap_or(0);
            assert!(
                line.is_some() || (lines.is_empty() && d.pos.line == 1),
                "{file}: `{}` points at line {}, outside the file",
                d.message,
                d.pos.line
            );
            assert!(
                (1..=width + 1).contains(&d.pos.column),
                "{file}: `{}` points at column {} of a {width}-character line",
                d.message,
                d.pos.column
            );
        }
        let rendered = diagnostics.to_string();
        let first = &diagnostics.items[0];
        assert!(
            rendered.contains(&format!(
                "--> {file}:{}:{}",
                first.pos.line, first.pos.column
            )),
            "{rendered}"
        );
        client_tests::in_snapshots_dir(|| {
            insta::assert_snapshot!(format!("spec_errors__{name}"), rendered);
        });
    }
}

#[test]
fn independent_mistakes_are_all_reported_in_one_run() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec_errors/several_errors.yaml");
    let source = std::fs::read_to_string(path).expect("spec is readable");
    let diagnostics = codegen::generate("several_errors.yaml", &source).unwrap_err();
    let messages: Vec<&str> = diagnostics
        .items
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    for expected in [
        "OpenAPI version `3.1.0` is not supported",
        "unknown extension `x-idempotnet`",
        "`required` in a parameter must be true or false",
        "`$ref` points to `Thng`",
        "unknown key `requried`",
        "`minimum` in a schema must be a number",
    ] {
        assert!(
            messages.iter().any(|m| m.starts_with(expected)),
            "missing `{expected}` in {messages:#?}"
        );
    }
    // Reported in the order of the file, as a compiler does.
    let lines: Vec<usize> = diagnostics.items.iter().map(|d| d.pos.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}
