//! The workspace xtask works on is found at run time: two checkouts sharing one
//! `CARGO_TARGET_DIR` share one xtask binary, and each must still work on itself. Cargo
//! sets `CARGO_MANIFEST_DIR` for the program `cargo xtask` runs; the binary compiled in
//! another checkout (here: this one) must follow it rather than the path compiled in.

use super::regen::workspace_copy;
use std::fs;
use std::process::Command;

#[test]
fn the_checkout_cargo_names_is_the_one_worked_on() {
    // "The other checkout": a copy whose dws spec differs from this tree's.
    let other = workspace_copy();
    let spec = other.path().join("specs/dws.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    fs::write(
        &spec,
        text.replace("description: Error message.", "description: Another text."),
    )
    .unwrap();
    fs::create_dir_all(other.path().join("xtask")).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--check"])
        .env("CARGO_MANIFEST_DIR", other.path().join("xtask"))
        .output()
        .expect("xtask runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{report}");
    assert!(
        report.contains("specs/dws.yaml: is stale"),
        "the copy was checked, not the tree xtask was built in: {report}"
    );

    // Without it (the binary run by hand), the directory compiled in: this clean tree.
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--check"])
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("xtask runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("specs/dws.yaml: up to date"), "{report}");
}
