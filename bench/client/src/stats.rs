//! The numbers a run prints: progress on stderr, and the summary of a set of samples.

/// A progress line on stderr at every tenth of `total` (stdout carries the result).
pub(crate) fn report_progress(what: &str, done: usize, total: usize) {
    if done.is_multiple_of(total.div_ceil(10)) {
        eprintln!("bench-client: {what}, {done} of {total} done");
    }
}

/// Median and 99th percentile of `samples` (sorted here), in the samples' unit.
pub(crate) fn summary(samples: &mut [f64]) -> serde_json::Value {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    let median = if !n.is_multiple_of(2) {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    };
    let p99 = samples[((n as f64 * 0.99).ceil() as usize).clamp(1, n) - 1];
    serde_json::json!({"median": median, "p99": p99, "samples": n})
}
