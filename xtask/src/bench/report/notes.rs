//! The notes under the headline: a paragraph for each target this run missed, with the
//! numbers that say why, and the phases that grow faster than the spec.

use super::super::results::{Generation, Results, Tool};
use super::super::synthetic;
use super::figures::*;
use std::fmt::Write as _;

/// A paragraph for each target this run missed, with the numbers that say why.
pub fn behind(w: &mut String, r: &Results, headline: &Headline) {
    let mut notes = Vec::new();
    let largest = headline.largest;
    if let Some(reason) = &largest.refused {
        let mut note = format!(
            "**{} operations: refused.** Our generator stops with `{reason}`.",
            thousands(largest.size)
        );
        if reason.contains("budget breached") {
            let nodes = synthetic::yaml_nodes(&synthetic::spec(largest.size));
            let per_operation = nodes as f64 / largest.size as f64;
            note.push_str(&format!(
                " codegen's `yaml::parse` reads with serde-saphyr's default budget, which \
                 allows 250,000 YAML nodes (maps, sequences and scalars, keys included); this \
                 spec has {} nodes, {per_operation:.0} per operation, so any spec of more than \
                 about {} such operations is refused before it is read. Progenitor has no such \
                 limit. The fix belongs in `codegen/src/yaml.rs`: raise the node budget in the \
                 options it passes (or size it from the input's length).",
                thousands(nodes),
                thousands((250_000.0 / per_operation) as usize)
            ));
        }
        notes.push(note);
    }
    let scaled = headline.scaled;
    let phase = |name: &str| scaled.phase_ms(name);
    let largest_missed = largest.refused.is_some() || largest.median_ms() >= LARGEST_SPEC_BUDGET_MS;
    if headline.speedup < GENERATION_SPEEDUP_TARGET || largest_missed {
        let total: f64 = ["parse", "load", "lower", "emit"]
            .iter()
            .map(|p| phase(p))
            .sum();
        let share = |name: &str| 100.0 * phase(name) / total;
        let bytes = |tool| {
            r.code
                .iter()
                .find(|c| c.tool == tool)
                .map_or(f64::NAN, |c| c.bytes as f64 / c.operations as f64)
        };
        let mut note = format!(
            "**Generation speed.** At {} operations our generator takes {:.0} ms (median). In \
             the phase-by-phase run: parsing the YAML {:.0}%, loading {:.0}%, lowering {:.0}%, \
             emitting {:.0}%; formatting alone (syn + prettyplease over {} of output) is \
             {:.0} ms, {:.0}% of the total. Both tools format with syn and prettyplease, whose \
             cost grows with the bytes printed; ours prints {:.2}× progenitor's bytes per \
             operation.",
            thousands(scaled.size),
            scaled.median_ms(),
            share("parse"),
            share("load"),
            share("lower"),
            share("emit"),
            human_bytes(bytes(Tool::Ours) * scaled.size as f64),
            phase("format"),
            share("format"),
            bytes(Tool::Ours) / bytes(Tool::ProgenitorPositional),
        );
        if largest_missed {
            let scale = largest.size as f64 / scaled.size as f64;
            note.push_str(&format!(
                " Scaled linearly to {} operations, this run's phases would take about {:.0} ms \
                 in all, {:.0} ms of it formatting: the {LARGEST_SPEC_BUDGET_MS:.0} ms budget \
                 needs less code per operation (more behaviour in the runtime), a faster YAML \
                 read, and formatting in parallel, not one fix.",
                thousands(largest.size),
                total * scale,
                phase("format") * scale,
            ));
        }
        notes.push(note);
    }
    if let Some(note) = superlinear_phases(r, headline) {
        notes.push(note);
    }
    if headline.linearity > LINEARITY_TOLERANCE {
        notes.push(format!(
            "**Scaling.** Time per operation grows {:.2}× from {} to {} operations: worse \
             than linear; the phase table shows which step grows fastest.",
            headline.linearity,
            thousands(headline.scaling_base),
            thousands(scaled.size)
        ));
    }
    if headline.lines_ratio > LINES_RATIO_TARGET {
        notes.push(format!(
            "**Code size.** Ours has {:.2} of progenitor's lines per operation: each model \
             carries its validation (`impl Validate`) and each field a doc comment stating its \
             rules, which progenitor does not generate.",
            headline.lines_ratio
        ));
    }
    for (auth, label) in [("token", "token"), ("aksk", "AK/SK")] {
        let ours = call(r, auth, "ours", "median");
        let hand = call(r, auth, "reqwest", "median");
        let careful = call(r, auth, "reqwest_timeout", "median");
        if ours / hand - 1.0 > CLIENT_OVERHEAD_TARGET {
            notes.push(format!(
                "**Client overhead ({label}).** Ours takes {:.1} µs more per call than bare \
                 reqwest ({:+.1}%). Putting the hand-written call under `tokio::time::timeout` \
                 alone costs {:+.1} µs (the runtime does the same for every attempt); against \
                 that careful baseline ours is {:+.1}%. The rest is the runtime's own work per \
                 call: validating the body, a tracing span (no subscriber here), the retry \
                 loop's bookkeeping, collecting headers into a `Vec<(String, String)>` and \
                 copying the body once more into the request, and reading the answer chunk by \
                 chunk before decoding (listed from the code; not timed one by one).",
                ours - hand,
                (ours / hand - 1.0) * 100.0,
                careful - hand,
                (ours / careful - 1.0) * 100.0,
            ));
        }
    }
    if headline.signing_ns >= SIGNING_BUDGET_NS {
        let hashing = r.client["signing"]["hashing_only"]["median"]
            .as_f64()
            .unwrap_or(f64::NAN);
        notes.push(format!(
            "**Signing.** {:.1} µs per request, of which the hashing the scheme requires is \
             {:.2} µs ({:.0}%). The rest is string work in `huawei::sign`: each of three \
             digests is turned into hex one byte at a time through `write!(s, \"{{b:02x}}\")`, \
             the date is parsed and re-formatted with chrono to check it, and every header, \
             the canonical request, the string to sign and the header value are fresh \
             allocations.",
            headline.signing_ns / 1e3,
            hashing / 1e3,
            100.0 * hashing / headline.signing_ns
        ));
    }
    if notes.is_empty() {
        return;
    }
    writeln!(w, "## Where we are behind, and why").ok();
    writeln!(w).ok();
    for note in notes {
        writeln!(w, "{note}").ok();
        writeln!(w).ok();
    }
}

/// Phases whose cost per operation grows by more than half from the scaling base to the
/// largest spec ours generated: quadratic work hiding in a linear total.
pub fn superlinear_phases(r: &Results, headline: &Headline) -> Option<String> {
    let base = generation(r, Tool::Ours, headline.scaling_base)?;
    let top = headline.scaled;
    let per_op = |g: &Generation, name: &str| g.phase_ms(name) * 1e3 / g.size as f64;
    let grown: Vec<String> = ["parse", "load", "lower", "emit"]
        .iter()
        .filter(|name| per_op(top, name) > 1.5 * per_op(base, name))
        .map(|name| {
            format!(
                "`{name}` {:.0} → {:.0} µs per operation ({:.1}×)",
                per_op(base, name),
                per_op(top, name),
                per_op(top, name) / per_op(base, name)
            )
        })
        .collect();
    if grown.is_empty() {
        return None;
    }
    let mut note = format!(
        "**Worse than linear, in part.** From {} to {} operations: {}. Small today, such a \
         phase is the one that will dominate bigger specs.",
        thousands(base.size),
        thousands(top.size),
        grown.join("; ")
    );
    if grown.iter().any(|g| g.starts_with("`lower`")) {
        note.push_str(
            " In `codegen/src/lower.rs` as of this run, lookups are linear scans: each \
             `$ref` is resolved by searching `components.schemas` in order, each operation's \
             id and method name are checked against every earlier operation, and named types \
             are found by searching `self.types`; with schemas, references and operations all \
             growing with the spec, that work grows with its square. Maps keyed by name \
             would make it linear.",
        );
    }
    Some(note)
}
