//! Findings printed the way spec errors are: what differs, then the page line and the spec
//! line it is about, each shown with its text, and a hint.

use crate::finding::{Finding, ReadError};
use codegen::diagnostics::{Diagnostic, Diagnostics};
use codegen::yaml::Pos;
use std::fmt::Write as _;

/// One line of what differs: `` `CreateDdmUsersInfo.name`: maxLength: the page says 64, the spec says 32 ``.
pub fn message(f: &Finding) -> String {
    match (f.rule, f.page_says.as_str(), f.spec_says.as_str()) {
        ("present" | "status", "absent", spec) => format!(
            "`{}` is in the spec ({spec}) but not on the page",
            f.subject
        ),
        ("present" | "status", page, "absent") => format!(
            "`{}` is on the page ({page}) but not in the spec",
            f.subject
        ),
        ("x-drift", ..) => format!(
            "the `x-drift` entry for `{}` ({}) matches nothing: the page no longer says `{}`",
            f.subject, f.spec_says, f.page_says
        ),
        (rule, page, spec) => format!(
            "`{}`: {rule} differs: the page says {page}, the spec says {spec}",
            f.subject
        ),
    }
}

/// The `x-drift` entry that would record the finding as a departure on purpose.
pub fn hint(f: &Finding) -> String {
    if f.rule == "x-drift" {
        return "remove the entry, or restore what the page says".to_string();
    }
    let field = f
        .subject
        .rsplit_once('.')
        .filter(|_| f.subject.contains('.') && !f.subject.starts_with("example"))
        .map_or(f.subject.as_str(), |(_, field)| field);
    let place = if field == f.subject {
        "the operation"
    } else {
        "the schema"
    };
    format!(
        "fix the spec or the page; a departure on purpose is an entry in {place}'s `x-drift`: \
         {{field: {field}, rule: {}, page-says: {}, why: ...}}",
        f.rule,
        quoted(&f.page_says)
    )
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A finding with the page line and the spec line; `page` is the page's shown name and
/// text (none for a finding that is only in the spec).
pub fn finding(
    f: &Finding,
    page: Option<(&str, &str)>,
    spec_file: &str,
    spec_text: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "drift: {}", message(f));
    if let Some((file, text)) = page.filter(|_| f.page_line > 0) {
        let _ = writeln!(out, "  --> {file}:{}", f.page_line);
        snippet(&mut out, text, f.page_line, None);
    }
    let arrow = if out.contains("-->") { ":::" } else { "-->" };
    let _ = writeln!(
        out,
        "  {arrow} {spec_file}:{}:{}",
        f.spec_pos.line, f.spec_pos.column
    );
    snippet(&mut out, spec_text, f.spec_pos.line, Some(f.spec_pos));
    let _ = writeln!(out, "   = hint: {}", hint(f));
    out
}

/// The line `line` of `text` with its number; under it a caret at `pos`'s column.
fn snippet(out: &mut String, text: &str, line: usize, pos: Option<Pos>) {
    let Some(shown) = line.checked_sub(1).and_then(|i| text.lines().nth(i)) else {
        return;
    };
    let shown = shown.trim_end().replace('\t', "    ");
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let _ = writeln!(out, "{gutter} |\n{number} | {shown}");
    if let Some(pos) = pos {
        let indent: String = shown
            .chars()
            .take(pos.column.saturating_sub(1))
            .map(|_| ' ')
            .collect();
        let word = shown
            .chars()
            .skip(pos.column.saturating_sub(1))
            .take_while(|c| !matches!(c, ':' | ' '))
            .count();
        let _ = writeln!(out, "{gutter} | {indent}{}", "^".repeat(word.max(1)));
    }
}

/// A page that cannot be read, as codegen shows a spec error: file, line, the line's text.
pub fn read_error(file: &str, bytes: &[u8], error: &ReadError) -> String {
    let text = String::from_utf8_lossy(bytes);
    let printable: String = text
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let d = Diagnostic::new(
        Pos {
            line: error.line,
            column: 1,
        },
        format!("cannot read the page: {}", error.message),
    );
    let rendered = Diagnostics::new(file, &printable, vec![d]).to_string();
    // codegen's footer counts spec errors; a page has one problem, said above.
    rendered
        .rsplit_once("\n\nerror: ")
        .map_or(rendered.clone(), |(body, _)| body.to_string())
}
