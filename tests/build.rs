//! Generates the kitchen-sink client (`kitchen_sink/kitchen_sink.yaml`) into `OUT_DIR`, the
//! way generated-client's build script generates the real services, so the kitchen-sink
//! tests compile and call the generator's output for every supported construct.

use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let spec = manifest.join("kitchen_sink/kitchen_sink.yaml");
    println!("cargo:rerun-if-changed={}", spec.display());
    let source = std::fs::read_to_string(&spec)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", spec.display())));
    match codegen::generate("tests/kitchen_sink/kitchen_sink.yaml", &source) {
        Ok(generated) => {
            let path = out_dir.join("kitchen_sink.rs");
            // Rewriting identical bytes would make cargo rebuild the tests for nothing.
            if std::fs::read_to_string(&path).is_ok_and(|old| old == generated.code) {
                return;
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

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
