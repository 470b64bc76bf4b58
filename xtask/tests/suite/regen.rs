//! `cargo xtask regen` on a copy of the workspace's specs and snapshots, through the real
//! binary: a clean tree passes `--check`; an edited description makes it fail with a report;
//! `regen` then rewrites the snapshot so the change shows in a diff; a broken spec is located.

use std::fs;
use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            // specs/pages: the stored pages `x-source` names.
            copy_dir(&entry.path(), &to.join(entry.file_name()));
            continue;
        }
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A copy of the workspace's specs and snapshots, what `regen` reads.
pub fn workspace_copy() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("specs"), &dir.path().join("specs"));
    copy_dir(
        &root.join("tests/snapshots"),
        &dir.path().join("tests/snapshots"),
    );
    dir
}

fn xtask(root: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("xtask runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn committed_snapshots_are_up_to_date() {
    let dir = workspace_copy();
    let (ok, text) = xtask(dir.path(), &["regen", "--check"]);
    assert!(ok, "{text}");
    assert!(text.contains("specs/ddm.yaml: up to date"), "{text}");
}

#[test]
fn an_edited_description_is_stale_then_regenerated() {
    let dir = workspace_copy();
    let spec = dir.path().join("specs/dws.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let edited = text.replace(
        "description: Error message.",
        "description: What went wrong, in English.",
    );
    assert_ne!(text, edited);
    fs::write(&spec, edited).unwrap();
    let snapshot = dir
        .path()
        .join("tests/snapshots/generated_code__dws.rs.snap");
    let before = fs::read_to_string(&snapshot).unwrap();

    let (ok, report) = xtask(dir.path(), &["regen", "--check"]);
    assert!(!ok, "check must fail on a stale snapshot: {report}");
    assert!(report.contains("specs/dws.yaml: is stale"), "{report}");
    assert!(
        report.contains("ok        documentation of field `DwsError.error_msg` changed"),
        "{report}"
    );
    assert_eq!(
        fs::read_to_string(&snapshot).unwrap(),
        before,
        "--check changes nothing"
    );

    let (ok, report) = xtask(dir.path(), &["regen"]);
    assert!(ok, "{report}");
    assert!(
        report.contains("specs/dws.yaml: regenerated (")
            && report.contains(" changes, 0 breaking)"),
        "{report}"
    );
    let after = fs::read_to_string(&snapshot).unwrap();
    assert!(
        after.contains("What went wrong, in English."),
        "the new text is in the snapshot"
    );
    assert!(!before.contains("What went wrong, in English."));

    let (ok, report) = xtask(dir.path(), &["regen", "--check"]);
    assert!(ok, "clean after regen: {report}");
}

#[test]
fn a_breaking_change_is_reported_as_such() {
    let dir = workspace_copy();
    let spec = dir.path().join("specs/ddm.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let edited = text.replacen(
        "minLength: 6\n          maxLength: 32",
        "minLength: 8\n          maxLength: 32",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&spec, edited).unwrap();
    let (ok, report) = xtask(dir.path(), &["regen", "--check"]);
    assert!(!ok);
    assert!(
        report.contains(
            "BREAKING  field `CreateDdmUsersInfo.name`: minimum length changed from 6 to 8"
        ),
        "{report}"
    );
}

#[test]
fn a_misspelled_key_is_located_and_nothing_is_written() {
    let dir = workspace_copy();
    let spec = dir.path().join("specs/ocp.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let edited = text.replacen(
        "      required: [dbName, privileges]",
        "      requried: [dbName, privileges]",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&spec, &edited).unwrap();
    let line = edited.lines().position(|l| l.contains("requried")).unwrap() + 1;
    let (ok, report) = xtask(dir.path(), &["regen"]);
    assert!(!ok);
    assert!(
        report.contains(&format!("--> specs/ocp.yaml:{line}:7")),
        "{report}"
    );
    assert!(
        report.contains("unknown key `requried` in a schema"),
        "{report}"
    );
    assert!(report.contains("did you mean `required`?"), "{report}");
    assert!(report.contains("nothing was written"), "{report}");
}

#[test]
fn a_removed_spec_takes_its_snapshots_with_it() {
    let dir = workspace_copy();
    fs::remove_file(dir.path().join("specs/ocp.yaml")).unwrap();
    let (ok, report) = xtask(dir.path(), &["regen", "--check"]);
    assert!(!ok, "{report}");
    let (ok, report) = xtask(dir.path(), &["regen"]);
    assert!(ok, "{report}");
    assert!(
        !dir.path()
            .join("tests/snapshots/generated_code__ocp.rs.snap")
            .exists()
    );
}

#[test]
fn an_x_source_naming_a_missing_page_is_refused_at_its_value() {
    let dir = workspace_copy();
    let spec = dir.path().join("specs/dws.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let edited = text.replacen(
        "pages/dws-om-user-action.en.txt",
        "pages/dws-gone.en.txt",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&spec, &edited).unwrap();
    let line = edited.lines().position(|l| l.contains("dws-gone")).unwrap() + 1;
    let (ok, report) = xtask(dir.path(), &["regen", "--check"]);
    assert!(!ok);
    assert!(
        report.contains(&format!("--> specs/dws.yaml:{line}:17")),
        "{report}"
    );
    assert!(
        report.contains("names the page `pages/dws-gone.en.txt`, which is not stored"),
        "{report}"
    );
}

#[test]
fn regen_prints_the_drift_summary_after_its_report() {
    let dir = workspace_copy();
    let (ok, report) = xtask(dir.path(), &["regen", "--check"]);
    assert!(ok, "{report}");
    let summary = report
        .lines()
        .find(|l| l.starts_with("drift: "))
        .unwrap_or_default();
    assert!(
        summary.starts_with("drift: 5 pages against 5 operations: 0 findings"),
        "{report}"
    );
}
