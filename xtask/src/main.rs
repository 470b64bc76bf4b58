//! `cargo xtask <task>`: the project's chores, written in Rust so they run wherever cargo does.

mod demo;
mod regen;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project chores")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate every spec's snapshots and report what changed (breaking or not).
    Regen {
        /// Change nothing; fail when any snapshot is stale.
        #[arg(long)]
        check: bool,
        /// The workspace to work on (default: this one).
        #[arg(long, hide = true)]
        root: Option<PathBuf>,
    },
    /// Run every operation of the generated clients against fake-cloud, started in this
    /// process, with documented errors of each service: no cloud account needed.
    Demo,
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Demo => demo::run(),
        Task::Regen { check, root } => {
            let root = root.unwrap_or_else(workspace_root);
            match regen::regen(&root, check) {
                Ok(report) => {
                    print!("{}", report.render(&root, check));
                    if !report.errors.is_empty() || (check && report.is_stale()) {
                        ExitCode::FAILURE
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
