//! `cargo xtask drift [PAGE...]`: compares the stored pages (specs/pages) with their
//! operations in the specs; the work is done by the `page-drift` crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints every finding and the summary; exit 0 (nothing differs), 1 (something does) or
/// 2 (a page or spec cannot be read).
pub fn drift(root: &Path, pages: &[PathBuf], time: bool) -> ExitCode {
    let outcome = page_drift::run(&root.join("specs"), pages);
    print!("{}", outcome.report);
    println!("{}", outcome.summary());
    if time {
        println!(
            "drift: read and compared in {:.2} ms",
            outcome.elapsed.as_secs_f64() * 1000.0
        );
    }
    ExitCode::from(outcome.exit_code())
}

/// The one-paragraph summary `regen` prints after its change report.
pub fn summary(root: &Path) -> String {
    page_drift::run(&root.join("specs"), &[]).summary()
}
