//! Generates the kitchen-sink clients (`kitchen_sink/kitchen_sink.yaml`, the project's own
//! dialect, and `kitchen_sink/real_world*.yaml`, OpenAPI as public documents write it) into
//! `OUT_DIR`, the way generated-client's build script generates the real services, so the
//! kitchen-sink tests compile and call the generator's output for every supported construct.
//! `kitchen_sink/published*.yaml` are read as a document published elsewhere
//! (`Profile::Outside`: no `x-source`, and what OpenAPI allows but our specs must not do is
//! a warning).

use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in [
        "kitchen_sink",
        "real_world",
        "real_world_operations",
        "real_world_query_key",
        "real_world_authorization_header",
        "published",
        "published_open",
    ] {
        let spec = manifest.join(format!("kitchen_sink/{name}.yaml"));
        println!("cargo:rerun-if-changed={}", spec.display());
        let source = std::fs::read_to_string(&spec)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", spec.display())));
        let shown = format!("tests/kitchen_sink/{name}.yaml");
        let profile = if name.starts_with("published") {
            codegen::Profile::Outside
        } else {
            codegen::Profile::ProjectSpec
        };
        match codegen::generate_with(&shown, &source, profile) {
            Ok(generated) => {
                // The real-world spec warns on purpose (vendor extensions); its test checks
                // the warnings, so they are not repeated on every build.
                if !name.starts_with("real_world") && !name.starts_with("published") {
                    for line in generated.warnings.short().lines() {
                        println!("cargo:warning={line}");
                    }
                }
                let path = out_dir.join(format!("{name}.rs"));
                // Rewriting identical bytes would make cargo rebuild the tests for nothing.
                if std::fs::read_to_string(&path).is_ok_and(|old| old == generated.code) {
                    continue;
                }
                std::fs::write(&path, generated.code)
                    .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
            }
            Err(diagnostics) => {
                for line in diagnostics.to_string().lines() {
                    println!("cargo:warning={line}");
                }
                fail(&diagnostics.to_string());
            }
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
