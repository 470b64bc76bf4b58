//! The generated code of every spec in `specs/`, and the model it was printed from, as
//! reviewed snapshots. `cargo xtask regen` updates them; a diff here is a change to review.

use std::path::{Path, PathBuf};

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn spec_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(specs_dir())
        .expect("specs/ is readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    names
}

#[test]
fn every_spec_matches_its_snapshots() {
    let names = spec_names();
    assert!(
        names.len() >= 3,
        "specs/ holds ddm, dws and ocp at least: {names:?}"
    );
    for service in names {
        let file = format!("specs/{service}.yaml");
        let source = std::fs::read_to_string(specs_dir().join(format!("{service}.yaml")))
            .expect("spec is readable");
        let generated = codegen::generate(&file, &source).unwrap_or_else(|e| panic!("{e}"));
        // Plain names keep the snapshot headers simple for `cargo xtask regen` to write.
        let code = generated.code;
        let model = codegen::model_text(&generated.model);
        client_tests::in_snapshots_dir(|| {
            insta::assert_snapshot!(format!("generated_code__{service}.rs"), code);
            insta::assert_snapshot!(format!("generated_code__{service}.model"), model);
        });
    }
}

#[test]
fn no_snapshot_outlives_its_spec() {
    let names = spec_names();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    for entry in std::fs::read_dir(dir).expect("snapshots/ is readable") {
        let file = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("utf-8 name");
        let Some(rest) = file.strip_prefix("generated_code__") else {
            continue;
        };
        let service = rest.split('.').next().unwrap_or_default();
        assert!(
            names.iter().any(|n| n == service),
            "{file} has no spec; run `cargo xtask regen`"
        );
    }
}
