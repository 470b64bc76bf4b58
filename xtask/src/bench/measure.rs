//! The measurements that take processes and builds: generation by each tool at each size,
//! the code each makes, and the build times of a crate holding each client.

use super::process::{Progress, cargo, json_output, run_quietly};
use super::results::{BuildTimes, CodeSize, Generation, Plan, Tool, median};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub fn spec_for(specs: &Path, tool: Tool, size: usize) -> PathBuf {
    let ext = if tool == Tool::Ours { "yaml" } else { "json" };
    specs.join(format!("synthetic_{size}.{ext}"))
}

pub fn code_path(work: &Path, tool: Tool, size: usize) -> PathBuf {
    work.join(format!("code/{}_{size}.rs", tool.arg()))
}

/// Every (tool, size) in `plan.generation_rounds` processes, ours and progenitor's
/// positional style taking turns (the first to go alternates); the builder style once per
/// size, for its code.
pub fn measure_generation(
    bench_gen: &Path,
    specs: &Path,
    work: &Path,
    plan: &Plan,
    progress: &mut Progress,
) -> Result<Vec<Generation>, String> {
    fs::create_dir_all(work.join("code")).map_err(|e| format!("cannot create code dir: {e}"))?;
    let mut results = Vec::new();
    for size in plan.all_sizes() {
        let mut ours = Generation::new(Tool::Ours, size);
        let mut peer = Generation::new(Tool::ProgenitorPositional, size);
        for round in 0..plan.generation_rounds {
            let order = if round.is_multiple_of(2) {
                [&mut ours, &mut peer]
            } else {
                [&mut peer, &mut ours]
            };
            for generation in order {
                progress.step(&format!(
                    "generating {size} operations with {}, round {} of {}",
                    generation.tool.label(),
                    round + 1,
                    plan.generation_rounds
                ));
                let first = round == 0;
                generation.run(bench_gen, specs, work, first, progress)?;
            }
        }
        let mut builder = Generation::new(Tool::ProgenitorBuilder, size);
        progress.step(&format!(
            "generating {size} operations with {}, once (for its code)",
            builder.tool.label()
        ));
        builder.run(bench_gen, specs, work, true, progress)?;
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
        progress: &Progress,
    ) -> Result<(), String> {
        if self.refused.is_some() {
            progress.note("skipped: it refused this spec before");
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
            progress.note(&format!(
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
        let times: Vec<f64> = times.iter().filter_map(Value::as_f64).collect();
        progress.note(&format!(
            "{} run(s), median {:.1} ms",
            times.len(),
            median(&times)
        ));
        self.times_ms.extend(times);
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

pub fn count_code(work: &Path, tool: Tool, operations: usize) -> Result<CodeSize, String> {
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
pub fn measure_builds(
    manifest: &Path,
    specs: &Path,
    work: &Path,
    plan: &Plan,
    progress: &mut Progress,
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
        progress.step(&format!(
            "cold build of the {name} client crate ({} operations)",
            plan.build_size
        ));
        let target = work.join(format!("target-{package}"));
        if target.exists() {
            fs::remove_dir_all(&target)
                .map_err(|e| format!("cannot empty {}: {e}", target.display()))?;
        }
        let (cold_s, output) = timed_build(manifest, package, spec, &target)?;
        progress.note(&format!("{cold_s:.1} s"));
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
            progress.step(&format!(
                "rebuild of the {name} client crate after touching its spec, {} of {}",
                repeat + 1,
                plan.build_repeats
            ));
            touch(spec)?;
            let (touched, _) = timed_build(manifest, package, spec, &target)?;
            progress.note(&format!("{touched:.1} s"));
            progress.step(&format!(
                "build of the {name} client crate alone (dependencies built), {} of {}",
                repeat + 1,
                plan.build_repeats
            ));
            let mut clean = cargo("clean", manifest);
            clean
                .args(["--offline", "-p", package])
                .env("CARGO_TARGET_DIR", &target);
            run_quietly(clean, &format!("cargo clean -p {package}"))?;
            let (alone, _) = timed_build(manifest, package, spec, &target)?;
            progress.note(&format!("{alone:.1} s"));
            results[index].touched_s.push(touched);
            results[index].crate_only_s.push(alone);
        }
    }
    Ok(results)
}

/// `cargo build -p package` (dev profile, as a user's `cargo build`), verbose enough to
/// count what it compiled; seconds taken.
pub fn timed_build(
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
pub fn touch(path: &Path) -> Result<(), String> {
    let text = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    fs::write(path, text).map_err(|e| format!("cannot touch {}: {e}", path.display()))
}
