//! The crates of the tree, as cargo finds them: every package (a `Cargo.toml` with a
//! `[package]`), and for each its library, binaries, build script, tests, benches and
//! examples, from the conventional places and the manifest's `path =` entries.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One compiled crate: a target of a package.
pub struct Target {
    /// `package (kind)`, for reports.
    pub name: String,
    /// Its root file.
    pub root: PathBuf,
    /// A library or binary from `src/`: where `todo!` and friends must not be.
    pub is_library_code: bool,
}

/// The value of `key = "value"` on a manifest line.
fn quoted_value(line: &str, key: &str) -> Option<String> {
    let rest = line
        .trim()
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    Some(rest.strip_prefix('"')?.split('"').next()?.to_string())
}

/// Every crate of every package under `root` (`files`: the tree's files).
pub fn targets(root: &Path, files: &[PathBuf]) -> Result<Vec<Target>, String> {
    let mut out = Vec::new();
    for manifest in files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "Cargo.toml"))
    {
        let text = fs::read_to_string(manifest)
            .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
        if !text.lines().any(|l| l.trim() == "[package]") {
            continue;
        }
        let dir = manifest.parent().unwrap_or(root);
        out.extend(package_targets(dir, &text));
    }
    Ok(out)
}

fn package_targets(dir: &Path, manifest: &str) -> Vec<Target> {
    let mut package = String::from("?");
    let mut section = String::new();
    let mut roots: Vec<(String, PathBuf, bool)> = Vec::new();
    let mut build: Option<PathBuf> = Some(dir.join("build.rs"));
    let mut lib: Option<PathBuf> = None;
    let mut autotests = true;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.trim_matches(|c| c == '[' || c == ']').to_string();
            continue;
        }
        if section == "package" {
            if let Some(name) = quoted_value(trimmed, "name") {
                package = name;
            }
            if let Some(path) = quoted_value(trimmed, "build") {
                build = Some(dir.join(path));
            }
            if trimmed.replace(' ', "") == "build=false" {
                build = None;
            }
            if trimmed.replace(' ', "") == "autotests=false" {
                autotests = false;
            }
        }
        if let Some(path) = quoted_value(trimmed, "path") {
            let path = dir.join(path);
            match section.as_str() {
                "lib" => lib = Some(path),
                "bin" => roots.push(("bin".into(), path, true)),
                "test" | "bench" | "example" => roots.push((section.clone(), path, false)),
                _ => {}
            }
        }
    }
    let lib = lib.unwrap_or_else(|| dir.join("src/lib.rs"));
    roots.push(("lib".into(), lib, true));
    roots.push(("bin".into(), dir.join("src/main.rs"), true));
    if let Some(build) = build {
        roots.push(("build script".into(), build, false));
    }
    let mut conventional = |sub: &str, kind: &str, library: bool| {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            return;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p| {
                if p.is_dir() {
                    Some(p.join("main.rs"))
                } else {
                    p.extension().is_some_and(|x| x == "rs").then_some(p)
                }
            })
            .collect();
        found.sort();
        roots.extend(found.into_iter().map(|p| (kind.to_string(), p, library)));
    };
    conventional("src/bin", "bin", true);
    if autotests {
        conventional("tests", "test", false);
    }
    conventional("benches", "bench", false);
    conventional("examples", "example", false);

    let mut seen = BTreeSet::new();
    roots
        .into_iter()
        .filter(|(_, path, _)| path.is_file() && seen.insert(path.clone()))
        .map(|(kind, root, from_src)| {
            let stem = root.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
            let name = match kind.as_str() {
                "lib" | "build script" => format!("{package} ({kind})"),
                _ if root == dir.join("src/main.rs") => format!("{package} ({kind})"),
                _ if stem == "main" => {
                    let parent = root.parent().and_then(|p| p.file_name());
                    let parent = parent.and_then(|p| p.to_str()).unwrap_or("?");
                    format!("{package} ({kind} {parent})")
                }
                _ => format!("{package} ({kind} {stem})"),
            };
            let is_library_code = from_src && root.starts_with(dir.join("src"));
            Target {
                name,
                root,
                is_library_code,
            }
        })
        .collect()
}
