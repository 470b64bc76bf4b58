//! Generates the client of the spec at `$BENCH_SPEC` (JSON) into `OUT_DIR/client.rs`, as
//! progenitor's README shows for a `build.rs` (default settings: the positional interface).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=BENCH_SPEC");
    let Ok(spec) = std::env::var("BENCH_SPEC") else {
        fail("set BENCH_SPEC to a spec file (`cargo xtask bench` does)");
    };
    println!("cargo:rerun-if-changed={spec}");
    let file =
        std::fs::File::open(&spec).unwrap_or_else(|e| fail(&format!("cannot read {spec}: {e}")));
    let document: openapiv3::OpenAPI = serde_json::from_reader(std::io::BufReader::new(file))
        .unwrap_or_else(|e| fail(&format!("{spec}: {e}")));
    let mut generator = progenitor::Generator::default();
    let tokens = generator
        .generate_tokens(&document)
        .unwrap_or_else(|e| fail(&format!("progenitor: {e}")));
    let ast = syn::parse2(tokens).unwrap_or_else(|e| fail(&format!("progenitor's output: {e}")));
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("client.rs");
    std::fs::write(&out, prettyplease::unparse(&ast))
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
