//! `cargo xtask tidy`, and the test that runs it inside `cargo test`: the rules of
//! docs/ARCHITECTURE.md a machine can check, over every file of the tree.
//!
//! - No hand-written `.rs` file over [`MAX_LINES`] lines. A file is generated when its first
//!   line carries `@generated`; generated files are exempt.
//! - Every snapshot of generated code (`*.rs.snap`) starts, below insta's header, with the
//!   `// @generated` line the emitter writes first.
//! - No import circle among a crate's modules (see [`modules`] for what counts as a use).
//! - No `todo!`, `unimplemented!` or `dbg!` in library code: the modules of each crate
//!   under `src/`, without their `#[cfg(test)]` modules.
//! - Every `.rs` file is compiled: some crate's `mod` lines reach it (a test file that no
//!   `mod` line names would silently never run).

mod crates;
mod lexer;
mod modules;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

pub const MAX_LINES: usize = 600;

/// The marker of a generated file, on its first line.
const GENERATED: &str = "@generated";

/// Directories never looked into: build output, version control, virtual environments.
fn skipped(name: &str) -> bool {
    name == "target" || name.starts_with('.')
}

/// One broken rule, where it is broken.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Relative to the tree's root, `/`-separated.
    pub file: String,
    pub line: Option<usize>,
    pub rule: &'static str,
    pub message: String,
}

/// The report `cargo xtask tidy` prints: one line per problem, then a count.
pub fn render(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        let at = match p.line {
            Some(line) => format!("{}:{line}", p.file),
            None => p.file.clone(),
        };
        let _ = writeln!(out, "{at}: {}: {}", p.rule, p.message);
    }
    let _ = writeln!(out, "\ntidy: {} problem(s)", problems.len());
    out
}

fn relative(root: &Path, path: &Path) -> String {
    let path = path.strip_prefix(root).unwrap_or(path);
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `root`, outside the skipped directories, sorted.
fn files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if kind.is_dir() {
                if !skipped(&name) {
                    dirs.push(path);
                }
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Checks the tree at `root`; the problems, sorted by file.
pub fn check(root: &Path) -> Result<Vec<Problem>, String> {
    let files = files(root)?;
    let mut problems = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".rs") {
            check_length(root, file, &mut problems)?;
        } else if name.ends_with(".rs.snap") {
            check_snapshot_header(root, file, &mut problems)?;
        }
    }
    let mut compiled = BTreeSet::new();
    for target in crates::targets(root, &files)? {
        let krate = modules::load(&target.root)?;
        compiled.extend(krate.modules.iter().map(|m| m.file.clone()));
        check_circles(root, &target, &krate, &mut problems);
        if target.is_library_code {
            check_unfinished(root, &krate, &mut problems);
        }
    }
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "rs"))
    {
        if !compiled.contains(file) {
            problems.push(Problem {
                file: relative(root, file),
                line: None,
                rule: "not compiled",
                message: "no crate's `mod` lines reach this file: add its `mod` line (a test \
                          module goes in its folder's `mod.rs`) or remove it"
                    .into(),
            });
        }
    }
    problems.sort();
    Ok(problems)
}

fn read(file: &Path) -> Result<String, String> {
    fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

fn check_length(root: &Path, file: &Path, problems: &mut Vec<Problem>) -> Result<(), String> {
    let text = read(file)?;
    if text
        .lines()
        .next()
        .is_some_and(|first| first.contains(GENERATED))
    {
        return Ok(());
    }
    let lines = text.lines().count();
    if lines > MAX_LINES {
        problems.push(Problem {
            file: relative(root, file),
            line: None,
            rule: "too long",
            message: format!(
                "{lines} lines, over the {MAX_LINES}-line limit for a hand-written file: split it by concern"
            ),
        });
    }
    Ok(())
}

/// A snapshot of generated Rust holds what the emitter wrote, so its first line is the
/// emitter's `// @generated` line.
fn check_snapshot_header(
    root: &Path,
    file: &Path,
    problems: &mut Vec<Problem>,
) -> Result<(), String> {
    let text = read(file)?;
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| &rest[end + 5..]))
        .unwrap_or(&text);
    if !body
        .lines()
        .next()
        .is_some_and(|first| first.starts_with("// ") && first.contains(GENERATED))
    {
        problems.push(Problem {
            file: relative(root, file),
            line: None,
            rule: "generated header",
            message: format!(
                "generated code whose first line is not its `// {GENERATED} …` line: regenerate it with `cargo xtask regen`"
            ),
        });
    }
    Ok(())
}

fn check_circles(
    root: &Path,
    target: &crates::Target,
    krate: &modules::Crate,
    problems: &mut Vec<Problem>,
) {
    let edges = modules::edges(krate);
    for circle in modules::circles(krate.modules.len(), &edges) {
        let name = |m: &usize| krate.modules[*m].path.as_str();
        let names: Vec<&str> = circle.path.iter().map(name).collect();
        let mut message = format!("import circle in {}: {}", target.name, names.join(" -> "));
        for pair in circle.path.windows(2) {
            if let Some(e) = edges.iter().find(|e| e.from == pair[0] && e.to == pair[1]) {
                let from = &krate.modules[e.from];
                let _ = write!(
                    message,
                    "\n    {}:{} uses `{}`",
                    relative(root, &from.file),
                    e.line,
                    e.written
                );
            }
        }
        // The circle shown is the shortest; say when more modules are caught in it.
        if circle.members.len() + 1 > circle.path.len() {
            let all: Vec<&str> = circle.members.iter().map(name).collect();
            let _ = write!(
                message,
                "\n    all {} modules that reach one another: {}",
                all.len(),
                all.join(", ")
            );
        }
        let first = &krate.modules[circle.path[0]];
        problems.push(Problem {
            file: relative(root, &first.file),
            line: None,
            rule: "import circle",
            message,
        });
    }
}

const UNFINISHED: &[&str] = &["todo", "unimplemented", "dbg"];

fn check_unfinished(root: &Path, krate: &modules::Crate, problems: &mut Vec<Problem>) {
    for module in krate.modules.iter().filter(|m| !m.is_test) {
        for pair in module.tokens.windows(2) {
            if pair[0].kind == lexer::Kind::Ident
                && UNFINISHED.contains(&pair[0].text.as_str())
                && pair[1].is_punct("!")
            {
                problems.push(Problem {
                    file: relative(root, &module.file),
                    line: Some(pair[0].line),
                    rule: "unfinished code",
                    message: format!("`{}!` in library code", pair[0].text),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
