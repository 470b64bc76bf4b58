//! Errors in a spec, reported the way a compiler reports errors in code: where, what, the
//! offending line with a caret under it, and a hint when one helps.

use crate::yaml::Pos;
use std::fmt;

/// Whether a problem stops generation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec is refused.
    #[default]
    Error,
    /// Accepted, but something written in the spec is not acted on (an unknown `x-` key,
    /// a `required` name with no property): said so that nothing is dropped silently.
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing wrong with a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
    pub severity: Severity,
}

impl Diagnostic {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
            hint: None,
            severity: Severity::Error,
        }
    }

    /// A located warning: accepted, but not acted on.
    pub fn warning(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Hints "did you mean `{prefix}{name}`?" when one of `candidates` is close to `word`.
    pub fn suggesting<'a>(
        self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
        prefix: &str,
    ) -> Self {
        match did_you_mean(word, candidates) {
            Some(close) => self.with_hint(format!("did you mean `{prefix}{close}`?")),
            None => self,
        }
    }
}

/// Every problem found in one spec file, in source order, with the text needed to show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    pub file: String,
    source: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: &str, source: &str, mut items: Vec<Diagnostic>) -> Self {
        for d in &mut items {
            d.pos = clamp(d.pos, source);
        }
        items.sort_by(|a, b| a.pos.cmp(&b.pos).then_with(|| a.message.cmp(&b.message)));
        items.dedup();
        Diagnostics {
            file: file.to_string(),
            source: source.to_string(),
            items,
        }
    }

    /// `file:line:column: message` for each problem, one per line: what build logs and editors parse.
    pub fn short(&self) -> String {
        self.items
            .iter()
            .map(|d| {
                let label = match d.severity {
                    Severity::Error => "",
                    Severity::Warning => "warning: ",
                };
                format!(
                    "{}:{}:{}: {label}{}",
                    self.file, d.pos.line, d.pos.column, d.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<&str> = self.source.lines().collect();
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{}: {}", d.severity.label(), d.message)?;
            let line_no = d.pos.line.to_string();
            let gutter = " ".repeat(line_no.len());
            writeln!(
                f,
                "{gutter}--> {}:{}:{}",
                self.file, d.pos.line, d.pos.column
            )?;
            if let Some(text) = d.pos.line.checked_sub(1).and_then(|i| lines.get(i)) {
                let caret_at: usize = text
                    .chars()
                    .take(d.pos.column.saturating_sub(1))
                    .map(|c| if c == '\t' { 4 } else { 1 })
                    .sum();
                let shown = text.replace('\t', "    ");
                writeln!(f, "{gutter} |")?;
                writeln!(f, "{line_no} | {shown}")?;
                let width = underline_width(text, d.pos.column);
                writeln!(
                    f,
                    "{gutter} | {}{}",
                    " ".repeat(caret_at),
                    "^".repeat(width)
                )?;
            }
            if let Some(hint) = &d.hint {
                writeln!(f, "{gutter} = hint: {hint}")?;
            }
        }
        let errors = self.items.iter().filter(|d| d.is_error()).count();
        let (n, label) = match errors {
            0 if !self.items.is_empty() => (self.items.len(), "warning"),
            n => (n, "error"),
        };
        write!(
            f,
            "\n{}: {n} {label}{} in {}",
            if n == 0 { "note" } else { label },
            if n == 1 { "" } else { "s" },
            self.file
        )
    }
}

impl std::error::Error for Diagnostics {}

/// A position on a line and column that exist in `source` (a YAML error at the end of
/// the input points just past the last character), so every message can show its line.
fn clamp(pos: Pos, source: &str) -> Pos {
    let lines: Vec<&str> = source.lines().collect();
    let line = pos.line.clamp(1, lines.len().max(1));
    let width = lines.get(line - 1).map_or(0, |l| l.chars().count());
    let column = if line < pos.line {
        width + 1
    } else {
        pos.column.clamp(1, width + 1)
    };
    Pos { line, column }
}

/// Underline the word (a key or scalar) that starts at `column`, a quoted scalar with its
/// quotes; at least one caret.
fn underline_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column.saturating_sub(1)).collect();
    if let Some(&quote) = rest.first().filter(|c| matches!(c, '\'' | '"'))
        && let Some(end) = rest[1..].iter().position(|&c| c == quote)
    {
        return end + 2;
    }
    let word = rest
        .iter()
        .take_while(|c| !matches!(c, ':' | ',' | ']' | '}' | '#') && !c.is_whitespace())
        .count();
    word.max(1)
}

/// The closest name among `candidates`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: `Thign` is one
/// edit from `Thing`, as a typo is.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Rows i-2, i-1 and i of the table of distances between prefixes.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current.push(best);
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("requried", ["required", "properties"]),
            Some("required")
        );
        assert_eq!(did_you_mean("zzz", ["required", "properties"]), None);
        assert_eq!(did_you_mean("Thign", ["Thing", "Other"]), Some("Thing"));
        assert_eq!(edit_distance("nmae", "name"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn renders_like_a_compiler() {
        let source = "a: 1\n  requried: [x]\n";
        let d = Diagnostic::new(Pos { line: 2, column: 3 }, "unknown key `requried`")
            .with_hint("did you mean `required`?");
        let text = Diagnostics::new("specs/x.yaml", source, vec![d]).to_string();
        assert!(text.contains("--> specs/x.yaml:2:3"), "{text}");
        assert!(text.contains("2 |   requried: [x]"), "{text}");
        assert!(text.contains("  |   ^^^^^^^^\n"), "{text}");
        assert!(text.contains("= hint: did you mean `required`?"), "{text}");
    }
}
