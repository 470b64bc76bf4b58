//! Running cargo and the harnesses: commands on the bench workspace, their output, and
//! the progress lines on stderr.

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Progress lines on stderr: each step of the run numbered out of all of them, with the
/// time since the start, so a long run shows what it is doing and how far it has got.
pub struct Progress {
    started: Instant,
    done: usize,
    steps: usize,
}

impl Progress {
    pub fn new(steps: usize) -> Self {
        Progress {
            started: Instant::now(),
            done: 0,
            steps,
        }
    }

    /// Starts the next step.
    pub fn step(&mut self, what: &str) {
        self.done += 1;
        eprintln!(
            "bench: [{}/{}, {:.0} s] {what}",
            self.done,
            self.steps,
            self.started.elapsed().as_secs_f64()
        );
    }

    /// Something said within the current step.
    pub fn note(&self, what: &str) {
        eprintln!("bench:   {what}");
    }

    pub fn elapsed_s(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
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
