//! The notes under the headline: a paragraph for each target this run missed, with the
//! numbers that say why, and the phases that grow faster than the spec.

use super::super::results::{Generation, Results, Tool, median};
use super::figures::*;
use std::fmt::Write as _;

/// A paragraph for each target this run missed, with the numbers that say why.
pub fn behind(w: &mut String, r: &Results, headline: &Headline) {
    let mut notes = Vec::new();
    let largest = headline.largest;
    if let Some(reason) = &largest.refused {
        let note = format!(
            "**{} operations: refused.** Our generator stops with `{reason}`.",
            thousands(largest.size)
        );
        notes.push(note);
    }
    let scaled = headline.scaled;
    let phase = |name: &str| scaled.phase_ms(name);
    let largest_missed =
        largest.refused.is_some() || headline.speedup_largest < GENERATION_SPEEDUP_TARGET;
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
        notes.push(format!(
            "**Generation speed.** At {} operations our generator takes {:.0} ms (median, \
             formatting in parallel on the machine's cores). In the phase-by-phase run: \
             parsing the YAML {:.0}%, loading {:.0}%, lowering {:.0}%, emitting {:.0}%; \
             formatting alone, on one thread (syn + prettyplease over {} of output), takes \
             {:.0} ms. Both tools format with syn and prettyplease, whose cost grows with the \
             bytes printed; ours prints {:.2}× progenitor's bytes per operation, so printing \
             less per operation is where a speed-up would come from.",
            thousands(scaled.size),
            scaled.median_ms(),
            share("parse"),
            share("load"),
            share("lower"),
            share("emit"),
            human_bytes(bytes(Tool::Ours) * scaled.size as f64),
            phase("format"),
            bytes(Tool::Ours) / bytes(Tool::ProgenitorPositional),
        ));
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
                 call beyond the hand-written code: the call builder's boxed future, checking \
                 the body's rules, the `api_call` span (no subscriber here), the retry loop and \
                 the answer's checks (status, envelope, size limit) before decoding; this run \
                 times them together, not one by one.",
                ours - hand,
                (ours / hand - 1.0) * 100.0,
                careful - hand,
                (ours / careful - 1.0) * 100.0,
            ));
        }
    }
    if let (Some(ours), Some(peer)) = (build(r, "ours"), build(r, "progenitor"))
        && ours.cold_s / peer.cold_s > COLD_BUILD_TARGET
    {
        let alone = |b: &super::super::results::BuildTimes| median(&b.crate_only_s);
        let (alone_ours, alone_peer) = (alone(ours), alone(peer));
        let deps_ours = ours.cold_s - alone_ours;
        let deps_peer = peer.cold_s - alone_peer;
        // Which part holds the difference, read from this run's numbers.
        let verdict = if alone_ours - alone_peer >= deps_ours - deps_peer {
            "most of the difference is compiling the generated code, not the dependencies"
        } else {
            "most of the difference is in the dependencies (the runtime's own, and the \
             generator as a build dependency), not the generated code"
        };
        notes.push(format!(
            "**Consumer build.** Cold, ours takes {:.0} s against {:.0} s ({:.2}); it compiles \
             {} crates against {}. The client crate alone (dependencies built: its build \
             script, then the generated code) takes {:.0} s against {:.0} s ({:.2}); the rest \
             of a cold build, {:.0} s against {:.0} s, is the dependencies: {verdict}.",
            ours.cold_s,
            peer.cold_s,
            ours.cold_s / peer.cold_s,
            ours.cold_units,
            peer.cold_units,
            alone_ours,
            alone_peer,
            alone_ours / alone_peer,
            deps_ours,
            deps_peer,
        ));
    }
    if headline.signing_ns >= SIGNING_BUDGET_NS {
        let hashing = r.client["signing"]["hashing_only"]["median"]
            .as_f64()
            .unwrap_or(f64::NAN);
        notes.push(format!(
            "**Signing.** {:.1} µs per request, of which the hashing the scheme requires is \
             {:.2} µs ({:.0}%). The rest is building the canonical request, the string to \
             sign and the `Authorization` value around those digests; this run does not \
             time those steps one by one.",
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
    let note = format!(
        "**Worse than linear, in part.** From {} to {} operations: {}. Small today, such a \
         phase is the one that will dominate bigger specs.",
        thousands(base.size),
        thousands(top.size),
        grown.join("; ")
    );
    Some(note)
}
