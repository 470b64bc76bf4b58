//! Turns a hand-written OpenAPI 3.0 spec into the Rust code of a typed client.
//!
//! A library with no I/O of its own: text in, text (or every located problem) out.
//!
//! ```text
//! spec text ──yaml──▶ nodes with positions ──load──▶ spec ──lower──▶ ir::Service ──emit──▶ Rust
//! ```
//!
//! `lower` takes every decision (with the graph `passes` over its type table, run once
//! each); `emit` only prints what the IR holds; `changes` compares two models.

pub mod changes;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
mod passes;
mod profile;
pub mod spec;
pub mod yaml;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use profile::Profile;

/// The result of generating one spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    /// The resolved model, for change reports and snapshots.
    pub model: ir::Service,
    /// The formatted Rust module.
    pub code: String,
    /// What the spec says that the generator accepted but does not act on, located
    /// (rendered with `warning:` labels; empty when there is none).
    pub warnings: Diagnostics,
}

/// A model and the warnings met while making it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub model: ir::Service,
    pub warnings: Diagnostics,
}

/// Reads and checks one of the project's specs ([`Profile::ProjectSpec`]). `file` is the
/// path shown in messages (`specs/ddm.yaml`); the service module is named after the file's
/// stem.
pub fn load(file: &str, source: &str) -> Result<ir::Service, Diagnostics> {
    load_with(file, source, Profile::ProjectSpec).map(|loaded| loaded.model)
}

/// Reads and checks a spec under `profile`, keeping the warnings.
pub fn load_with(file: &str, source: &str, profile: Profile) -> Result<Loaded, Diagnostics> {
    let root = match yaml::parse(source) {
        Ok(root) => root,
        Err(e) => {
            let d = Diagnostic::new(e.pos, format!("invalid YAML: {}", e.message));
            return Err(Diagnostics::new(file, source, vec![d]));
        }
    };
    let ctx = load::Ctx::with_profile(profile);
    let document = load::document(&ctx, &root);
    // The node tree is the largest thing the generator holds; nothing after `load` reads it.
    let root_pos = root.pos;
    drop(root);
    let mut problems = ctx.into_diagnostics();
    let module = module_name(file);
    if RESERVED_MODULES.contains(&module.as_str()) {
        problems.push(
            Diagnostic::new(
                root_pos,
                format!(
                    "the file name makes the module `{module}`, which the client crate already has"
                ),
            )
            .with_hint("rename the spec file"),
        );
    }
    let (service, lowering_problems) = lower::lower(&module, &document);
    problems.extend(lowering_problems);
    let (warnings, errors): (Vec<Diagnostic>, Vec<Diagnostic>) =
        problems.into_iter().partition(|d| !d.is_error());
    if errors.is_empty() {
        Ok(Loaded {
            model: service,
            warnings: Diagnostics::new(file, source, warnings),
        })
    } else {
        Err(Diagnostics::new(file, source, errors))
    }
}

/// Reads, checks and prints one of the project's specs ([`Profile::ProjectSpec`]).
pub fn generate(file: &str, source: &str) -> Result<Generated, Diagnostics> {
    generate_with(file, source, Profile::ProjectSpec)
}

/// Reads, checks and prints a spec under `profile`.
pub fn generate_with(file: &str, source: &str, profile: Profile) -> Result<Generated, Diagnostics> {
    let Loaded { model, warnings } = load_with(file, source, profile)?;
    let code = emit::emit(&model, file);
    Ok(Generated {
        model,
        code,
        warnings,
    })
}

/// Modules of the client crate beside the generated ones.
const RESERVED_MODULES: &[&str] = &["runtime"];

/// `specs/ddm.yaml` → `ddm`; a name that is not an identifier is made into one.
pub fn module_name(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("service");
    names::snake(stem, "service")
}

/// The model as stable, reviewable text (pretty JSON), as kept in snapshots.
pub fn model_text(model: &ir::Service) -> String {
    serde_json::to_string_pretty(model).unwrap_or_default()
}

/// Reads back a model written by [`model_text`].
pub fn model_from_text(text: &str) -> Result<ir::Service, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}
