//! The real build script of `generated-client`, run by cargo on a broken spec: the build
//! fails and the message names `specs/<file>.yaml:<line>:<column>` and what is wrong.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("repo path")
}

/// A crate holding a copy of `specs/` (where the packaged client has it) whose build script
/// is generated-client's own.
fn crate_with_specs(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let repo = repo();
    let dir = tempfile::tempdir().expect("temp dir");
    let specs = dir.path().join("client/specs");
    fs::create_dir_all(&specs).unwrap();
    for entry in fs::read_dir(repo.join("specs")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "yaml") {
            let text = fs::read_to_string(entry.path()).unwrap();
            let name = entry.file_name().into_string().unwrap();
            let text = if name == "ocp.yaml" {
                edit(&text)
            } else {
                text
            };
            fs::write(specs.join(name), text).unwrap();
        }
    }
    let krate = dir.path().join("client");
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::write(krate.join("src/lib.rs"), "").unwrap();
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"spec-build-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\nbuild = {:?}\n\n\
             [build-dependencies]\ncodegen = {{ package = \"typed-client-codegen\", path = {:?} }}\n\n[workspace]\n",
            repo.join("generated-client/build.rs"),
            repo.join("codegen"),
        ),
    )
    .unwrap();
    // The workspace's lock file, so the check builds the same dependency versions offline.
    fs::copy(repo.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    dir
}

fn cargo_build(dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(dir.join("client"))
        .env("CARGO_TARGET_DIR", repo().join("target/spec-build-check"))
        .output()
        .expect("cargo runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn a_misspelled_key_fails_the_build_with_its_location() {
    let typo = |text: &str| {
        text.replacen(
            "      required: [dbName, privileges]",
            "      requried: [dbName, privileges]",
            1,
        )
    };
    let dir = crate_with_specs(typo);
    let spec = fs::read_to_string(dir.path().join("client/specs/ocp.yaml")).unwrap();
    let line = spec
        .lines()
        .position(|l| l.contains("requried"))
        .expect("typo made")
        + 1;

    let (ok, output) = cargo_build(dir.path());
    assert!(!ok, "the build must fail:\n{output}");
    assert!(
        output.contains(&format!("specs/ocp.yaml:{line}:7")),
        "{output}"
    );
    assert!(
        output.contains("unknown key `requried` in a schema"),
        "{output}"
    );
    assert!(output.contains("did you mean `required`?"), "{output}");
    assert_eq!(
        output.matches("unknown key `requried` in a schema").count(),
        1,
        "the message is shown once:\n{output}"
    );

    let clean = crate_with_specs(str::to_string);
    let (ok, output) = cargo_build(clean.path());
    assert!(ok, "the same specs without the typo build:\n{output}");
}
