//! The benchmark's inputs cannot rot: `cargo xtask bench --specs-only` writes the synthetic
//! specs through the real binary, and the YAML loads through codegen with nothing refused.
//! (No timing here: the benchmarks themselves run only under `cargo xtask bench`.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn specs_only(dir: &Path, sizes: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["bench", "--specs-only"])
        .arg(dir)
        .args(["--sizes", sizes])
        .output()
        .expect("xtask runs")
}

#[test]
fn synthetic_specs_load_through_codegen() {
    let dir = tempfile::tempdir().unwrap();
    let out = specs_only(dir.path(), "10");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let yaml = fs::read_to_string(dir.path().join("synthetic_10.yaml")).unwrap();
    let generated = codegen::generate("synthetic_10.yaml", &yaml)
        .unwrap_or_else(|d| panic!("the synthetic spec does not load:\n{d}"));
    assert_eq!(generated.model.operations.len(), 10);
    // Each operation is a method that returns its call builder (with a lifetime when it
    // borrows its arguments).
    let method = |name: &str| {
        generated.code.contains(&format!("pub fn {name}("))
            || generated.code.contains(&format!("pub fn {name}<'a>("))
    };
    assert!(method("list_instance0s"));
    assert!(method("delete_backup0"));

    // The JSON for progenitor is the same document.
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("synthetic_10.json")).unwrap())
            .unwrap();
    let from_yaml: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(json, from_yaml);
}

#[test]
fn a_size_of_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = specs_only(dir.path(), "0");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("positive"));
}
