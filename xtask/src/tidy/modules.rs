//! The module tree of one crate, read from its `mod` declarations (files, `#[path]`, inline
//! `mod x { … }` blocks), and the graph of which module uses which: `use` declarations and
//! paths written inline (`crate::x::y`, `super::z`, `self::w`, `child::v`), followed through
//! re-exports (`pub use`) to the module that defines the item.

use super::lexer::{Kind, Token, tokens};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

pub struct Module {
    /// `crate`, `crate::a`, `crate::a::tests`.
    pub path: String,
    pub file: PathBuf,
    pub parent: Option<usize>,
    pub children: BTreeMap<String, usize>,
    /// The module's own tokens (not those of its inline child modules).
    pub tokens: Vec<Token>,
    /// Under `#[cfg(test)]`, itself or through an ancestor.
    pub is_test: bool,
}

pub struct Crate {
    pub modules: Vec<Module>,
}

/// What a module's `use` declarations bring in.
#[derive(Default)]
struct Imports {
    /// Name in scope → the path it stands for.
    named: HashMap<String, Vec<String>>,
    /// `use path::*`.
    globs: Vec<Vec<String>>,
    /// Names of items defined here (`struct X`, `fn x`, …).
    defines: BTreeSet<String>,
}

/// Loads the crate whose root file is `root`.
pub fn load(root: &Path) -> Result<Crate, String> {
    let mut krate = Crate {
        modules: vec![Module {
            path: "crate".into(),
            file: root.to_path_buf(),
            parent: None,
            children: BTreeMap::new(),
            tokens: Vec::new(),
            is_test: false,
        }],
    };
    let dir = root.parent().unwrap_or(Path::new(".")).to_path_buf();
    load_file(&mut krate, root, 0, dir)?;
    Ok(krate)
}

fn new_module(krate: &mut Crate, parent: usize, name: &str, file: &Path, test: bool) -> usize {
    let id = krate.modules.len();
    let path = format!("{}::{name}", krate.modules[parent].path);
    let is_test = test || krate.modules[parent].is_test;
    krate.modules.push(Module {
        path,
        file: file.to_path_buf(),
        parent: Some(parent),
        children: BTreeMap::new(),
        tokens: Vec::new(),
        is_test,
    });
    krate.modules[parent].children.insert(name.to_string(), id);
    id
}

/// The index just past the `]` closing the attribute that opens at `open` (`[`).
fn attribute_end(toks: &[Token], open: usize) -> usize {
    let mut depth = 0;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t.is_punct("[") {
            depth += 1;
        } else if t.is_punct("]") {
            depth -= 1;
            if depth == 0 {
                return i + 1;
            }
        }
    }
    toks.len()
}

/// Reads `file` as the body of module `module`, whose file modules live in `child_dir`.
fn load_file(
    krate: &mut Crate,
    file: &Path,
    module: usize,
    child_dir: PathBuf,
) -> Result<(), String> {
    let text =
        fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let toks = tokens(&text);
    // Inline modules open inside the file: (module, its child dir, brace depth inside it).
    let mut stack = vec![(module, child_dir, 0usize)];
    let mut depth = 0;
    let mut path_attr: Option<String> = None;
    let mut cfg_test = false;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let (current, dir, _) = stack.last().cloned().expect("the file's module");
        if t.is_punct("#") {
            let inner = toks.get(i + 1).is_some_and(|n| n.is_punct("!"));
            let open = if inner { i + 2 } else { i + 1 };
            if toks.get(open).is_some_and(|n| n.is_punct("[")) {
                let end = attribute_end(&toks, open);
                let attr = &toks[open + 1..end.saturating_sub(1)];
                if !inner {
                    if attr.len() >= 3 && attr[0].is_ident("path") && attr[2].kind == Kind::Str {
                        path_attr = Some(attr[2].text.clone());
                    }
                    if attr.first().is_some_and(|a| a.is_ident("cfg"))
                        && attr.iter().any(|a| a.is_ident("test"))
                    {
                        cfg_test = true;
                    }
                }
                i = end;
                continue;
            }
        }
        let declares = t.is_ident("mod")
            && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Ident)
            && toks
                .get(i + 2)
                .is_some_and(|n| n.is_punct(";") || n.is_punct("{"));
        if declares {
            let name = toks[i + 1].text.clone();
            if toks[i + 2].is_punct(";") {
                let candidates = match path_attr.take() {
                    Some(p) => vec![file.parent().unwrap_or(Path::new(".")).join(p)],
                    None => vec![
                        dir.join(format!("{name}.rs")),
                        dir.join(&name).join("mod.rs"),
                    ],
                };
                // A module cfg'd out for another platform may have no file here.
                if let Some(found) = candidates.into_iter().find(|c| c.is_file()) {
                    let id = new_module(krate, current, &name, &found, cfg_test);
                    let stem_dir = if found.file_name().is_some_and(|n| n == "mod.rs") {
                        found.parent().unwrap_or(Path::new(".")).to_path_buf()
                    } else {
                        found.with_extension("")
                    };
                    load_file(krate, &found, id, stem_dir)?;
                }
            } else {
                let id = new_module(krate, current, &name, file, cfg_test);
                depth += 1;
                stack.push((id, dir.join(&name), depth));
            }
            cfg_test = false;
            path_attr = None;
            i += 3;
            continue;
        }
        if t.is_punct("{") {
            depth += 1;
        } else if t.is_punct("}") {
            if stack.len() > 1 && stack.last().is_some_and(|s| s.2 == depth) {
                stack.pop();
                depth -= 1;
                i += 1;
                continue;
            }
            depth = depth.saturating_sub(1);
        }
        // Visibility may sit between the attributes and `mod`.
        let visibility = t.is_ident("pub")
            || t.is_punct("(")
            || t.is_punct(")")
            || t.is_ident("crate")
            || t.is_ident("super")
            || t.is_ident("in");
        if !visibility {
            cfg_test = false;
            path_attr = None;
        }
        krate.modules[current].tokens.push(t.clone());
        i += 1;
    }
    Ok(())
}

/// One `use` path: its segments, and the name it brings into scope (`None` for a glob).
struct UsePath {
    segments: Vec<String>,
    name: Option<String>,
    line: usize,
}

/// Parses the use tree starting at `i`, under `prefix`; returns the index after it.
fn use_tree(toks: &[Token], mut i: usize, prefix: &[String], out: &mut Vec<UsePath>) -> usize {
    let mut segments = prefix.to_vec();
    let line = toks.get(i).map_or(0, |t| t.line);
    while let Some(t) = toks.get(i) {
        if t.is_punct("::") {
            if segments.is_empty() {
                segments.push("::".into());
            }
            i += 1;
        } else if t.is_punct("*") {
            out.push(UsePath {
                segments,
                name: None,
                line,
            });
            return i + 1;
        } else if t.is_punct("{") {
            i += 1;
            while let Some(t) = toks.get(i) {
                if t.is_punct("}") {
                    return i + 1;
                }
                if t.is_punct(",") {
                    i += 1;
                    continue;
                }
                let before = i;
                i = use_tree(toks, i, &segments, out);
                if i == before {
                    i += 1;
                }
            }
            return i;
        } else if t.kind == Kind::Ident && t.text != "as" {
            segments.push(t.text.clone());
            i += 1;
            if toks.get(i).is_some_and(|n| n.is_punct("::")) {
                continue;
            }
            let mut name = if t.text == "self" {
                segments.pop();
                segments.last().cloned()
            } else {
                Some(t.text.clone())
            };
            if toks.get(i).is_some_and(|n| n.is_ident("as")) {
                name = toks.get(i + 1).map(|n| n.text.clone());
                i += 2;
            }
            out.push(UsePath {
                segments,
                name,
                line,
            });
            return i;
        } else {
            return i;
        }
    }
    i
}

/// A path the module refers to, and the line where it first does.
pub struct Reference {
    pub segments: Vec<String>,
    pub line: usize,
}

/// The `use` paths and the inline paths of one module's tokens.
fn references(toks: &[Token]) -> (Vec<UsePath>, Vec<Reference>) {
    let mut uses = Vec::new();
    let mut inline = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_ident("pub") && toks.get(i + 1).is_some_and(|n| n.is_punct("(")) {
            // `pub(in crate::x)` names a scope, not a dependency.
            while i < toks.len() && !toks[i].is_punct(")") {
                i += 1;
            }
            i += 1;
            continue;
        }
        if t.is_ident("use") && !toks.get(i + 1).is_some_and(|n| n.is_punct("<")) {
            i = use_tree(toks, i + 1, &[], &mut uses);
            continue;
        }
        let starts_path = t.kind == Kind::Ident
            && toks.get(i + 1).is_some_and(|n| n.is_punct("::"))
            && !(i > 0 && toks[i - 1].is_punct("::"));
        if starts_path {
            let mut segments = vec![t.text.clone()];
            let mut j = i + 1;
            while toks.get(j).is_some_and(|n| n.is_punct("::"))
                && toks.get(j + 1).is_some_and(|n| n.kind == Kind::Ident)
            {
                segments.push(toks[j + 1].text.clone());
                j += 2;
            }
            inline.push(Reference {
                segments,
                line: t.line,
            });
            i = j;
            continue;
        }
        i += 1;
    }
    (uses, inline)
}

const ITEM_KEYWORDS: &[&str] = &[
    "struct",
    "enum",
    "fn",
    "trait",
    "type",
    "const",
    "static",
    "union",
    "macro_rules",
];

/// An edge of the module graph: `from` uses `to`, first at `line` of `from`'s file.
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub line: usize,
    /// The path as written, for the report.
    pub written: String,
}

/// Which module uses which.
pub fn edges(krate: &Crate) -> Vec<Edge> {
    let mut imports: Vec<Imports> = Vec::new();
    let mut all_refs = Vec::new();
    for module in &krate.modules {
        let (uses, inline) = references(&module.tokens);
        let mut own = Imports::default();
        for (i, t) in module.tokens.iter().enumerate() {
            // `macro_rules! name`: the name comes after the `!`.
            let skip = if t.is_ident("macro_rules") { 2 } else { 1 };
            let name = module
                .tokens
                .get(i + skip)
                .filter(|n| n.kind == Kind::Ident);
            if let (true, Some(name)) = (ITEM_KEYWORDS.iter().any(|k| t.is_ident(k)), name) {
                own.defines.insert(name.text.clone());
            }
        }
        for u in &uses {
            match &u.name {
                Some(name) => {
                    own.named.insert(name.clone(), u.segments.clone());
                }
                None => own.globs.push(u.segments.clone()),
            }
        }
        imports.push(own);
        let mut refs: Vec<Reference> = uses
            .into_iter()
            .map(|u| Reference {
                segments: u.segments,
                line: u.line,
            })
            .collect();
        refs.extend(inline);
        all_refs.push(refs);
    }
    let resolver = Resolver { krate, imports };
    let mut out: Vec<Edge> = Vec::new();
    let mut seen = BTreeSet::new();
    for (from, refs) in all_refs.iter().enumerate() {
        for r in refs {
            let Some((to, _)) = resolver.resolve(from, &r.segments, 0) else {
                continue;
            };
            if to != from && seen.insert((from, to)) {
                out.push(Edge {
                    from,
                    to,
                    line: r.line,
                    written: r.segments.join("::"),
                });
            }
        }
    }
    out
}

struct Resolver<'a> {
    krate: &'a Crate,
    imports: Vec<Imports>,
}

impl Resolver<'_> {
    /// The module `segments` (written in `from`) points into, and whether the whole path
    /// names a module; `None` for paths outside the crate (std, dependencies).
    fn resolve(&self, from: usize, segments: &[String], depth: usize) -> Option<(usize, bool)> {
        if depth > 16 {
            return None;
        }
        let modules = &self.krate.modules;
        let first = segments.first()?;
        let mut current = match first.as_str() {
            "crate" => 0,
            "super" => modules[from].parent?,
            "self" => from,
            name => match modules[from].children.get(name) {
                Some(&child) => child,
                None => {
                    let target = self.imports[from].named.get(name)?;
                    let (module, is_module) = self.resolve(from, target, depth + 1)?;
                    if !is_module {
                        return Some((module, false));
                    }
                    module
                }
            },
        };
        for segment in &segments[1..] {
            match segment.as_str() {
                "super" => current = modules[current].parent?,
                "self" => {}
                name => match modules[current].children.get(name) {
                    Some(&child) => current = child,
                    None => {
                        return Some(
                            self.follow(current, name, depth + 1)
                                .unwrap_or((current, false)),
                        );
                    }
                },
            }
        }
        Some((current, true))
    }

    /// Where `name`, reached as `module::name`, is defined when `module` re-exports it.
    fn follow(&self, module: usize, name: &str, depth: usize) -> Option<(usize, bool)> {
        let imports = &self.imports[module];
        if let Some(target) = imports.named.get(name) {
            return self.resolve(module, target, depth + 1);
        }
        if imports.defines.contains(name) {
            return None;
        }
        for glob in &imports.globs {
            let Some((source, true)) = self.resolve(module, glob, depth + 1) else {
                continue;
            };
            let has = self.krate.modules[source].children.contains_key(name)
                || self.imports[source].named.contains_key(name)
                || self.imports[source].defines.contains(name);
            if has && source != module {
                let path = ["self".to_string(), name.to_string()];
                return self
                    .resolve(source, &path, depth + 1)
                    .or(Some((source, false)));
            }
        }
        None
    }
}

/// A set of two or more modules that all reach one another.
pub struct Circle {
    /// Every module of the set, by id.
    pub members: Vec<usize>,
    /// One shortest circle through the set's first module (repeated at the end).
    pub path: Vec<usize>,
}

/// The import circles of the graph.
pub fn circles(module_count: usize, edges: &[Edge]) -> Vec<Circle> {
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); module_count];
    for e in edges {
        next[e.from].push(e.to);
    }
    let reach = |from: usize| -> Vec<bool> {
        let mut seen = vec![false; module_count];
        let mut todo = vec![from];
        while let Some(m) = todo.pop() {
            for &n in &next[m] {
                if !seen[n] {
                    seen[n] = true;
                    todo.push(n);
                }
            }
        }
        seen
    };
    let reaches: Vec<Vec<bool>> = (0..module_count).map(reach).collect();
    let mut assigned = vec![false; module_count];
    let mut out = Vec::new();
    for start in 0..module_count {
        if assigned[start] || !reaches[start][start] {
            continue;
        }
        let members: Vec<usize> = (0..module_count)
            .filter(|&m| reaches[start][m] && reaches[m][start])
            .collect();
        for &m in &members {
            assigned[m] = true;
        }
        let path = shortest_circle(start, &next, &members);
        out.push(Circle { members, path });
    }
    out
}

/// The shortest way from `start` back to itself inside `members` (breadth first).
fn shortest_circle(start: usize, next: &[Vec<usize>], members: &[usize]) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(m) = queue.pop_front() {
        for &n in &next[m] {
            if !members.contains(&n) || came_from.contains_key(&n) {
                continue;
            }
            came_from.insert(n, m);
            if n == start {
                let mut circle = vec![start];
                let mut at = m;
                while at != start {
                    circle.push(at);
                    at = came_from[&at];
                }
                circle.push(start);
                circle.reverse();
                return circle;
            }
            queue.push_back(n);
        }
    }
    vec![start, start]
}
