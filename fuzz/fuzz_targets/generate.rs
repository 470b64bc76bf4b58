//! Any bytes, as a spec: `codegen::generate_with` must not panic (nor hang, nor overflow
//! its stack); an error must point inside the file; a success must print Rust that parses.
//! The same checks as tests/spec_mutations.rs, driven by libFuzzer's coverage feedback.
//! An input that names no `x-source` is read as an outside document (as `cargo xtask
//! corpus` reads published ones), so mutations of those reach the lowering too.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let profile = if text.contains("x-source") {
        codegen::Profile::ProjectSpec
    } else {
        codegen::Profile::Outside
    };
    match codegen::generate_with("fuzz.yaml", &text, profile) {
        Err(diagnostics) => {
            let lines: Vec<&str> = text.lines().collect();
            assert!(!diagnostics.items.is_empty(), "an error without a message");
            let rendered = diagnostics.to_string();
            for d in &diagnostics.items {
                let inside = match lines.get(d.pos.line.wrapping_sub(1)) {
                    Some(line) => (1..=line.chars().count() + 1).contains(&d.pos.column),
                    None => lines.is_empty() && d.pos.line == 1 && d.pos.column == 1,
                };
                assert!(inside, "`{}` at {:?} is outside the file", d.message, d.pos);
                assert!(rendered.contains(&format!("fuzz.yaml:{}:{}", d.pos.line, d.pos.column)));
            }
        }
        Ok(generated) => {
            if let Err(e) = syn::parse_file(&generated.code) {
                panic!("the generated code does not parse: {e}\n{}", generated.code);
            }
        }
    }
});
