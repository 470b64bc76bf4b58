//! `cargo xtask <task>`: the project's chores, written in Rust so they run wherever cargo does.

mod bench;
mod drift;
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
    /// Compare the stored pages (specs/pages) with the specs; exit 1 when they differ, 2
    /// when a page cannot be read.
    Drift {
        /// Only these pages (file names under specs/pages).
        pages: Vec<PathBuf>,
        /// Print how long reading and comparing took.
        #[arg(long)]
        time: bool,
    },
    /// Run every operation of the generated clients against fake-cloud, with documented
    /// errors of each service: no cloud account needed (runs the `client-demo` package).
    Demo,
    /// Measure the generator, the generated code and the client against progenitor and
    /// hand-written reqwest; write BENCHMARKS.md.
    Bench {
        /// A smoke run: small specs, few repetitions.
        #[arg(long)]
        quick: bool,
        /// Only write the synthetic specs (YAML and JSON) of `--sizes` into DIR.
        #[arg(long, value_name = "DIR")]
        specs_only: Option<PathBuf>,
        /// Operations per synthetic spec (default: 10,100,1000,2000,5000; with --quick: 10,100).
        #[arg(long, value_delimiter = ',')]
        sizes: Option<Vec<usize>>,
        /// Where to write the report.
        #[arg(long, default_value = "BENCHMARKS.md")]
        output: PathBuf,
    },
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The demo is a package of its own so that xtask never depends on the generated clients:
/// `regen` must build, and report the located error, when a spec is broken.
fn run_demo() -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--package", "client-demo"])
        .current_dir(workspace_root())
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Demo => run_demo(),
        Task::Drift { pages, time } => drift::drift(&workspace_root(), &pages, time),
        Task::Regen { check, root } => {
            let root = root.unwrap_or_else(workspace_root);
            match regen::regen(&root, check) {
                Ok(report) => {
                    print!("{}", report.render(&root, check));
                    println!("{}", drift::summary(&root));
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
        Task::Bench {
            quick,
            specs_only,
            sizes,
            output,
        } => {
            let mut plan = if quick {
                bench::Plan::quick()
            } else {
                bench::Plan::full()
            };
            if let Some(sizes) = sizes {
                if sizes.is_empty() || sizes.contains(&0) {
                    eprintln!("error: --sizes takes positive operation counts");
                    return ExitCode::FAILURE;
                }
                plan.sizes = sizes;
            }
            let root = workspace_root();
            let root = root.canonicalize().unwrap_or(root);
            let result = match specs_only {
                Some(dir) => plan.sizes.iter().try_for_each(|&n| {
                    let (yaml, json) = bench::write_specs(&dir, n)?;
                    println!("{}\n{}", yaml.display(), json.display());
                    Ok(())
                }),
                None => bench::run(&root, plan, quick, &root.join(output)),
            };
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
