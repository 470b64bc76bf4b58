//! A bounded, deterministic fuzz run inside `cargo test` (the cargo-fuzz target in `fuzz/`
//! explores further, given a nightly toolchain). Every spec the project has — the services,
//! the kitchen sink and the error corpus — is mutated the ways a person's edit or a broken
//! file would: truncations, byte flips, lines deleted, doubled, swapped or re-indented, keys
//! swapped, odd values and reserved names dropped in. For each case the generator must not
//! panic; an error must point inside the file; a success must use only valid identifiers and
//! print Rust that parses.

use std::path::{Path, PathBuf};

/// Cases per run: a few thousand keeps the test well under 30 s in a debug build.
const CASES: usize = 3000;

/// xorshift64*: a fixed seed makes every run the same cases, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

struct Seed {
    name: String,
    text: String,
    /// From the error corpus: refused as it is.
    broken: bool,
    /// The published kitchen sink is read as an outside document; the rest as specs of ours.
    profile: codegen::Profile,
}

/// Every spec of the project.
fn seeds() -> Vec<Seed> {
    let root = root();
    let mut good = yaml_files(&root.join("specs"));
    good.extend(yaml_files(&root.join("tests/kitchen_sink")));
    let broken = yaml_files(&root.join("tests/spec_errors"));
    let read = |path: PathBuf, broken: bool| Seed {
        name: path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string(),
        text: std::fs::read_to_string(&path).expect("spec is readable"),
        broken,
        profile: if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("published"))
        {
            codegen::Profile::Outside
        } else {
            codegen::Profile::ProjectSpec
        },
    };
    let mut seeds: Vec<Seed> = good.into_iter().map(|p| read(p, false)).collect();
    seeds.extend(broken.into_iter().map(|p| read(p, true)));
    seeds
}

/// Values that stress the reader: other YAML types, anchors and tags, huge numbers,
/// non-ASCII text, names that are Rust keywords or names the generated code uses.
const ODD_VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "true",
    "no",
    ".inf",
    "-.inf",
    ".nan",
    "-1",
    "0",
    "1e400",
    "99999999999999999999999",
    "[",
    "{",
    "]",
    "}",
    "*anchor",
    "&anchor x",
    "!!binary aGk=",
    "!custom x",
    "'",
    "\"",
    "\t",
    "名前",
    "ünïcödé",
    "{a: [b, {c: d}]}",
    // `pattern` values: ECMA-262 with lookaround, and ones that do not compile.
    "'^(?=.*[0-9]).{8,}$'",
    "'[a-'",
    "'(?<'",
    "uint64",
    "int128",
    "x-order",
    "x-requries",
    "[1, 2, 3]",
    "[]",
    "{}",
    "type",
    "self",
    "Self",
    "ref",
    "match",
    "crate",
    "_",
    "__",
    "9lives",
    "Client",
    "String",
    "Option",
    "builder",
    "runtime",
    "path",
    "request",
    "body",
    "rt",
    "Unknown",
    "'#/components/schemas/Thing'",
    "'#/components/schemas/'",
    "'#/'",
    "'#'",
    "$ref",
    "allOf",
    "oneOf",
    "object",
    "array",
    "string",
    "integer",
    "x-source",
    "{x}",
    "/{x}/{x}",
    "'{'",
    "'}'",
    "a b",
    "a\\u0000b",
    "|\n  block",
    ">\n  folded",
    "<<: *anchor",
    // Schema keys and values: unions, discriminators, formats, counts, written values.
    "anyOf",
    "discriminator",
    "{propertyName: kind}",
    "{propertyName: kind, mapping: {a: Thing, b: '#/components/schemas/Nope'}}",
    "[{type: string}, {type: integer}]",
    "[{$ref: '#/components/schemas/Thing'}, {type: object}]",
    "date",
    "uuid",
    "byte",
    "binary",
    "multipleOf",
    "maxProperties",
    "minProperties",
    "0.1",
    "[1, null]",
    "[a, null]",
    "{type: integer, enum: [1, -2]}",
    "default",
    "example",
    "{additionalProperties: {type: integer}, properties: {a: {type: string}}}",
    "{allOf: [{type: string}, {maxLength: 3}]}",
    "{type: array}",
];

fn lines_of(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The key of a `key: value` line, without its indentation.
fn key_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let (key, _) = trimmed.split_once(':')?;
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let lines = lines_of(text);
    let line_at = |rng: &mut Rng| rng.below(lines.len());
    match rng.below(10) {
        // Truncate (a file cut short by a failed write).
        0 => {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text[..at].to_string()
        }
        // Flip one bit of one byte (possibly breaking UTF-8, shown as U+FFFD).
        1 => {
            let mut bytes = text.as_bytes().to_vec();
            if !bytes.is_empty() {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        // Delete, double or swap lines.
        2 if !lines.is_empty() => {
            let at = line_at(rng);
            let mut out = lines.clone();
            out.remove(at);
            out.concat()
        }
        3 if !lines.is_empty() => {
            let at = line_at(rng);
            let mut out = lines.clone();
            out.insert(at, lines[at]);
            out.concat()
        }
        4 if lines.len() > 1 => {
            let (a, b) = (line_at(rng), line_at(rng));
            let mut out = lines.clone();
            out.swap(a, b);
            out.concat()
        }
        // Re-indent a line by one or two spaces either way.
        5 if !lines.is_empty() => {
            let at = line_at(rng);
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            match rng.below(4) {
                0 => out[at].insert(0, ' '),
                1 => out[at].insert_str(0, "  "),
                _ => {
                    let trimmed = out[at].strip_prefix("  ").or(out[at].strip_prefix(' '));
                    if let Some(t) = trimmed {
                        out[at] = t.to_string();
                    }
                }
            }
            out.concat()
        }
        // Put the key of one line on another line.
        6 => {
            let keyed: Vec<usize> = (0..lines.len())
                .filter(|&i| key_of(lines[i]).is_some())
                .collect();
            if keyed.len() < 2 {
                return text.to_string();
            }
            let (a, b) = (*rng.pick(&keyed), *rng.pick(&keyed));
            let (key_a, key_b) = (key_of(lines[a]).unwrap(), key_of(lines[b]).unwrap());
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[a] = lines[a].replacen(key_a, key_b, 1);
            out.concat()
        }
        // Replace the value of a `key: value` line with an odd one.
        7 => {
            let at = line_at(rng);
            let Some(line) = lines.get(at) else {
                return text.to_string();
            };
            let Some((head, _)) = line.split_once(": ") else {
                return text.to_string();
            };
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[at] = format!("{head}: {}\n", rng.pick(ODD_VALUES));
            out.concat()
        }
        // Replace a key with an odd one.
        8 => {
            let at = line_at(rng);
            let Some(key) = lines.get(at).and_then(|l| key_of(l)) else {
                return text.to_string();
            };
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let odd: &&str = rng.pick(ODD_VALUES);
            out[at] = lines[at].replacen(key, odd, 1);
            out.concat()
        }
        // Insert an odd value anywhere.
        _ => {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            format!("{}{}{}", &text[..at], rng.pick(ODD_VALUES), &text[at..])
        }
    }
}

/// Every Rust name the model chose, with what it names.
fn model_names(model: &codegen::ir::Service) -> Vec<(String, String)> {
    use codegen::ir::TypeKind;
    let mut names = vec![("module".to_string(), model.module.clone())];
    for t in &model.types {
        names.push(("type".into(), t.name.clone()));
        match &t.kind {
            TypeKind::Struct { fields, .. } => {
                names.extend(fields.iter().map(|f| ("field".into(), f.name.clone())));
            }
            TypeKind::Enum { variants } => {
                names.extend(variants.iter().map(|v| ("variant".into(), v.name.clone())));
            }
            TypeKind::IntEnum { variants } => {
                names.extend(variants.iter().map(|v| ("variant".into(), v.name.clone())));
            }
            TypeKind::Union { arms, .. } => {
                names.extend(arms.iter().map(|a| ("variant".into(), a.name.clone())));
            }
            TypeKind::Alias { .. } => {}
        }
    }
    for op in &model.operations {
        names.push(("method".into(), op.name.clone()));
        names.extend(
            op.params
                .iter()
                .map(|p| ("parameter".into(), p.name.clone())),
        );
    }
    names
}

/// What the generator made of one input that passed the checks.
#[derive(Debug, PartialEq)]
enum Outcome {
    Generated,
    Refused,
}

/// Checks one input; `Err` says what is wrong.
fn check(file: &str, text: &str, profile: codegen::Profile) -> Result<Outcome, String> {
    let outcome = std::panic::catch_unwind(|| codegen::generate_with(file, text, profile));
    match outcome {
        Err(_) => Err("the generator panicked".into()),
        Ok(Err(diagnostics)) => {
            let lines: Vec<&str> = text.lines().collect();
            if diagnostics.items.is_empty() {
                return Err("an error without a message".into());
            }
            let rendered = diagnostics.to_string();
            for d in &diagnostics.items {
                let line = lines.get(d.pos.line.wrapping_sub(1)).copied();
                let inside = match line {
                    Some(l) => (1..=l.chars().count() + 1).contains(&d.pos.column),
                    None => lines.is_empty() && d.pos.line == 1 && d.pos.column == 1,
                };
                let located = rendered.contains(&format!("{file}:{}:{}", d.pos.line, d.pos.column));
                if !inside || !located {
                    return Err(format!(
                        "`{}` at {}:{} is not inside the file",
                        d.message, d.pos.line, d.pos.column
                    ));
                }
            }
            Ok(Outcome::Refused)
        }
        Ok(Ok(generated)) => {
            for (what, name) in model_names(&generated.model) {
                if !codegen::names::is_identifier(&name) {
                    return Err(format!("the {what} name `{name}` is not a Rust identifier"));
                }
            }
            syn::parse_file(&generated.code)
                .map_err(|e| format!("the generated code does not parse: {e}"))?;
            Ok(Outcome::Generated)
        }
    }
}

/// Writes a failing input where a person can reproduce it with `codegen <file>`.
fn keep(text: &str, case: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!("spec-mutation-{case}.yaml"));
    let _ = std::fs::write(&path, text);
    path
}

#[test]
fn mutated_specs_never_panic_and_errors_are_located() {
    let seeds = seeds();
    assert!(seeds.len() > 30, "the seeds include the error corpus");
    let mut rng = Rng(0x5eed_0fc0_de6e_4e01);
    let good: Vec<&Seed> = seeds.iter().filter(|s| !s.broken).collect();
    let mut failures = Vec::new();
    let mut generated = 0;
    for case in 0..CASES {
        // Half the cases start from a spec that generates, so mutations reach the later
        // stages and not only the reader.
        let seed = if rng.below(2) == 0 {
            rng.pick(&good)
        } else {
            rng.pick(&seeds)
        };
        let name = &seed.name;
        let mut text = seed.text.clone();
        for _ in 0..1 + rng.below(3) {
            text = mutate(&mut rng, &text);
        }
        let file = format!("mutated/{name}");
        match check(&file, &text, seed.profile) {
            Ok(Outcome::Generated) => generated += 1,
            Ok(Outcome::Refused) => {}
            Err(why) => failures.push(format!(
                "case {case} ({name}): {why}; input kept in {}",
                keep(&text, case).display()
            )),
        }
    }
    let refused = CASES - generated - failures.len();
    eprintln!("{CASES} cases: {generated} generated, {refused} refused");
    // Both paths must be exercised, or the mutations are too weak (or too strong) to test much.
    assert!(
        generated > CASES / 20,
        "only {generated} mutated specs still generated"
    );
    assert!(
        refused > CASES / 2,
        "only {refused} mutated specs were refused"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_seed_passes_the_same_checks_unmutated() {
    for seed in seeds() {
        let expected = if seed.broken {
            Outcome::Refused
        } else {
            Outcome::Generated
        };
        match check(&seed.name, &seed.text, seed.profile) {
            Ok(outcome) => assert_eq!(outcome, expected, "{}", seed.name),
            Err(why) => panic!("{}: {why}", seed.name),
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for text in [
        format!("openapi: {}{}", "[".repeat(20_000), "]".repeat(20_000)),
        format!("openapi: {}", "{a: ".repeat(20_000)),
        (0..3_000)
            .map(|depth| format!("{}k{depth}:\n", " ".repeat(depth)))
            .collect::<String>(),
    ] {
        assert_eq!(
            check("deep.yaml", &text, codegen::Profile::ProjectSpec),
            Ok(Outcome::Refused)
        );
    }
}
