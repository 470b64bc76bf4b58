//! The targets the report measures against, and the figures its sections share: lookups
//! into the results and number formatting.

use super::super::results::{BuildTimes, CodeSize, Generation, Results, Tool};

/// Targets the issue set; each headline row says whether this run met it.
/// Progenitor's generation time over ours, at the reference size and at the largest.
pub const GENERATION_SPEEDUP_TARGET: f64 = 3.0;
/// "Close to linear": per-operation time at the largest size at most this much above the
/// per-operation time at 100 operations.
pub const LINEARITY_TOLERANCE: f64 = 1.1;
pub const CLIENT_OVERHEAD_TARGET: f64 = 0.03;
pub const SIGNING_BUDGET_NS: f64 = 2_000.0;
/// A consumer's cold build, ours over progenitor's.
pub const COLD_BUILD_TARGET: f64 = 0.7;
/// Peak heap at the largest size, ours over progenitor's.
pub const PEAK_HEAP_TARGET: f64 = 0.3;

pub fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**not met**" }
}

pub fn generation(results: &Results, tool: Tool, size: usize) -> Option<&Generation> {
    results
        .generation
        .iter()
        .find(|g| g.tool == tool && g.size == size)
}

pub fn code(results: &Results, tool: Tool) -> Option<&CodeSize> {
    results.code.iter().find(|c| c.tool == tool)
}

pub fn build<'a>(results: &'a Results, contender: &str) -> Option<&'a BuildTimes> {
    results.builds.iter().find(|b| b.contender == contender)
}

pub fn call(results: &Results, auth: &str, who: &str, stat: &str) -> f64 {
    results.client["calls"][auth][who][stat]
        .as_f64()
        .unwrap_or(f64::NAN)
}

pub fn per_op_lines(c: &CodeSize) -> f64 {
    c.lines as f64 / c.operations as f64
}

pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn mib(bytes: f64) -> String {
    format!("{:.1}", bytes / 1024.0 / 1024.0)
}

/// The numbers the headline and the notes share.
pub struct Headline<'a> {
    /// Ours on the largest spec, which it may have refused.
    pub largest: &'a Generation,
    /// Ours on the largest spec it generated.
    pub scaled: &'a Generation,
    pub scaling_base: usize,
    pub speedup: f64,
    /// The same at the largest size.
    pub speedup_largest: f64,
    pub linearity: f64,
    pub signing_ns: f64,
}

pub fn human_bytes(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", bytes / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KiB", bytes / 1024.0)
    }
}
