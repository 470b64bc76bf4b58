//! `cargo xtask bench`: measures, in one run, our generator against progenitor (time, peak
//! memory, scaling), the code each makes (size; build time of a crate holding the client),
//! and the generated client against hand-written reqwest calls (time per call, signing),
//! then writes `BENCHMARKS.md`.
//!
//! The harnesses live in `bench/`, a workspace of their own, so progenitor never enters the
//! project's build; this file drives them and gathers what they print.

mod report;
pub mod synthetic;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// How much to measure.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Operations per synthetic spec, for generation.
    pub sizes: Vec<usize>,
    /// The spec size whose client crate is built, and whose code is counted.
    pub build_size: usize,
    /// Processes per (tool, size); tools alternate between them.
    pub generation_rounds: usize,
    /// Incremental builds per contender and kind; contenders alternate.
    pub build_repeats: usize,
    /// `bench-client` settings.
    pub client_rounds: usize,
    pub client_batch: usize,
    pub sign_batches: usize,
}

impl Plan {
    pub fn full() -> Self {
        Plan {
            sizes: vec![10, 100, 1000, 2000, 5000],
            build_size: 1000,
            generation_rounds: 3,
            build_repeats: 2,
            client_rounds: 200,
            client_batch: 25,
            sign_batches: 200,
        }
    }

    /// A smoke run: small specs, few repetitions; a few minutes once `bench/` is built.
    pub fn quick() -> Self {
        Plan {
            sizes: vec![10, 100],
            build_size: 100,
            generation_rounds: 1,
            build_repeats: 1,
            client_rounds: 20,
            client_batch: 10,
            sign_batches: 20,
        }
    }

    /// Every spec size the run needs: the generation sizes and the build size.
    fn all_sizes(&self) -> Vec<usize> {
        let mut sizes = self.sizes.clone();
        if !sizes.contains(&self.build_size) {
            sizes.push(self.build_size);
        }
        sizes.sort_unstable();
        sizes.dedup();
        sizes
    }

    /// Runs of one generator process: enough for a stable median on small specs.
    fn iterations(size: usize) -> usize {
        match size {
            0..=10 => 20,
            11..=100 => 5,
            101..=1000 => 2,
            _ => 1,
        }
    }
}

/// A code generator as `bench-gen` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Ours,
    ProgenitorPositional,
    ProgenitorBuilder,
}

impl Tool {
    fn arg(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::ProgenitorPositional => "progenitor-positional",
            Tool::ProgenitorBuilder => "progenitor-builder",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::ProgenitorPositional => "progenitor 0.15 (positional)",
            Tool::ProgenitorBuilder => "progenitor 0.15 (builder)",
        }
    }
}

/// One tool on one spec size, over every process that ran it.
#[derive(Debug)]
pub struct Generation {
    pub tool: Tool,
    pub size: usize,
    pub times_ms: Vec<f64>,
    pub peak_heap_bytes: u64,
    pub max_rss_kib: u64,
    /// Our phases (parse, load, lower, emit, format), in ms, from one run.
    pub phases_ms: Option<Vec<(String, f64)>>,
    /// Why the tool could not generate this spec (its first line of error), if it could not.
    pub refused: Option<String>,
}

#[derive(Debug)]
pub struct CodeSize {
    pub tool: Tool,
    pub operations: usize,
    pub lines: usize,
    /// Lines that are neither blank nor comments.
    pub code_lines: usize,
    pub bytes: usize,
}

#[derive(Debug)]
pub struct BuildTimes {
    pub contender: &'static str,
    pub cold_s: f64,
    /// Crates cargo compiled in the cold build (dependencies, build scripts included).
    pub cold_units: usize,
    pub touched_s: Vec<f64>,
    pub crate_only_s: Vec<f64>,
}

#[derive(Debug)]
pub struct Machine {
    pub cpu: String,
    pub cores: String,
    pub memory: String,
    pub rustc: String,
    pub commit: String,
    pub load_before: String,
    pub load_after: String,
}

#[derive(Debug)]
pub struct Results {
    pub quick: bool,
    pub plan: Plan,
    pub machine: Machine,
    pub generation: Vec<Generation>,
    pub code: Vec<CodeSize>,
    pub builds: Vec<BuildTimes>,
    /// What `bench-client` printed.
    pub client: Value,
    pub elapsed_s: f64,
}

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
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Runs everything `plan` asks for and writes the report to `output`.
pub fn run(root: &Path, plan: Plan, quick: bool, output: &Path) -> Result<(), String> {
    let started = Instant::now();
    let bench = root.join("bench");
    let work = bench.join("target/xtask-bench");
    let specs = work.join("specs");
    let load_before = load_average();

    progress("building the harnesses in bench/ (release; not timed)");
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

    let generation = measure_generation(&release.join("bench-gen"), &specs, &work, &plan)?;
    let code = [
        Tool::Ours,
        Tool::ProgenitorPositional,
        Tool::ProgenitorBuilder,
    ]
    .into_iter()
    .map(|tool| count_code(&work, tool, plan.build_size))
    .collect::<Result<Vec<_>, _>>()?;
    let builds = measure_builds(&manifest, &specs, &work, &plan)?;

    progress("timing calls against 127.0.0.1 and signing");
    let output_client = Command::new(release.join("bench-client"))
        .args(["--rounds", &plan.client_rounds.to_string()])
        .args(["--batch", &plan.client_batch.to_string()])
        .args(["--sign-batches", &plan.sign_batches.to_string()])
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
        elapsed_s: started.elapsed().as_secs_f64(),
    };
    let text = report::render(&results)?;
    fs::write(output, text).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    progress(&format!(
        "wrote {} ({:.0} s)",
        output.display(),
        results.elapsed_s
    ));
    Ok(())
}

fn progress(what: &str) {
    eprintln!("bench: {what}");
}

/// `cargo <subcommand>` on the bench workspace, with its committed lock file.
fn cargo(subcommand: &str, manifest: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg(subcommand)
        .arg("--manifest-path")
        .arg(manifest)
        .args(["--locked", "--color", "never"]);
    command
}

fn run_quietly(mut command: Command, what: &str) -> Result<std::process::Output, String> {
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

fn json_output(output: &std::process::Output, what: &str) -> Result<Value, String> {
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

fn spec_for(specs: &Path, tool: Tool, size: usize) -> PathBuf {
    let ext = if tool == Tool::Ours { "yaml" } else { "json" };
    specs.join(format!("synthetic_{size}.{ext}"))
}

fn code_path(work: &Path, tool: Tool, size: usize) -> PathBuf {
    work.join(format!("code/{}_{size}.rs", tool.arg()))
}

/// Every (tool, size) in `plan.generation_rounds` processes, ours and progenitor's
/// positional style taking turns (the first to go alternates); the builder style once per
/// size, for its code.
fn measure_generation(
    bench_gen: &Path,
    specs: &Path,
    work: &Path,
    plan: &Plan,
) -> Result<Vec<Generation>, String> {
    fs::create_dir_all(work.join("code")).map_err(|e| format!("cannot create code dir: {e}"))?;
    let mut results = Vec::new();
    for size in plan.all_sizes() {
        let mut ours = Generation::new(Tool::Ours, size);
        let mut peer = Generation::new(Tool::ProgenitorPositional, size);
        for round in 0..plan.generation_rounds {
            progress(&format!(
                "generating {size} operations, round {} of {}",
                round + 1,
                plan.generation_rounds
            ));
            let order = if round.is_multiple_of(2) {
                [&mut ours, &mut peer]
            } else {
                [&mut peer, &mut ours]
            };
            for generation in order {
                let first = round == 0;
                generation.run(bench_gen, specs, work, first)?;
            }
        }
        let mut builder = Generation::new(Tool::ProgenitorBuilder, size);
        builder.run(bench_gen, specs, work, true)?;
        results.extend([ours, peer, builder]);
    }
    Ok(results)
}

impl Generation {
    fn new(tool: Tool, size: usize) -> Self {
        Generation {
            tool,
            size,
            times_ms: Vec::new(),
            peak_heap_bytes: 0,
            max_rss_kib: 0,
            phases_ms: None,
            refused: None,
        }
    }

    /// One `bench-gen` process; the first also keeps the code and (ours) times the phases.
    /// A tool that fails on the spec is marked as refusing it, and not run again on it.
    fn run(
        &mut self,
        bench_gen: &Path,
        specs: &Path,
        work: &Path,
        first: bool,
    ) -> Result<(), String> {
        if self.refused.is_some() {
            return Ok(());
        }
        let mut command = Command::new(bench_gen);
        command
            .arg(self.tool.arg())
            .arg(spec_for(specs, self.tool, self.size))
            .args(["--iterations", &Plan::iterations(self.size).to_string()]);
        if first {
            command
                .arg("--out")
                .arg(code_path(work, self.tool, self.size));
            if self.tool == Tool::Ours {
                command.arg("--phases");
            }
        }
        let output = command
            .output()
            .map_err(|e| format!("cannot run bench-gen: {e}"))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let first = stderr.lines().next().unwrap_or("failed with no message");
            let reason = first.trim_start_matches("error: ").trim().to_string();
            progress(&format!(
                "{} cannot generate {} operations: {reason}",
                self.tool.label(),
                self.size
            ));
            self.refused = Some(reason);
            return Ok(());
        }
        let report = json_output(
            &output,
            &format!("bench-gen {} {}", self.tool.arg(), self.size),
        )?;
        let times = report["times_ms"]
            .as_array()
            .ok_or("bench-gen printed no times")?;
        self.times_ms.extend(times.iter().filter_map(Value::as_f64));
        self.peak_heap_bytes = self
            .peak_heap_bytes
            .max(report["peak_heap_bytes"].as_u64().unwrap_or_default());
        self.max_rss_kib = self
            .max_rss_kib
            .max(report["max_rss_kib"].as_u64().unwrap_or_default());
        if let Some(phases) = report["phases_ms"].as_object() {
            self.phases_ms = Some(
                ["parse", "load", "lower", "emit", "format"]
                    .iter()
                    .map(|p| (p.to_string(), phases[*p].as_f64().unwrap_or_default()))
                    .collect(),
            );
        }
        Ok(())
    }

    pub fn median_ms(&self) -> f64 {
        median(&self.times_ms)
    }

    /// One phase of the phase-by-phase run, in ms (NaN if there was none).
    pub fn phase_ms(&self, name: &str) -> f64 {
        self.phases_ms
            .as_ref()
            .and_then(|p| p.iter().find(|(n, _)| n == name))
            .map_or(f64::NAN, |(_, ms)| *ms)
    }
}

fn count_code(work: &Path, tool: Tool, operations: usize) -> Result<CodeSize, String> {
    let path = code_path(work, tool, operations);
    let code =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let code_lines = code
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .count();
    Ok(CodeSize {
        tool,
        operations,
        lines: code.lines().count(),
        code_lines,
        bytes: code.len(),
    })
}

/// `cargo build` of each client crate: once from an empty target directory, then
/// `plan.build_repeats` times after touching the spec and after removing the crate's own
/// build products (dependencies stay built), contenders taking turns.
fn measure_builds(
    manifest: &Path,
    specs: &Path,
    work: &Path,
    plan: &Plan,
) -> Result<Vec<BuildTimes>, String> {
    let contenders = [
        (
            "ours",
            "build-ours",
            spec_for(specs, Tool::Ours, plan.build_size),
        ),
        (
            "progenitor",
            "build-progenitor",
            spec_for(specs, Tool::ProgenitorPositional, plan.build_size),
        ),
    ];
    let mut results = Vec::new();
    for (name, package, spec) in &contenders {
        progress(&format!(
            "cold build of the {name} client crate ({} operations)",
            plan.build_size
        ));
        let target = work.join(format!("target-{package}"));
        if target.exists() {
            fs::remove_dir_all(&target)
                .map_err(|e| format!("cannot empty {}: {e}", target.display()))?;
        }
        let (cold_s, output) = timed_build(manifest, package, spec, &target)?;
        let cold_units = String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter(|l| l.trim_start().starts_with("Compiling "))
            .count();
        results.push(BuildTimes {
            contender: name,
            cold_s,
            cold_units,
            touched_s: Vec::new(),
            crate_only_s: Vec::new(),
        });
    }
    for repeat in 0..plan.build_repeats {
        for turn in 0..contenders.len() {
            let index = (repeat + turn) % contenders.len();
            let (name, package, spec) = &contenders[index];
            let target = work.join(format!("target-{package}"));
            progress(&format!(
                "rebuild of the {name} client crate after touching its spec"
            ));
            touch(spec)?;
            let (touched, _) = timed_build(manifest, package, spec, &target)?;
            progress(&format!(
                "build of the {name} client crate alone (dependencies built)"
            ));
            let mut clean = cargo("clean", manifest);
            clean
                .args(["--offline", "-p", package])
                .env("CARGO_TARGET_DIR", &target);
            run_quietly(clean, &format!("cargo clean -p {package}"))?;
            let (alone, _) = timed_build(manifest, package, spec, &target)?;
            results[index].touched_s.push(touched);
            results[index].crate_only_s.push(alone);
        }
    }
    Ok(results)
}

/// `cargo build -p package` (dev profile, as a user's `cargo build`), verbose enough to
/// count what it compiled; seconds taken.
fn timed_build(
    manifest: &Path,
    package: &str,
    spec: &Path,
    target: &Path,
) -> Result<(f64, std::process::Output), String> {
    let mut command = cargo("build", manifest);
    command
        .args(["--offline", "-p", package])
        .env("CARGO_TARGET_DIR", target)
        .env("BENCH_SPEC", spec);
    let started = Instant::now();
    let output = run_quietly(command, &format!("cargo build -p {package}"))?;
    Ok((started.elapsed().as_secs_f64(), output))
}

/// Marks the spec as changed (same content, new modification time).
fn touch(path: &Path) -> Result<(), String> {
    let text = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    fs::write(path, text).map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if !n.is_multiple_of(2) {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
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
