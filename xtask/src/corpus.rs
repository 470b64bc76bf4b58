//! `cargo xtask corpus DIR`: the generator on documents published elsewhere. Each OpenAPI
//! document in DIR (`.yaml`, `.yml`, `.json`) is generated as an outside document
//! (`Profile::Outside`), then every generated module is checked by `cargo check` in one
//! scratch crate (one build instead of one per document); the table says, per document,
//! how many operations it has, whether it generated and compiled, its warnings and the
//! first error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What became of one document.
struct Outcome {
    document: String,
    operations: Option<usize>,
    module: Option<String>,
    warnings: usize,
    error: Option<String>,
    compiles: Option<bool>,
}

pub fn run(root: &Path, dir: &Path, scratch: &Path) -> Result<String, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "yaml" || x == "yml" || x == "json")
        })
        .collect();
    files.sort();
    let src = scratch.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("cannot create {}: {e}", src.display()))?;
    let mut outcomes = Vec::new();
    let mut lib = String::from("#![allow(warnings)]\n");
    for (i, file) in files.iter().enumerate() {
        let outcome = generate_one(file, i, &src)?;
        if let Some(module) = &outcome.module {
            writeln!(lib, "pub mod {module};").ok();
        }
        outcomes.push(outcome);
    }
    write(&src.join("lib.rs"), &lib)?;
    write(&scratch.join("Cargo.toml"), &manifest(root))?;
    // The workspace's lock file and target directory: the same dependency versions, already
    // built for the client crate.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let failing = cargo_check(root, scratch)?;
    for outcome in &mut outcomes {
        if let Some(module) = &outcome.module {
            let first = failing
                .iter()
                .find(|(file, _)| file == &format!("src/{module}.rs"))
                .map(|(_, message)| message.clone());
            outcome.compiles = Some(first.is_none());
            if first.is_some() {
                outcome.error = first;
            }
        }
    }
    Ok(table(&outcomes))
}

fn generate_one(file: &Path, index: usize, src: &Path) -> Result<Outcome, String> {
    let document = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
    };
    let mut outcome = Outcome {
        document: document.clone(),
        operations: None,
        module: None,
        warnings: 0,
        error: None,
        compiles: None,
    };
    let generated = std::panic::catch_unwind(|| {
        codegen::generate_with(&document, &text, codegen::Profile::Outside)
    });
    match generated {
        Err(_) => outcome.error = Some("the generator panicked".into()),
        Ok(Err(diagnostics)) => {
            outcome.error = diagnostics.short().lines().next().map(str::to_string);
        }
        Ok(Ok(generated)) => {
            outcome.operations = Some(generated.model.operations.len());
            outcome.warnings = generated.warnings.items.len();
            // Modules numbered, so two documents with one stem do not collide.
            let module = format!("doc{index}_{}", generated.model.module);
            write(&src.join(format!("{module}.rs")), &generated.code)?;
            outcome.module = Some(module);
        }
    }
    Ok(outcome)
}

fn manifest(root: &Path) -> String {
    let client = root.join("generated-client");
    format!(
        "[package]\nname = \"corpus-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ngenerated-client = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         [workspace]\n",
        client.display().to_string()
    )
}

/// Runs `cargo check` on the scratch crate; each failing file with its first error.
fn cargo_check(root: &Path, scratch: &Path) -> Result<Vec<(String, String)>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let output = Command::new(cargo)
        .args(["check", "--offline", "--message-format=short", "--quiet"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(scratch)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut failing: Vec<(String, String)> = Vec::new();
    for line in stderr.lines() {
        // `src/doc3_x.rs:12:5: error[E0412]: cannot find type ...`
        let Some((file, rest)) = line.split_once(':') else {
            continue;
        };
        if !file.starts_with("src/") || !rest.contains("error") {
            continue;
        }
        if failing.iter().all(|(f, _)| f != file) {
            let message = rest.split_once("error").map_or(rest, |(_, m)| m);
            failing.push((
                file.to_string(),
                format!("rustc: error{}", message.trim_end()),
            ));
        }
    }
    if !output.status.success() && failing.is_empty() {
        return Err(format!("cargo check failed:\n{stderr}"));
    }
    Ok(failing)
}

fn table(outcomes: &[Outcome]) -> String {
    let mut out = String::from(
        "| document | operations | generated? | compiles? | warnings | first error |\n\
         | --- | ---: | --- | --- | ---: | --- |\n",
    );
    for o in outcomes {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let error = o
            .error
            .as_deref()
            .unwrap_or("")
            .replace('|', "\\|")
            .chars()
            .take(160)
            .collect::<String>();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            o.document,
            o.operations.map_or("-".into(), |n| n.to_string()),
            yes_no(o.module.is_some()),
            o.compiles.map_or("-", yes_no),
            o.warnings,
            error
        )
        .ok();
    }
    let generated = outcomes.iter().filter(|o| o.module.is_some()).count();
    let compiled = outcomes.iter().filter(|o| o.compiles == Some(true)).count();
    writeln!(
        out,
        "\n{} documents: {generated} generated, {compiled} compiled.",
        outcomes.len()
    )
    .ok();
    out
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
