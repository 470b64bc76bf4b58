//! `bench-gen <tool> <spec> [--iterations K] [--out FILE]`: runs one code generator on one
//! spec K times in this process and prints one JSON line with each run's time, the peak heap
//! above what the process held before the run, and the process's peak resident memory.
//!
//! Tools, each doing what its build script would do from spec text to formatted Rust:
//! - `ours`: `codegen::generate` (parse YAML, check, lower, emit, prettyplease);
//! - `progenitor-positional` / `progenitor-builder`: parse JSON into `openapiv3::OpenAPI`,
//!   `progenitor::Generator::generate_tokens`, `syn::parse2`, `prettyplease::unparse`, as
//!   progenitor's README shows for a `build.rs`.
//!
//! One process per (tool, spec), so the resident-memory peak belongs to that tool alone.

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes and their high-water mark; one relaxed atomic per allocation,
/// paid alike by every tool.
struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[derive(Clone, Copy)]
enum Tool {
    Ours,
    ProgenitorPositional,
    ProgenitorBuilder,
}

impl Tool {
    fn parse(name: &str) -> Option<Tool> {
        match name {
            "ours" => Some(Tool::Ours),
            "progenitor-positional" => Some(Tool::ProgenitorPositional),
            "progenitor-builder" => Some(Tool::ProgenitorBuilder),
            _ => None,
        }
    }

    /// Spec text to formatted Rust.
    fn generate(self, file: &str, source: &str) -> Result<String, String> {
        match self {
            Tool::Ours => codegen::generate(file, source)
                .map(|generated| generated.code)
                .map_err(|diagnostics| diagnostics.to_string()),
            Tool::ProgenitorPositional => {
                progenitor(source, progenitor::InterfaceStyle::Positional)
            }
            Tool::ProgenitorBuilder => progenitor(source, progenitor::InterfaceStyle::Builder),
        }
    }
}

fn progenitor(source: &str, style: progenitor::InterfaceStyle) -> Result<String, String> {
    let spec: openapiv3::OpenAPI =
        serde_json::from_str(source).map_err(|e| format!("not an OpenAPI document: {e}"))?;
    let mut settings = progenitor::GenerationSettings::new();
    settings.with_interface(style);
    let tokens = progenitor::Generator::new(&settings)
        .generate_tokens(&spec)
        .map_err(|e| format!("progenitor: {e}"))?;
    let file = syn::parse2(tokens).map_err(|e| format!("progenitor's output: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// One more run of our generator, phase by phase, through codegen's public modules (the
/// steps `codegen::generate` takes). `format` re-reads the emitted code with syn and prints
/// it with prettyplease: about what emitting spends on formatting.
fn our_phases(file: &str, source: &str) -> Result<serde_json::Value, String> {
    let mut clock = Instant::now();
    let mut lap = || {
        let ms = clock.elapsed().as_secs_f64() * 1e3;
        clock = Instant::now();
        ms
    };
    let root = codegen::yaml::parse(source).map_err(|e| e.message)?;
    let parse = lap();
    let ctx = codegen::load::Ctx::new();
    let document = codegen::load::document(&ctx, &root);
    let load = lap();
    let (model, problems) = codegen::lower::lower(&codegen::module_name(file), &document);
    let lower = lap();
    let refused = |d: &codegen::Diagnostic| d.is_error();
    if problems.iter().any(refused) || ctx.into_diagnostics().iter().any(refused) {
        return Err(format!("{file} has problems"));
    }
    lap();
    let code = codegen::emit::emit(&model, file);
    let emit = lap();
    let reparsed = syn::parse_file(&code).map_err(|e| e.to_string())?;
    drop(prettyplease::unparse(&reparsed));
    let format = lap();
    Ok(serde_json::json!({
        "parse": parse, "load": load, "lower": lower, "emit": emit, "format": format,
    }))
}

/// The process's peak resident set (`VmHWM`), in KiB; `None` off Linux.
fn max_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Args {
    tool: Tool,
    spec: String,
    iterations: usize,
    out: Option<String>,
    /// Also time our generator's phases, in one more run.
    phases: bool,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: bench-gen <ours|progenitor-positional|progenitor-builder> <spec> [--iterations K] [--out FILE] [--phases]";
    let mut args = std::env::args().skip(1);
    let tool = args.next().ok_or(usage)?;
    let tool = Tool::parse(&tool).ok_or_else(|| format!("unknown tool `{tool}`; {usage}"))?;
    let spec = args.next().ok_or(usage)?;
    let mut iterations = 1;
    let mut out = None;
    let mut phases = false;
    while let Some(flag) = args.next() {
        if flag == "--phases" {
            phases = true;
            continue;
        }
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value; {usage}"))?;
        match flag.as_str() {
            "--iterations" => {
                iterations =
                    value.parse().ok().filter(|&k| k > 0).ok_or_else(|| {
                        format!("--iterations takes a positive count, not `{value}`")
                    })?;
            }
            "--out" => out = Some(value),
            _ => return Err(format!("unknown option `{flag}`; {usage}")),
        }
    }
    Ok(Args {
        tool,
        spec,
        iterations,
        out,
        phases,
    })
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let source = std::fs::read_to_string(&args.spec)
        .map_err(|e| format!("cannot read {}: {e}", args.spec))?;
    let mut times_ms = Vec::with_capacity(args.iterations);
    let mut peak_heap = 0;
    let mut code = String::new();
    for _ in 0..args.iterations {
        drop(std::mem::take(&mut code));
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        code = args.tool.generate(&args.spec, &source)?;
        times_ms.push(started.elapsed().as_secs_f64() * 1e3);
        peak_heap = peak_heap.max(PEAK.load(Ordering::Relaxed) - before);
    }
    if let Some(out) = &args.out {
        std::fs::write(out, &code).map_err(|e| format!("cannot write {out}: {e}"))?;
    }
    let phases_ms = match args.tool {
        Tool::Ours if args.phases => Some(our_phases(&args.spec, &source)?),
        _ => None,
    };
    let report = serde_json::json!({
        "times_ms": times_ms,
        "phases_ms": phases_ms,
        "peak_heap_bytes": peak_heap,
        "max_rss_kib": max_rss_kib(),
        "code_bytes": code.len(),
    });
    println!("{report}");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
