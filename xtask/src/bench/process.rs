//! Running cargo and the harnesses: commands on the bench workspace, their output, and
//! the progress lines on stderr.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

pub fn progress(what: &str) {
    eprintln!("bench: {what}");
}

/// `cargo <subcommand>` on the bench workspace, with its committed lock file.
pub fn cargo(subcommand: &str, manifest: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg(subcommand)
        .arg("--manifest-path")
        .arg(manifest)
        .args(["--locked", "--color", "never"]);
    command
}

pub fn run_quietly(mut command: Command, what: &str) -> Result<std::process::Output, String> {
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(output)
}

pub fn json_output(output: &std::process::Output, what: &str) -> Result<Value, String> {
    if !output.status.success() {
        return Err(format!(
            "{what} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "{what} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
