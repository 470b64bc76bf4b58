//! Generates the client of the spec at `$BENCH_SPEC` (YAML) into `OUT_DIR/client.rs`, as
//! generated-client's own build script does for `specs/`.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=BENCH_SPEC");
    let Ok(spec) = std::env::var("BENCH_SPEC") else {
        fail("set BENCH_SPEC to a spec file (`cargo xtask bench` does)");
    };
    println!("cargo:rerun-if-changed={spec}");
    let source = std::fs::read_to_string(&spec)
        .unwrap_or_else(|e| fail(&format!("cannot read {spec}: {e}")));
    let generated = codegen::generate(&spec, &source).unwrap_or_else(|d| fail(&d.to_string()));
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("client.rs");
    std::fs::write(&out, generated.code)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
