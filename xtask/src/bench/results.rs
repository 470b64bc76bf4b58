//! What one benchmark run measures and what it found: the plan, the tools, and the
//! results the report is written from.

use serde_json::Value;

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
    pub fn all_sizes(&self) -> Vec<usize> {
        let mut sizes = self.sizes.clone();
        if !sizes.contains(&self.build_size) {
            sizes.push(self.build_size);
        }
        sizes.sort_unstable();
        sizes.dedup();
        sizes
    }

    /// The steps `bench::run` takes, for its progress lines: building the harnesses, each
    /// generator process, each build, timing the client, writing the report.
    pub fn steps(&self) -> usize {
        let generation = self.all_sizes().len() * (2 * self.generation_rounds + 1);
        let builds = 2 + 2 * 2 * self.build_repeats;
        1 + generation + builds + 1 + 1
    }

    /// Runs of one generator process: enough for a stable median on small specs.
    pub fn iterations(size: usize) -> usize {
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
    pub fn arg(self) -> &'static str {
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
