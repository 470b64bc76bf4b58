//! `cargo xtask regen`: generate every spec, compare with the committed snapshots, report
//! what changed (breaking or not), and write the new snapshots (unless `--check`).

use codegen::changes::{Change, Impact, compare};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// What insta writes above a snapshot taken by `tests/generated_code.rs`.
const SNAPSHOT_SOURCE: &str = "tests/generated_code.rs";

/// How one spec stands against its snapshots.
#[derive(Debug)]
pub struct SpecReport {
    pub spec: String,
    /// Snapshot files whose content differs from what the spec generates (or that are missing).
    pub stale: Vec<PathBuf>,
    /// Model changes since the snapshot (empty when only formatting or new files).
    pub changes: Vec<Change>,
    /// The spec has no snapshot yet.
    pub new_service: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub specs: Vec<SpecReport>,
    /// Snapshots whose spec is gone.
    pub orphans: Vec<PathBuf>,
    /// Located spec errors, rendered.
    pub errors: Vec<String>,
}

impl Report {
    pub fn is_stale(&self) -> bool {
        !self.orphans.is_empty() || self.specs.iter().any(|s| !s.stale.is_empty())
    }

    /// The text `regen` prints.
    pub fn render(&self, root: &Path, check: bool) -> String {
        let mut out = String::new();
        for e in &self.errors {
            let _ = writeln!(out, "{e}\n");
        }
        for s in &self.specs {
            if s.stale.is_empty() {
                let _ = writeln!(out, "{}: up to date", s.spec);
                continue;
            }
            let written = !check && self.errors.is_empty();
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
            let _ = writeln!(out, "{}: {verb} ({summary})", s.spec);
            for c in &s.changes {
                let _ = writeln!(out, "  {c}");
            }
            for f in &s.stale {
                let _ = writeln!(
                    out,
                    "  {} {}",
                    if written { "wrote:" } else { "stale:" },
                    relative(root, f)
                );
            }
        }
        for o in &self.orphans {
            let _ = writeln!(
                out,
                "{}: {} (its spec is gone)",
                relative(root, o),
                if check { "stale" } else { "removed" }
            );
        }
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
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut services = Vec::new();
    for spec in &specs {
        let name = spec
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let shown = format!("specs/{name}");
        let source = fs::read_to_string(spec).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let generated = match codegen::generate(&shown, &source) {
            Ok(g) => g,
            Err(diagnostics) => {
                report.errors.push(diagnostics.to_string());
                continue;
            }
        };
        let service = generated.model.module.clone();
        services.push(service.clone());
        let code_path = snapshot_path(root, &service, "rs");
        let model_path = snapshot_path(root, &service, "model");
        let new_code = snapshot_file("code", &generated.code);
        let new_model = snapshot_file("model", &codegen::model_text(&generated.model));
        let old_code = fs::read_to_string(&code_path).ok();
        let old_model = fs::read_to_string(&model_path).ok();
        let same = |old: &Option<String>, new: &str| {
            old.as_deref().and_then(snapshot_content).map(str::trim_end)
                == snapshot_content(new).map(str::trim_end)
        };
        let mut stale = Vec::new();
        if !same(&old_code, &new_code) {
            stale.push(code_path.clone());
            writes.push((code_path, new_code));
        }
        if !same(&old_model, &new_model) {
            stale.push(model_path.clone());
            writes.push((model_path, new_model));
        }
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
            stale,
            changes,
            new_service: old.is_none(),
        });
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
            report.orphans = orphans;
        }
    }

    if !check && report.errors.is_empty() {
        fs::create_dir_all(&snapshots_dir)
            .map_err(|e| format!("cannot create {}: {e}", snapshots_dir.display()))?;
        for (path, text) in &writes {
            fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        for orphan in &report.orphans {
            fs::remove_file(orphan)
                .map_err(|e| format!("cannot remove {}: {e}", orphan.display()))?;
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
            "---\nsource: tests/generated_code.rs\nexpression: code\n---\nfn a() {}\n"
        );
        assert_eq!(snapshot_content(&file), Some("fn a() {}\n"));
    }
}
