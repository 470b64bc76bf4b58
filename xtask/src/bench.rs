//! `cargo xtask bench`: measures, in one run, our generator against progenitor (time, peak
//! memory, scaling), the code each makes (size; build time of a crate holding the client),
//! and the generated client against hand-written reqwest calls (time per call, signing),
//! then writes `BENCHMARKS.md`.
//!
//! The harnesses live in `bench/`, a workspace of their own, so progenitor never enters the
//! project's build; this file drives them and gathers what they print.

mod measure;
mod process;
mod report;
mod results;
pub mod synthetic;

use crate::files::{Mode, ensure_file_contents, exact};
use measure::{count_code, measure_builds, measure_generation};
use process::{Progress, cargo, json_output, run_quietly};
pub use results::Plan;
use results::{Machine, Results, Tool};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Writes the synthetic spec of `operations` operations into `dir`, in both forms:
/// `synthetic_{n}.yaml` (ours) and `synthetic_{n}.json` (progenitor's). Returns both paths.
pub fn write_specs(dir: &Path, operations: usize) -> Result<(PathBuf, PathBuf), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let spec = synthetic::spec(operations);
    let yaml = dir.join(format!("synthetic_{operations}.yaml"));
    let json = dir.join(format!("synthetic_{operations}.json"));
    write(&yaml, &synthetic::to_yaml(&spec)?)?;
    write(&json, &synthetic::to_json(&spec))?;
    Ok((yaml, json))
}

/// Writes `text` unless the file already holds it: a rewrite would make cargo rebuild.
fn write(path: &Path, text: &str) -> Result<(), String> {
    ensure_file_contents(path, Some(text), exact, Mode::Write).map(drop)
}

/// Where the plot goes: beside the report, named after it (`BENCHMARKS.md` →
/// `BENCHMARKS-generation.svg`).
pub fn plot_path(output: &Path) -> PathBuf {
    let stem = output
        .file_stem()
        .map_or_else(|| "BENCHMARKS".into(), |s| s.to_string_lossy().into_owned());
    output.with_file_name(format!("{stem}-generation.svg"))
}

/// Runs everything `plan` asks for and writes the report to `output`, and its plot beside it.
pub fn run(root: &Path, plan: Plan, quick: bool, output: &Path) -> Result<(), String> {
    let mut progress = Progress::new(plan.steps());
    let bench = root.join("bench");
    let work = bench.join("target/xtask-bench");
    let specs = work.join("specs");
    let load_before = load_average();

    progress.step("building the harnesses in bench/ (release; not timed)");
    let manifest = bench.join("Cargo.toml");
    run_quietly(cargo("fetch", &manifest), "cargo fetch")?;
    let mut build = cargo("build", &manifest);
    build.args([
        "--release",
        "--offline",
        "-p",
        "bench-gen",
        "-p",
        "bench-client",
    ]);
    run_quietly(build, "building bench-gen and bench-client")?;
    let release = bench.join("target/release");

    for n in plan.all_sizes() {
        write_specs(&specs, n)?;
    }

    let generation = measure_generation(
        &release.join("bench-gen"),
        &specs,
        &work,
        &plan,
        &mut progress,
    )?;
    let code = [
        Tool::Ours,
        Tool::ProgenitorPositional,
        Tool::ProgenitorBuilder,
    ]
    .into_iter()
    .map(|tool| count_code(&work, tool, plan.build_size))
    .collect::<Result<Vec<_>, _>>()?;
    let builds = measure_builds(&manifest, &specs, &work, &plan, &mut progress)?;

    progress.step(&format!(
        "timing calls against 127.0.0.1 ({} rounds) and signing ({} batches)",
        plan.client_rounds, plan.sign_batches
    ));
    // Its own progress lines go straight to the terminal; its result comes on stdout.
    let output_client = Command::new(release.join("bench-client"))
        .args(["--rounds", &plan.client_rounds.to_string()])
        .args(["--batch", &plan.client_batch.to_string()])
        .args(["--sign-batches", &plan.sign_batches.to_string()])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run bench-client: {e}"))?;
    let client = json_output(&output_client, "bench-client")?;

    let results = Results {
        quick,
        plan,
        machine: machine(root, load_before),
        generation,
        code,
        builds,
        client,
        elapsed_s: progress.elapsed_s(),
    };
    progress.step("writing the report and its plot");
    let plot = plot_path(output);
    let plot_name = plot
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write(&plot, &report::generation_svg(&results)?)?;
    write(output, &report::render(&results, &plot_name)?)?;
    progress.note(&format!(
        "wrote {} and {} ({:.0} s)",
        output.display(),
        plot.display(),
        results.elapsed_s
    ));
    Ok(())
}

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn machine(root: &Path, load_before: String) -> Machine {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown".into());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map(|kib| format!("{:.1} GiB", kib / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown".into());
    let root = root.display().to_string();
    Machine {
        cpu,
        cores: command_line("nproc", &[]),
        memory,
        rustc: command_line("rustc", &["--version"]),
        commit: command_line("git", &["-C", &root, "rev-parse", "--short", "HEAD"]),
        load_before,
        load_after: load_average(),
    }
}
