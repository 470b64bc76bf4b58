//! `cargo xtask <task>`: the project's chores, written in Rust so they run wherever cargo does.

mod bench;
mod corpus;
mod drift;
mod files;
mod regen;
mod tidy;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
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
    /// Check the tree's machine-checkable rules (docs/ARCHITECTURE.md): file length, import
    /// circles, `@generated` headers, no `todo!`/`unimplemented!`/`dbg!` in library code.
    Tidy {
        /// The tree to check (default: this workspace).
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
    /// Generate and `cargo check` every OpenAPI document in DIR (documents published
    /// elsewhere, kept outside the repository); print a table (docs/CORPUS.md).
    Corpus {
        dir: PathBuf,
        /// The scratch crate the generated modules are checked in.
        #[arg(long, default_value = "/tmp/corpus-check")]
        scratch: PathBuf,
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

/// The workspace xtask works on, found at run time: `cargo xtask` (an alias of `cargo run`)
/// sets `CARGO_MANIFEST_DIR` to this checkout's `xtask/`, so two checkouts that share one
/// `CARGO_TARGET_DIR` (and so one xtask binary) each find themselves. The directory compiled
/// in is the fallback, for the binary run by hand.
fn workspace_root() -> PathBuf {
    root_from(
        std::env::var_os("CARGO_MANIFEST_DIR"),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    )
}

/// The workspace above xtask's manifest directory: `at_run_time` when set, else `compiled`.
fn root_from(at_run_time: Option<OsString>, compiled: &Path) -> PathBuf {
    let manifest_dir = at_run_time
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| compiled.to_path_buf());
    manifest_dir.join("..")
}

/// The demo is a package of its own so that xtask never depends on the generated clients:
/// `regen` must build, and report the located error, when a spec is broken.
///
/// It is built as part of the workspace (`cargo build --workspace --bins`), not with
/// `cargo run -p client-demo`: cargo turns on a dependency's features for the packages it
/// builds, and the demo alone needs fewer (of `bitflags`, `num-traits`) than the tests,
/// which would rebuild reqwest and the client a second time after `cargo test --workspace`.
fn run_demo() -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = workspace_root();
    // Not `--quiet`: on a cold build the Compiling lines (on stderr) show it is working;
    // the demo's own report is all that goes to stdout.
    let built = std::process::Command::new(&cargo)
        .args(["build", "--workspace", "--bins"])
        .current_dir(&root)
        .status();
    if !matches!(&built, Ok(s) if s.success()) {
        if let Err(e) = built {
            eprintln!("error: cannot run cargo: {e}");
        }
        return ExitCode::FAILURE;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let demo = target
        .join("debug")
        .join(format!("client-demo{}", std::env::consts::EXE_SUFFIX));
    let status = std::process::Command::new(&demo)
        .current_dir(&root)
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run {}: {e}", demo.display());
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Demo => run_demo(),
        Task::Corpus { dir, scratch } => match corpus::run(&workspace_root(), &dir, &scratch) {
            Ok(table) => {
                print!("{table}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Task::Tidy { root } => {
            let root = root.unwrap_or_else(workspace_root);
            match tidy::check(&root) {
                Ok(problems) if problems.is_empty() => {
                    println!("tidy: the tree keeps every rule");
                    ExitCode::SUCCESS
                }
                Ok(problems) => {
                    print!("{}", tidy::render(&problems));
                    ExitCode::FAILURE
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_at_run_time_first() {
        let compiled = Path::new("/built/here/xtask");
        assert_eq!(
            root_from(Some("/checkout/two/xtask".into()), compiled),
            Path::new("/checkout/two/xtask/..")
        );
        assert_eq!(root_from(None, compiled), Path::new("/built/here/xtask/.."));
        assert_eq!(
            root_from(Some("".into()), compiled),
            Path::new("/built/here/xtask/..")
        );
    }
}
