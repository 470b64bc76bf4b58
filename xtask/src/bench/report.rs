//! `BENCHMARKS.md` from one run's results: the headline ratios against the targets first,
//! then every table, the machine and the commands.

mod figures;
mod notes;
mod plot;
#[cfg(test)]
mod tests;

use super::results::{Generation, Results, Tool, median};
use figures::*;
use notes::behind;
use std::fmt::Write as _;

pub use plot::generation_svg;

/// The report; `plot` is the file name of the plot written beside it.
pub fn render(r: &Results, plot: &str) -> Result<String, String> {
    let sizes = {
        let mut s: Vec<usize> = r.generation.iter().map(|g| g.size).collect();
        s.dedup();
        s
    };
    let largest = *sizes.last().ok_or("no generation results")?;
    let reference = r.plan.build_size;
    let get = |tool, size| {
        generation(r, tool, size).ok_or(format!("no result for {tool:?} at {size} operations"))
    };
    let ours_ref = get(Tool::Ours, reference)?;
    let peer_ref = get(Tool::ProgenitorPositional, reference)?;
    let ours_largest = get(Tool::Ours, largest)?;
    let peer_largest = get(Tool::ProgenitorPositional, largest)?;
    // Scaling is read up to the largest spec ours could generate.
    let ours_scaled = r
        .generation
        .iter()
        .rfind(|g| g.tool == Tool::Ours && g.refused.is_none())
        .ok_or("ours generated no spec")?;
    let scaling_base = if sizes.contains(&100) { 100 } else { sizes[0] };
    let ours_base = get(Tool::Ours, scaling_base)?;
    let speedup = peer_ref.median_ms() / ours_ref.median_ms();
    let speedup_largest = peer_largest.median_ms() / ours_largest.median_ms();
    let per_op = |g: &Generation| g.median_ms() / g.size as f64;
    let linearity = per_op(ours_scaled) / per_op(ours_base);
    let ours_code = code(r, Tool::Ours).ok_or("no code size for ours")?;
    let positional = code(r, Tool::ProgenitorPositional).ok_or("no code size for progenitor")?;
    let builder =
        code(r, Tool::ProgenitorBuilder).ok_or("no code size for progenitor's builder")?;
    let lines_ratio = per_op_lines(ours_code) / per_op_lines(positional);
    let overhead =
        |auth| call(r, auth, "ours", "median") / call(r, auth, "reqwest", "median") - 1.0;
    let token_overhead = overhead("token");
    let aksk_overhead = overhead("aksk");
    let signing_ns = r.client["signing"]["median"].as_f64().unwrap_or(f64::NAN);
    let ours_build = build(r, "ours").ok_or("no build of ours")?;
    let peer_build = build(r, "progenitor").ok_or("no build of progenitor's")?;

    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "# Benchmarks").ok();
    writeln!(w).ok();
    writeln!(w, "## Headline").ok();
    writeln!(w).ok();
    writeln!(w, "| measure | target | this run | |").ok();
    writeln!(w, "| --- | --- | --- | --- |").ok();
    for (auth, label, value) in [
        ("token", "token", token_overhead),
        ("aksk", "AK/SK", aksk_overhead),
    ] {
        writeln!(
            w,
            "| client overhead over hand-written reqwest, {label}, median | ≤ {:.0}% | {:+.1}% ({:.1} µs vs {:.1} µs) | {} |",
            CLIENT_OVERHEAD_TARGET * 100.0,
            value * 100.0,
            call(r, auth, "ours", "median"),
            call(r, auth, "reqwest", "median"),
            verdict(value <= CLIENT_OVERHEAD_TARGET)
        )
        .ok();
    }
    writeln!(
        w,
        "| `huawei::sign`, median | ≤ {:.0} µs | {:.1} µs | {} |",
        SIGNING_BUDGET_NS / 1e3,
        signing_ns / 1e3,
        verdict(signing_ns <= SIGNING_BUDGET_NS)
    )
    .ok();
    for (size, ours, peer, ratio) in [
        (reference, ours_ref, peer_ref, speedup),
        (largest, ours_largest, peer_largest, speedup_largest),
    ] {
        let shown = match &ours.refused {
            Some(_) => "ours refused (see below)".to_string(),
            None => format!(
                "{ratio:.2}× ({:.0} ms vs {:.0} ms)",
                peer.median_ms(),
                ours.median_ms()
            ),
        };
        writeln!(
            w,
            "| generation, progenitor / ours, {} operations | ≥ {GENERATION_SPEEDUP_TARGET:.0}× | {shown} | {} |",
            thousands(size),
            verdict(ours.refused.is_none() && ratio >= GENERATION_SPEEDUP_TARGET)
        )
        .ok();
    }
    writeln!(
        w,
        "| per-operation cost at {} / at {} operations | ≤ {LINEARITY_TOLERANCE}× | {linearity:.2}× ({:.0} µs → {:.0} µs per operation) | {} |",
        thousands(ours_scaled.size),
        thousands(scaling_base),
        per_op(ours_base) * 1e3,
        per_op(ours_scaled) * 1e3,
        verdict(linearity <= LINEARITY_TOLERANCE)
    )
    .ok();
    let cold_ratio = ours_build.cold_s / peer_build.cold_s;
    writeln!(
        w,
        "| consumer cold build ({}-operation client), ours / progenitor | ≤ {COLD_BUILD_TARGET} | {cold_ratio:.2} ({:.0} s vs {:.0} s) | {} |",
        thousands(reference),
        ours_build.cold_s,
        peer_build.cold_s,
        verdict(cold_ratio <= COLD_BUILD_TARGET)
    )
    .ok();
    let heap_ratio = ours_largest.peak_heap_bytes as f64 / peer_largest.peak_heap_bytes as f64;
    writeln!(
        w,
        "| peak heap at {} operations, ours / progenitor | ≤ {PEAK_HEAP_TARGET} | {heap_ratio:.2} ({} MiB vs {} MiB) | {} |",
        thousands(largest),
        mib(ours_largest.peak_heap_bytes as f64),
        mib(peer_largest.peak_heap_bytes as f64),
        verdict(ours_largest.refused.is_none() && heap_ratio <= PEAK_HEAP_TARGET)
    )
    .ok();
    writeln!(
        w,
        "| lines per operation, ours / progenitor positional | (none) | {lines_ratio:.2} ({:.0} vs {:.0}) | |",
        per_op_lines(ours_code),
        per_op_lines(positional),
    )
    .ok();
    writeln!(
        w,
        "| build of the {}-operation client crate alone, ours / progenitor | (none) | {:.2} ({:.1} s vs {:.1} s) | |",
        thousands(reference),
        median(&ours_build.crate_only_s) / median(&peer_build.crate_only_s),
        median(&ours_build.crate_only_s),
        median(&peer_build.crate_only_s)
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "![Generation time against operations, ours and progenitor's positional style]({plot})"
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "Written by `cargo xtask bench{}` in one run of {:.0} s at commit `{}`: our generator \
         and client against progenitor 0.15 and hand-written reqwest, measured side by side.",
        if r.quick { " --quick" } else { "" },
        r.elapsed_s,
        r.machine.commit
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "> **Noisy machine.** {} cores shared with other builds: load average {} before the \
         run and {} after. Absolute times move from run to run; the ratios compare contenders \
         measured in turns within the same minutes and are the numbers to read.",
        r.machine.cores, r.machine.load_before, r.machine.load_after
    )
    .ok();
    if r.quick {
        writeln!(w).ok();
        writeln!(
            w,
            "> **Smoke run** (`--quick`): small specs and few repetitions. Run `cargo xtask \
             bench` for the real numbers."
        )
        .ok();
    }
    writeln!(w).ok();

    let headline = Headline {
        largest: ours_largest,
        scaled: ours_scaled,
        scaling_base,
        speedup,
        speedup_largest,
        linearity,
        signing_ns,
    };
    behind(w, r, &headline);

    writeln!(w, "## 1. Synthetic specs").ok();
    writeln!(w).ok();
    writeln!(
        w,
        "`cargo xtask bench --specs-only DIR --sizes 10,100,1000,2000,5000` writes them (deterministic; \
         not committed). Each resource has five operations (list with five query parameters, \
         create with a JSON body, show, update, delete answering 204), and its own eight \
         models: nested objects, two string enums, arrays of objects and of strings, a map, a \
         password, dates, length, range and count rules. Every operation documents three \
         error answers through a shared response. Our generator reads the YAML; progenitor \
         reads the same document as JSON (it accepts our `x-` keys and ignores them)."
    )
    .ok();
    writeln!(w).ok();

    writeln!(w, "## 2. Generator: spec text to formatted Rust").ok();
    writeln!(w).ok();
    writeln!(
        w,
        "In process, file already read; each tool does what its build script does: ours is \
         `codegen::generate` (YAML → checks → IR → tokens → prettyplease); progenitor's is \
         `serde_json` → `Generator::generate_tokens` → `syn::parse2` → `prettyplease::unparse`, \
         as its README's `build.rs`. Release builds, median of {} processes taking turns \
         (each of 1–20 runs by size). Peak heap: the most bytes live at once above what the \
         process held before the run (a counting allocator); max RSS: the process's `VmHWM`.",
        r.plan.generation_rounds
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "| operations | ours (ms) | progenitor positional (ms) | progenitor / ours | ours: µs per operation | peak heap ours / progenitor (MiB) | max RSS ours / progenitor (MiB) | progenitor builder (ms, one run) |"
    )
    .ok();
    writeln!(
        w,
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    .ok();
    for &size in &sizes {
        let ours = get(Tool::Ours, size)?;
        let peer = get(Tool::ProgenitorPositional, size)?;
        let builder = get(Tool::ProgenitorBuilder, size)?;
        // A refusing tool has no numbers: its cells say so.
        let cell = |g: &Generation, value: String| match g.refused {
            Some(_) => "refused".to_string(),
            None => value,
        };
        let both = |value: String| cell(ours, cell(peer, value));
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} / {} | {} / {} | {} |",
            thousands(size),
            cell(ours, format!("{:.1}", ours.median_ms())),
            cell(peer, format!("{:.1}", peer.median_ms())),
            both(format!("{:.2}×", peer.median_ms() / ours.median_ms())),
            cell(ours, format!("{:.0}", per_op(ours) * 1e3)),
            cell(ours, mib(ours.peak_heap_bytes as f64)),
            cell(peer, mib(peer.peak_heap_bytes as f64)),
            cell(ours, mib(ours.max_rss_kib as f64 * 1024.0)),
            cell(peer, mib(peer.max_rss_kib as f64 * 1024.0)),
            cell(builder, format!("{:.1}", builder.median_ms()))
        )
        .ok();
    }
    for g in r.generation.iter().filter(|g| g.refused.is_some()) {
        writeln!(w).ok();
        writeln!(
            w,
            "{} refused the {}-operation spec: `{}`",
            g.tool.label(),
            thousands(g.size),
            g.refused.as_deref().unwrap_or_default()
        )
        .ok();
    }
    writeln!(w).ok();
    writeln!(w, "Where our time goes (one extra run per size, phase by phase through codegen's public modules; `format` re-reads the emitted code with syn and prints it with prettyplease, about what `emit` spends formatting). Each cell: total, and per operation in brackets; a phase that scales linearly keeps its per-operation cost:").ok();
    writeln!(w).ok();
    writeln!(w, "| operations | parse YAML | load | lower | emit (tokens, syn, prettyplease) | of which ≈ format |").ok();
    writeln!(w, "| ---: | ---: | ---: | ---: | ---: | ---: |").ok();
    for &size in &sizes {
        let ours = get(Tool::Ours, size)?;
        if ours.phases_ms.is_none() {
            continue;
        }
        let cell = |name: &str| {
            let ms = ours.phase_ms(name);
            format!("{ms:.1} ms ({:.0} µs)", ms * 1e3 / size as f64)
        };
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} |",
            thousands(size),
            cell("parse"),
            cell("load"),
            cell("lower"),
            cell("emit"),
            cell("format")
        )
        .ok();
    }
    writeln!(w).ok();

    writeln!(w, "## 3. Generated code").ok();
    writeln!(w).ok();
    writeln!(
        w,
        "The {}-operation spec's output, as each tool formats it (prettyplease). \"Code lines\" \
         leaves out blank lines and comments (doc comments included). Per operation = total / {}, \
         so the models are shared out over the operations.",
        thousands(reference),
        thousands(reference)
    )
    .ok();
    writeln!(w).ok();
    writeln!(w, "| generator | lines per operation | code lines per operation | bytes per operation | total lines | lines vs ours |").ok();
    writeln!(w, "| --- | ---: | ---: | ---: | ---: | ---: |").ok();
    for c in [ours_code, positional, builder] {
        writeln!(
            w,
            "| {} | {:.0} | {:.0} | {:.0} | {} | {:.2}× |",
            c.tool.label(),
            per_op_lines(c),
            c.code_lines as f64 / c.operations as f64,
            c.bytes as f64 / c.operations as f64,
            thousands(c.lines),
            c.lines as f64 / ours_code.lines as f64
        )
        .ok();
    }
    writeln!(w).ok();
    writeln!(
        w,
        "`cargo build` (dev profile, the bench workspace's defaults for both) of a crate holding \
         the {}-operation client, generated by its build script from the spec:",
        thousands(reference)
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "- **ours**: `bench/build-ours`, depending on `generated-client` (our runtime, plus its \
         three small services) and `serde`; build script runs `codegen` on the YAML."
    )
    .ok();
    writeln!(
        w,
        "- **progenitor**: `bench/build-progenitor`, depending on what progenitor's README lists \
         for generated code (`progenitor-client`, `serde`, `serde_json`, `chrono`) and the same \
         `reqwest` with the same features (rustls TLS) as our runtime; build script runs \
         progenitor (default settings: positional) on the JSON and formats with prettyplease."
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "**Cold** starts from an empty target directory, so it includes every dependency and \
         build dependency (the TLS stack dominates both). **Crate alone**: `cargo clean -p` \
         the crate, dependencies stay built: compiling and running the build script (the \
         generator at the dev profile's `opt-level` 0) and compiling the generated code. \
         **Spec touched**: the spec's modification time changes: the build script runs again \
         and the generated code is compiled again. Medians of {} builds, contenders taking turns.",
        r.plan.build_repeats
    )
    .ok();
    writeln!(w).ok();
    writeln!(
        w,
        "| client crate | cold (s) | crates compiled cold | crate alone (s) | spec touched (s) |"
    )
    .ok();
    writeln!(w, "| --- | ---: | ---: | ---: | ---: |").ok();
    for b in [ours_build, peer_build] {
        writeln!(
            w,
            "| {} | {:.1} | {} | {:.1} | {:.1} |",
            b.contender,
            b.cold_s,
            b.cold_units,
            median(&b.crate_only_s),
            median(&b.touched_s)
        )
        .ok();
    }
    writeln!(
        w,
        "| ours / progenitor | {:.2} | | {:.2} | {:.2} |",
        ours_build.cold_s / peer_build.cold_s,
        median(&ours_build.crate_only_s) / median(&peer_build.crate_only_s),
        median(&ours_build.touched_s) / median(&peer_build.touched_s)
    )
    .ok();
    writeln!(w).ok();

    writeln!(w, "## 4. Client: one call against 127.0.0.1").ok();
    writeln!(w).ok();
    writeln!(
        w,
        "DDM `create_users` (POST, a {}-byte JSON body, a JSON answer) to an axum server on \
         127.0.0.1 answering at once, from a single-threaded tokio runtime (the server has its \
         own thread). **Ours**: `generated_client::ddm::Client::create_users` (validation, \
         path encoding, serialization, auth or signing, retry loop and timeouts, tracing span \
         with no subscriber, status check, decoding). **reqwest**: hand-written code that \
         serializes its own structs, adds the same headers, signs with the same function, \
         sends, checks the status and decodes: the least a caller can do (the targets compare \
         with this). **reqwest + timeout**: the same code under `tokio::time::timeout(30 s)`, \
         as careful code would have, and as our runtime does per attempt. Before timing, the \
         server records one request of each and the run stops unless method, path, body bytes \
         and headers are the same (the date and signature aside). {} rounds; in each, every \
         contender makes {} calls in turn, the order rotating.",
        r.client["signing"]["body_bytes"]
            .as_u64()
            .unwrap_or_default(),
        r.plan.client_rounds,
        r.plan.client_batch
    )
    .ok();
    writeln!(w).ok();
    writeln!(w, "| auth | ours median (µs) | reqwest median (µs) | ours / reqwest | overhead (µs) | reqwest + timeout median (µs) | ours / (reqwest + timeout) | ours p99 (µs) | reqwest p99 (µs) | reqwest + timeout p99 (µs) | calls each |").ok();
    writeln!(
        w,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    .ok();
    for (auth, label) in [
        ("token", "token (`X-Auth-Token`)"),
        ("aksk", "AK/SK (SDK-HMAC-SHA256)"),
    ] {
        let ours = call(r, auth, "ours", "median");
        let hand = call(r, auth, "reqwest", "median");
        let careful = call(r, auth, "reqwest_timeout", "median");
        writeln!(
            w,
            "| {label} | {ours:.1} | {hand:.1} | {:.3} | {:+.1} | {careful:.1} | {:.3} | {:.1} | {:.1} | {:.1} | {} |",
            ours / hand,
            ours - hand,
            ours / careful,
            call(r, auth, "ours", "p99"),
            call(r, auth, "reqwest", "p99"),
            call(r, auth, "reqwest_timeout", "p99"),
            r.client["calls"][auth]["ours"]["samples"]
        )
        .ok();
    }
    writeln!(w).ok();
    let hashing_ns = r.client["signing"]["hashing_only"]["median"]
        .as_f64()
        .unwrap_or(f64::NAN);
    writeln!(
        w,
        "Signing alone, `generated_client::runtime::signing::huawei::sign` on the same request \
         (four headers and the body), in batches of 1,000 taking turns with the hashing any \
         signer of this scheme must do on the same inputs (SHA-256 of the {}-byte body and of \
         the {}-byte canonical request, HMAC-SHA256 of the string to sign):",
        r.client["signing"]["body_bytes"], r.client["signing"]["canonical_request_bytes"]
    )
    .ok();
    writeln!(w).ok();
    writeln!(w, "| | median (µs) | p99 of batches (µs) | batches |").ok();
    writeln!(w, "| --- | ---: | ---: | ---: |").ok();
    writeln!(
        w,
        "| `huawei::sign` | {:.2} | {:.2} | {} |",
        signing_ns / 1e3,
        r.client["signing"]["p99"].as_f64().unwrap_or(f64::NAN) / 1e3,
        r.client["signing"]["samples"]
    )
    .ok();
    writeln!(
        w,
        "| hashing only | {:.2} | {:.2} | {} |",
        hashing_ns / 1e3,
        r.client["signing"]["hashing_only"]["p99"]
            .as_f64()
            .unwrap_or(f64::NAN)
            / 1e3,
        r.client["signing"]["hashing_only"]["samples"]
    )
    .ok();
    writeln!(w).ok();

    writeln!(w, "## Machine").ok();
    writeln!(w).ok();
    writeln!(w, "| | |").ok();
    writeln!(w, "| --- | --- |").ok();
    writeln!(w, "| CPU | {} |", r.machine.cpu).ok();
    writeln!(w, "| `nproc` | {} |", r.machine.cores).ok();
    writeln!(w, "| memory | {} |", r.machine.memory).ok();
    writeln!(w, "| compiler | {} |", r.machine.rustc).ok();
    writeln!(
        w,
        "| load average (1, 5, 15 min) | {} before, {} after |",
        r.machine.load_before, r.machine.load_after
    )
    .ok();
    writeln!(w).ok();

    writeln!(w, "## Commands").ok();
    writeln!(w).ok();
    writeln!(w, "```sh").ok();
    writeln!(w, "cargo xtask bench            # everything above; writes BENCHMARKS.md (about half an hour here)").ok();
    writeln!(
        w,
        "cargo xtask bench --quick    # smoke run: small specs, few repetitions"
    )
    .ok();
    writeln!(
        w,
        "cargo xtask bench --specs-only /tmp/specs --sizes 1000   # just the synthetic specs"
    )
    .ok();
    writeln!(w).ok();
    writeln!(w, "# what it runs, one piece at a time (from bench/):").ok();
    writeln!(
        w,
        "cargo build --release --locked -p bench-gen -p bench-client"
    )
    .ok();
    writeln!(
        w,
        "target/release/bench-gen ours /tmp/specs/synthetic_1000.yaml --iterations 2 --phases"
    )
    .ok();
    writeln!(w, "target/release/bench-gen progenitor-positional /tmp/specs/synthetic_1000.json --iterations 2").ok();
    writeln!(
        w,
        "BENCH_SPEC=/tmp/specs/synthetic_1000.yaml cargo build --locked -p build-ours"
    )
    .ok();
    writeln!(
        w,
        "BENCH_SPEC=/tmp/specs/synthetic_1000.json cargo build --locked -p build-progenitor"
    )
    .ok();
    writeln!(
        w,
        "target/release/bench-client --rounds {} --batch {} --sign-batches {}",
        r.plan.client_rounds, r.plan.client_batch, r.plan.sign_batches
    )
    .ok();
    writeln!(w, "```").ok();
    Ok(out)
}
