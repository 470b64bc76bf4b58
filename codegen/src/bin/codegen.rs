//! `codegen [--outside] SPEC.yaml...`: prints what the generator makes of each spec (the Rust module,
//! then the model), or its located errors. For reproducing a fuzzer's finding or a
//! determinism check without building the client; the build script and `cargo xtask regen`
//! call the library directly. `--outside` reads documents published elsewhere
//! (`Profile::Outside`: no `x-source` required); warnings go to standard error.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let profile = if files.first().is_some_and(|f| f == "--outside") {
        files.remove(0);
        codegen::Profile::Outside
    } else {
        codegen::Profile::ProjectSpec
    };
    if files.is_empty() {
        eprintln!("usage: codegen [--outside] SPEC.yaml...");
        return ExitCode::from(2);
    }
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for file in &files {
        let source = match std::fs::read(file) {
            // The generator takes text; invalid UTF-8 is shown, not refused, as an editor would.
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("error: cannot read {file}: {e}");
                failed = true;
                continue;
            }
        };
        match codegen::generate_with(file, &source, profile) {
            Ok(generated) => {
                if !generated.warnings.items.is_empty() {
                    eprintln!("{}", generated.warnings);
                }
                let written = writeln!(
                    out,
                    "{}\n{}",
                    generated.code,
                    codegen::model_text(&generated.model)
                );
                if let Err(e) = written {
                    eprintln!("error: cannot write the output: {e}");
                    return ExitCode::FAILURE;
                }
            }
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
