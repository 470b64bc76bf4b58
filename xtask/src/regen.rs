//! `cargo xtask regen`: generate every spec, compare with the committed snapshots, report
//! what changed (breaking or not), and write the new snapshots (unless `--check`).

use crate::files::{FileState, Mode, ensure_file_contents};
use codegen::changes::{Change, Impact, compare};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// What insta writes above a snapshot taken by the test of the generated code (the
/// snapshots committed before that test moved still name its old file, `tests/generated_code.rs`;
/// only the content below the header is compared).
const SNAPSHOT_SOURCE: &str = "tests/tests/suite/generator/generated_code.rs";

/// How one spec stands against its snapshots.
#[derive(Debug)]
pub struct SpecReport {
    pub spec: String,
    /// Snapshot files whose content differed from what the spec generates (or that were
    /// missing): written now, or stale.
    pub files: Vec<(PathBuf, FileState)>,
    /// Model changes since the snapshot (empty when only formatting or new files).
    pub changes: Vec<Change>,
    /// The spec has no snapshot yet.
    pub new_service: bool,
    /// What the spec generates: the Rust module, its operations and its types.
    pub module: String,
    pub operations: usize,
    pub types: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub specs: Vec<SpecReport>,
    /// Snapshots whose spec is gone: removed now, or stale.
    pub orphans: Vec<(PathBuf, FileState)>,
    /// Located spec errors, rendered.
    pub errors: Vec<String>,
}

impl Report {
    /// Some snapshot was not up to date (it is written now, or stale).
    pub fn is_stale(&self) -> bool {
        !self.orphans.is_empty() || self.specs.iter().any(|s| !s.files.is_empty())
    }

    /// The text `regen` prints.
    pub fn render(&self, root: &Path, check: bool) -> String {
        let mut out = String::new();
        for e in &self.errors {
            let _ = writeln!(out, "{e}\n");
        }
        for s in &self.specs {
            let what = format!(
                "module `{}`, {}, {}",
                s.module,
                count(s.operations, "operation"),
                count(s.types, "type")
            );
            if s.files.is_empty() {
                let _ = writeln!(
                    out,
                    "{}: up to date, generated {what}; code and model snapshots match",
                    s.spec
                );
                continue;
            }
            let written = s
                .files
                .iter()
                .all(|(_, state)| *state == FileState::Written);
            let verb = if written { "regenerated" } else { "is stale" };
            let breaking = s
                .changes
                .iter()
                .filter(|c| c.impact == Impact::Breaking)
                .count();
            let summary = if s.new_service {
                "new service".to_string()
            } else if s.changes.is_empty() {
                "generated code changed, model unchanged".to_string()
            } else {
                format!(
                    "{} change{}, {breaking} breaking",
                    s.changes.len(),
                    if s.changes.len() == 1 { "" } else { "s" }
                )
            };
            let _ = writeln!(out, "{}: {verb} ({summary}), generated {what}", s.spec);
            for c in &s.changes {
                let _ = writeln!(out, "  {c}");
            }
            for (f, state) in &s.files {
                let _ = writeln!(
                    out,
                    "  {} {}",
                    if *state == FileState::Written {
                        "wrote:"
                    } else {
                        "stale:"
                    },
                    relative(root, f)
                );
            }
        }
        for (o, state) in &self.orphans {
            let _ = writeln!(
                out,
                "{}: {} (its spec is gone)",
                relative(root, o),
                if *state == FileState::Written {
                    "removed"
                } else {
                    "stale"
                }
            );
        }
        let _ = writeln!(
            out,
            "\n{}: {}, {}; {} snapshot files {}",
            count(self.specs.len(), "spec"),
            count(self.specs.iter().map(|s| s.operations).sum(), "operation"),
            count(self.specs.iter().map(|s| s.types).sum(), "type"),
            self.specs.len() * 2,
            if check {
                "checked"
            } else {
                "checked and kept in step"
            },
        );
        if !self.errors.is_empty() {
            let _ = writeln!(out, "\nspec errors: nothing was written");
        } else if check && self.is_stale() {
            let _ = writeln!(
                out,
                "\nsnapshots are stale: run `cargo xtask regen` and review the diff"
            );
        } else if !check && self.is_stale() {
            let _ = writeln!(
                out,
                "\nreview the changes with `git diff -- tests/snapshots`"
            );
        }
        out
    }
}

/// `1 operation`, `5 operations`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

pub fn snapshot_path(root: &Path, service: &str, kind: &str) -> PathBuf {
    root.join("tests/snapshots")
        .join(format!("generated_code__{service}.{kind}.snap"))
}

/// The snapshot file insta would write for `content` taken as `expression`.
fn snapshot_file(expression: &str, content: &str) -> String {
    format!(
        "---\nsource: {SNAPSHOT_SOURCE}\nexpression: {expression}\n---\n{}\n",
        content.trim_end()
    )
}

/// The content of a snapshot file, header removed.
fn snapshot_content(file: &str) -> Option<&str> {
    let rest = file.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some(&rest[end + 5..])
}

/// Snapshots are the same when their content is, whatever insta's header says (as insta
/// compares them).
fn same_snapshot(on_disk: &str, wanted: &str) -> bool {
    snapshot_content(on_disk).map(str::trim_end) == snapshot_content(wanted).map(str::trim_end)
}

/// Regenerates (or, with `check`, only compares) every spec under `root/specs`.
pub fn regen(root: &Path, check: bool) -> Result<Report, String> {
    let specs_dir = root.join("specs");
    let mut specs: Vec<PathBuf> = fs::read_dir(&specs_dir)
        .map_err(|e| format!("cannot read {}: {e}", specs_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    specs.sort();

    let mut report = Report::default();
    // Every snapshot file each spec should have, decided once all specs have loaded.
    let mut wanted: Vec<Vec<(PathBuf, String)>> = Vec::new();
    let mut services = Vec::new();
    for spec in &specs {
        let name = spec
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let shown = format!("specs/{name}");
        let source = fs::read_to_string(spec).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let missing_pages = page_drift::missing_pages(&source, &specs_dir);
        let generated = match codegen::generate(&shown, &source) {
            Ok(_) if !missing_pages.is_empty() => {
                let d = codegen::Diagnostics::new(&shown, &source, missing_pages);
                report.errors.push(d.to_string());
                continue;
            }
            Ok(g) => g,
            Err(diagnostics) => {
                report.errors.push(diagnostics.to_string());
                continue;
            }
        };
        if !generated.warnings.items.is_empty() {
            // Accepted but not acted on: said, never dropped silently (not a failure).
            eprintln!("{}", generated.warnings);
        }
        let service = generated.model.module.clone();
        services.push(service.clone());
        let code_path = snapshot_path(root, &service, "rs");
        let model_path = snapshot_path(root, &service, "model");
        let new_code = snapshot_file("code", &generated.code);
        let new_model = snapshot_file("model", &codegen::model_text(&generated.model));
        let old_model = fs::read_to_string(&model_path).ok();
        wanted.push(vec![(code_path, new_code), (model_path, new_model)]);
        let old = old_model
            .as_deref()
            .and_then(snapshot_content)
            .and_then(|text| codegen::model_from_text(text).ok());
        let changes = old
            .as_ref()
            .map(|old| compare(old, &generated.model))
            .unwrap_or_default();
        report.specs.push(SpecReport {
            spec: shown,
            files: Vec::new(),
            changes,
            new_service: old.is_none(),
            module: service,
            operations: generated.model.operations.len(),
            types: generated.model.types.len(),
        });
    }

    // One broken spec and nothing is written: the snapshots stay a consistent set.
    let mode = if check || !report.errors.is_empty() {
        Mode::Check
    } else {
        Mode::Write
    };
    for (spec, files) in report.specs.iter_mut().zip(wanted) {
        for (path, text) in files {
            let state = ensure_file_contents(&path, Some(&text), same_snapshot, mode)?;
            if state != FileState::UpToDate {
                spec.files.push((path, state));
            }
        }
    }

    let snapshots_dir = root.join("tests/snapshots");
    if let Ok(entries) = fs::read_dir(&snapshots_dir) {
        let mut orphans: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                file.strip_prefix("generated_code__")
                    .and_then(|rest| rest.split('.').next())
                    .is_some_and(|service| !services.iter().any(|s| s == service))
            })
            .collect();
        orphans.sort();
        // A spec that fails to load is not an orphan's reason to go.
        if report.errors.is_empty() {
            for orphan in orphans {
                let state = ensure_file_contents(&orphan, None, same_snapshot, mode)?;
                report.orphans.push((orphan, state));
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_files_round_trip() {
        let file = snapshot_file("code", "fn a() {}\n");
        assert_eq!(
            file,
            "---\nsource: tests/tests/suite/generator/generated_code.rs\nexpression: code\n---\nfn a() {}\n"
        );
        assert_eq!(snapshot_content(&file), Some("fn a() {}\n"));
    }
}
