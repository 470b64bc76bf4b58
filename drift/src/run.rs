//! `cargo xtask drift`: every stored page against the operations whose `x-source` names it.

use crate::finding::{Finding, ReadError};
use crate::spec::{DriftEntry, Scope, SpecFile, missing_pages};
use crate::{compare, page, render};
use codegen::ir;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a run found, and the text to print.
#[derive(Debug, Default)]
pub struct Outcome {
    pub report: String,
    pub pages: usize,
    pub operations: usize,
    pub findings: usize,
    /// Findings an `x-drift` entry explains.
    pub departures: usize,
    /// Pages or specs that could not be read (each already in `report`).
    pub unreadable: usize,
    /// `specs/ddm.yaml: createUsers` for each operation with no stored page.
    pub without_page: Vec<String>,
    /// Reading every page and comparing it (files already in memory).
    pub elapsed: Duration,
}

impl Outcome {
    /// 0 when nothing differs, 1 when something does, 2 when something cannot be read.
    pub fn exit_code(&self) -> u8 {
        if self.unreadable > 0 {
            2
        } else if self.findings > 0 {
            1
        } else {
            0
        }
    }

    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut s = format!(
            "drift: {} against {}: {}, {} on purpose (x-drift)",
            plural(self.pages, "page"),
            plural(self.operations, "operation"),
            plural(self.findings, "finding"),
            self.departures
        );
        if self.unreadable > 0 {
            let _ = write!(s, ", {} unreadable", self.unreadable);
        }
        if !self.without_page.is_empty() {
            let _ = write!(s, "\nno stored page: {}", self.without_page.join(", "));
        }
        s
    }
}

/// Compares the pages under `specs_dir/pages` (only those in `only`, when given) with the
/// specs in `specs_dir`. Paths in messages start with `specs/`.
pub fn run(specs_dir: &Path, only: &[PathBuf]) -> Outcome {
    let mut out = Outcome::default();
    let specs = load_specs(specs_dir, &mut out);
    let entries: Vec<Vec<DriftEntry>> = specs
        .iter()
        .map(|s| {
            s.drift_entries().unwrap_or_else(|problems| {
                out.unreadable += 1;
                let _ = writeln!(
                    out.report,
                    "{}\n",
                    codegen::Diagnostics::new(&s.file, &s.text, problems)
                );
                Vec::new()
            })
        })
        .collect();
    // Which operations each page is the source of.
    let mut sources: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (si, spec) in specs.iter().enumerate() {
        for (oi, op) in spec.service.operations.iter().enumerate() {
            match spec.page_of(op) {
                Some((page, _)) => sources.entry(page).or_default().push((si, oi)),
                None => out
                    .without_page
                    .push(format!("{}: {}", spec.file, op.operation_id)),
            }
        }
        if only.is_empty() {
            let missing = missing_pages(&spec.text, specs_dir);
            if !missing.is_empty() {
                out.unreadable += missing.len();
                let _ = writeln!(
                    out.report,
                    "{}\n",
                    codegen::Diagnostics::new(&spec.file, &spec.text, missing)
                );
            }
        }
    }
    let files = match page_files(specs_dir, only) {
        Ok(files) => files,
        Err(e) => {
            out.unreadable += 1;
            let _ = writeln!(out.report, "error: {e}\n");
            Vec::new()
        }
    };
    let loaded: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|(name, path)| match fs::read(path) {
            Ok(bytes) => Some((name.clone(), bytes)),
            Err(e) => {
                out.unreadable += 1;
                let _ = writeln!(out.report, "error: cannot read specs/{name}: {e}\n");
                None
            }
        })
        .collect();
    let started = Instant::now();
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let mut compared: HashSet<(usize, usize)> = HashSet::new();
    for (name, bytes) in &loaded {
        let shown = format!("specs/{name}");
        out.pages += 1;
        let page = match page::read(&shown, bytes) {
            Ok(page) => page,
            Err(e) => {
                out.unreadable += 1;
                let _ = writeln!(out.report, "{}\n", render::read_error(&shown, bytes, &e));
                continue;
            }
        };
        let text = String::from_utf8_lossy(bytes);
        for &(si, oi) in sources.get(name).map(Vec::as_slice).unwrap_or_default() {
            let (spec, op) = (&specs[si], &specs[si].service.operations[oi]);
            out.operations += 1;
            compared.insert((si, oi));
            for f in compare::compare(spec, op, &page) {
                match entries[si].iter().position(|e| explains(e, &f, op)) {
                    Some(ei) => {
                        used.insert((si, ei));
                        out.departures += 1;
                    }
                    None => {
                        out.findings += 1;
                        let _ = writeln!(
                            out.report,
                            "{}",
                            render::finding(&f, Some((&shown, &text)), &spec.file, &spec.text)
                        );
                    }
                }
            }
        }
    }
    out.elapsed = started.elapsed();
    // An entry nothing needs any more is stale: the page changed back, or the spec did.
    for (si, spec) in specs.iter().enumerate() {
        let all_compared = spec
            .service
            .operations
            .iter()
            .enumerate()
            .all(|(oi, op)| compared.contains(&(si, oi)) || spec.page_of(op).is_none());
        for (ei, e) in entries[si].iter().enumerate() {
            let in_play = match &e.scope {
                Scope::Operation { path, method } => {
                    spec.service.operations.iter().enumerate().any(|(oi, op)| {
                        &op.path == path
                            && op.method.as_str() == method
                            && compared.contains(&(si, oi))
                    })
                }
                Scope::Schema(_) => all_compared && !compared.is_empty(),
            };
            if in_play && !used.contains(&(si, ei)) {
                out.findings += 1;
                let f = Finding {
                    subject: e.field.clone(),
                    rule: "x-drift",
                    page_says: e.page_says.clone(),
                    spec_says: e.rule.clone(),
                    page_line: 0,
                    spec_pos: e.pos,
                };
                let _ = writeln!(
                    out.report,
                    "{}",
                    render::finding(&f, None, &spec.file, &spec.text)
                );
            }
        }
    }
    out
}

/// The findings of one page (`pages/<file>`) against every operation that names it, less
/// those an `x-drift` entry explains: what a run reports for the page.
pub fn check_page(specs: &[SpecFile], name: &str, bytes: &[u8]) -> Result<Vec<Finding>, ReadError> {
    let page = page::read(&format!("specs/{name}"), bytes)?;
    let mut out = Vec::new();
    for spec in specs {
        let entries = spec.drift_entries().unwrap_or_default();
        for op in &spec.service.operations {
            if spec.page_of(op).is_some_and(|(p, _)| p == name) {
                let findings = compare::compare(spec, op, &page);
                out.extend(
                    findings
                        .into_iter()
                        .filter(|f| !entries.iter().any(|e| explains(e, f, op))),
                );
            }
        }
    }
    Ok(out)
}

/// Whether an `x-drift` entry records the finding as a departure on purpose.
fn explains(e: &DriftEntry, f: &Finding, op: &ir::Operation) -> bool {
    let same = e.rule == f.rule && e.page_says == f.page_says;
    match &e.scope {
        Scope::Operation { path, method } => {
            same && path == &op.path && method == op.method.as_str() && e.field == f.subject
        }
        Scope::Schema(name) => same && f.subject == format!("{name}.{}", e.field),
    }
}

fn load_specs(specs_dir: &Path, out: &mut Outcome) -> Vec<SpecFile> {
    let mut paths: Vec<PathBuf> = fs::read_dir(specs_dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "yaml"));
    paths.sort();
    let mut specs = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let shown = format!("specs/{name}");
        let loaded = fs::read_to_string(&path)
            .map_err(|e| format!("error: cannot read {shown}: {e}"))
            .and_then(|text| SpecFile::load(&shown, &text).map_err(|d| d.to_string()));
        match loaded {
            Ok(spec) => specs.push(spec),
            Err(e) => {
                out.unreadable += 1;
                let _ = writeln!(out.report, "{e}\n");
            }
        }
    }
    specs
}

/// The stored pages (`pages/<file>`, path) to compare: all of them, or those named.
fn page_files(specs_dir: &Path, only: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, String> {
    let dir = specs_dir.join("pages");
    let mut all: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .filter_map(|p| Some((format!("pages/{}", p.file_name()?.to_str()?), p)))
        .collect();
    all.sort();
    if only.is_empty() {
        return Ok(all);
    }
    only.iter()
        .map(|wanted| {
            let name = wanted
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            all.iter()
                .find(|(shown, _)| shown.strip_prefix("pages/") == Some(name))
                .cloned()
                .ok_or_else(|| format!("no stored page `{}` in specs/pages", wanted.display()))
        })
        .collect()
}
