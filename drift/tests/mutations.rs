//! The edits a docs team makes, applied by program to every stored page: each one that
//! changes what the page says must be reported, naming what changed; each one that only
//! changes the layout must not be.

use crate::support::*;
use page_drift::page::{self, HEADINGS, Heading};
use page_drift::{Finding, Page};

/// An edit: the edited page and the subject a finding must name, or `None` when the page
/// has nothing the edit applies to.
type Mutation = fn(&str, &Page) -> Option<(String, String)>;

/// An edit of the layout only.
type LayoutEdit = fn(&str) -> String;

const MUTATIONS: &[(&str, Mutation)] = &[
    ("field added", field_added),
    ("field removed", field_removed),
    ("mandatory flipped", mandatory_flipped),
    ("length changed", length_changed),
    ("value added", value_added),
    ("value removed", value_removed),
    ("type changed", type_changed),
    ("status added", status_added),
    ("status removed", status_removed),
    ("URI changed", uri_changed),
    ("method changed", method_changed),
    ("example no longer fits", example_broken),
];

/// Pages that have nothing a mutation can edit: no value list to shorten, no status to
/// drop (the OCP page documents none).
const NOT_APPLICABLE: &[(&str, &str)] = &[
    ("value removed", "pages/ddm-admin-password.en.txt"),
    ("status removed", "pages/ocp-create-db-user.en.txt"),
];

#[test]
fn every_mutation_is_reported_on_every_page() {
    let specs = specs();
    let mut failures = Vec::new();
    for (name, text) in pages() {
        let page = read(&name, &text);
        for (kind, mutate) in MUTATIONS {
            let Some((edited, subject)) = mutate(&text, &page) else {
                if !NOT_APPLICABLE.contains(&(kind, name.as_str())) {
                    failures.push(format!("{name}: `{kind}` found nothing to edit"));
                }
                continue;
            };
            let found = findings(&specs, &name, &edited);
            if !found.iter().any(|f| about(f, &subject)) {
                failures.push(format!(
                    "{name}: `{kind}` (of `{subject}`) not reported; found {:?}",
                    subjects(&found)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn layout_edits_change_nothing() {
    let specs = specs();
    let edits: &[(&str, LayoutEdit)] = &[
        ("lines re-wrapped", rewrapped),
        ("blank lines added", blank_lines_added),
        ("cells padded", cells_padded),
        ("headings translated", headings_translated),
    ];
    for (name, text) in pages() {
        let mut all = text.clone();
        for (kind, edit) in edits {
            let edited = edit(&text);
            assert_ne!(edited, text, "{name}: `{kind}` changed nothing");
            let found = findings(&specs, &name, &edited);
            assert!(
                found.is_empty(),
                "{name}: `{kind}` gave {:?}",
                subjects(&found)
            );
            all = edit(&all);
        }
        let found = findings(&specs, &name, &all);
        assert!(
            found.is_empty(),
            "{name}: all layout edits at once gave {:?}",
            subjects(&found)
        );
    }
}

#[test]
fn a_finding_names_both_places() {
    let specs = specs();
    let (name, text) = pages()
        .into_iter()
        .find(|(n, _)| n.contains("create-users"))
        .unwrap();
    let edited = text.replace("最大长度:32", "最大长度:64");
    let found = findings(&specs, &name, &edited);
    assert_eq!(subjects(&found), ["CreateDdmUsersInfo.name maxLength"]);
    let spec = specs.iter().find(|s| s.file == "specs/ddm.yaml").unwrap();
    let shown = page_drift::render::finding(
        &found[0],
        Some((&format!("specs/{name}"), &edited)),
        &spec.file,
        &spec.text,
    );
    let page_line = edited
        .lines()
        .position(|l| l.contains("最大长度:64"))
        .unwrap()
        + 1;
    assert!(
        shown.contains("the page says 64, the spec says 32"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("--> specs/{name}:{page_line}")),
        "{shown}"
    );
    let spec_line = found[0].spec_pos.line;
    assert_eq!(
        spec.text.lines().nth(spec_line - 1).map(str::trim),
        Some("maxLength: 32")
    );
    assert!(
        shown.contains(&format!("::: specs/ddm.yaml:{spec_line}:")),
        "{shown}"
    );
}

fn subjects(found: &[Finding]) -> Vec<String> {
    found
        .iter()
        .map(|f| format!("{} {}", f.subject, f.rule))
        .collect()
}

/// The first object table with two or more top-level fields.
fn object_with_two_fields(page: &Page) -> Option<&page::Object> {
    page.request
        .iter()
        .chain(page.responses.iter().flat_map(|r| r.tables.iter()))
        .find(|o| o.fields.len() >= 2)
}

fn field_added(text: &str, page: &Page) -> Option<(String, String)> {
    let object = object_with_two_fields(page)?;
    let (first, second) = (&object.fields[0].row, &object.fields[1].row);
    let (before, row, after) = split_at_lines(text, first.line, second.line - 1);
    let copy = row.replacen(&first.name, "extra_field", 1);
    Some((format!("{before}{copy}{row}{after}"), "extra_field".into()))
}

fn field_removed(text: &str, page: &Page) -> Option<(String, String)> {
    let object = object_with_two_fields(page)?;
    let (first, second) = (&object.fields[0].row, &object.fields[1].row);
    let (before, _, after) = split_at_lines(text, first.line, second.line - 1);
    Some((format!("{before}{after}"), first.name.clone()))
}

fn mandatory_flipped(text: &str, page: &Page) -> Option<(String, String)> {
    let row = body_rows(page)
        .into_iter()
        .find(|r| r.mandatory.is_some())?;
    let flip = |w: &str| match w {
        "Yes" => "No",
        "No" => "Yes",
        "是" => "否",
        _ => "是",
    };
    let edited = replace_cell(
        text,
        row.line,
        row.last_line,
        &["Yes", "No", "是", "否"],
        &|w| flip(w).to_string(),
    )?;
    Some((edited, row.name.clone()))
}

fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Adds `words` at the end of a row's last cell (before its closing `|`).
fn append_to_row(text: &str, row: &page::Row, words: &str) -> Option<String> {
    let mut lines = lines(text);
    let last = lines.get_mut(row.last_line - 1)?;
    let at = last.rfind('|')?;
    last.insert_str(at, words);
    Some(lines.concat())
}

fn length_changed(text: &str, page: &Page) -> Option<(String, String)> {
    let rows = body_rows(page);
    if let Some(row) = rows.iter().find(|r| !r.rules.max_length.is_empty()) {
        let n = row.rules.max_length[0].to_string();
        let (before, cells, after) = split_at_lines(text, row.line, row.last_line);
        return Some((
            format!("{before}{}{after}", cells.replace(&n, "64")),
            row.name.clone(),
        ));
    }
    // A page that states no length: the docs now state one.
    let row = rows.iter().find(|r| r.ty == "String")?;
    let words = if is_chinese(text) {
        " 最大长度:64 "
    } else {
        " Maximum length: 64 "
    };
    Some((append_to_row(text, row, words)?, row.name.clone()))
}

/// The first row listing two or more values, the byte range of its text, and the offsets
/// of its first two values in that text.
fn value_list(text: &str, page: &Page) -> Option<(String, String, String, usize, usize, String)> {
    let mut rows = body_rows(page);
    rows.extend(page.params.iter());
    let row = rows
        .iter()
        .find(|r| r.rules.values.as_ref().is_some_and(|v| v.len() >= 2))?;
    let values = row.rules.values.as_ref()?;
    let (before, cells, after) = split_at_lines(text, row.line, row.last_line);
    let word_at = |from: usize, w: &str| {
        cells[from..]
            .match_indices(w)
            .map(|(i, _)| from + i)
            .find(|&i| {
                let end = i + w.len();
                !cells[end..].starts_with(|c: char| c.is_ascii_alphanumeric())
                    && !cells[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
            })
    };
    let first = word_at(0, &values[0])?;
    let second = word_at(first + values[0].len(), &values[1])?;
    Some((before, cells, after, first, second, row.name.clone()))
}

fn value_added(text: &str, page: &Page) -> Option<(String, String)> {
    match value_list(text, page) {
        Some((before, cells, after, first, second, name)) => {
            let between = &cells[first
                + cells[first..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(0)..second];
            let edited = format!(
                "{before}{}extraValue{between}{}{after}",
                &cells[..first],
                &cells[first..]
            );
            Some((edited, name))
        }
        None => {
            // A page with no value list: the docs now list values for a string field.
            let row = body_rows(page).into_iter().find(|r| r.ty == "String")?;
            Some((
                append_to_row(text, row, " The value can be alpha, beta. ")?,
                row.name.clone(),
            ))
        }
    }
}

fn value_removed(text: &str, page: &Page) -> Option<(String, String)> {
    let (before, cells, after, first, second, name) = value_list(text, page)?;
    Some((
        format!("{before}{}{}{after}", &cells[..first], &cells[second..]),
        name,
    ))
}

fn type_changed(text: &str, page: &Page) -> Option<(String, String)> {
    let row = body_rows(page).into_iter().find(|r| r.ty == "String")?;
    Some((
        replace_cell(text, row.line, row.last_line, &["String"], &|_| {
            "Integer".into()
        })?,
        row.name.clone(),
    ))
}

fn status_added(text: &str, page: &Page) -> Option<(String, String)> {
    let table_row = page
        .statuses
        .iter()
        .rev()
        .find(|s| page::status_heading(text.lines().nth(s.line - 1).unwrap_or("")).is_none());
    let Some(row) = table_row else {
        let table = "\nStatus Codes\n| Status Code | Description |\n|---|---|\n| 200 | OK |\n| 418 | teapot |\n";
        return Some((format!("{text}{table}"), "status 418".into()));
    };
    // The row's lines, copied with another code.
    let (before, _, _) = split_at_lines(text, row.line, row.line);
    let rest = &text[before.len()..];
    let row_text: String = rest.split_inclusive('\n').take(2).collect();
    let copy = row_text.replacen(&row.value.to_string(), "418", 1);
    Some((format!("{before}{copy}{rest}"), "status 418".into()))
}

fn status_removed(text: &str, page: &Page) -> Option<(String, String)> {
    let status = page.statuses.last()?.value;
    // Every mention: the table's row and the sections under a `Status code:` heading.
    let mut lines = lines(text);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].clone();
        let is_heading = page::status_heading(&line) == Some(status);
        let is_row = line.trim().trim_matches('|').trim() == status.to_string()
            || line
                .split('|')
                .nth(1)
                .is_some_and(|c| c.trim() == status.to_string());
        if is_heading {
            let end = (i + 1..lines.len())
                .find(|&j| {
                    page::heading(&lines[j]).is_some() || page::status_heading(&lines[j]).is_some()
                })
                .unwrap_or(lines.len());
            lines.drain(i..end);
        } else if is_row {
            // A one-cell row is the code and its description, two lines.
            let n = if line.trim_start().starts_with('|') {
                1
            } else {
                2
            };
            lines.drain(i..(i + n).min(lines.len()));
        } else {
            i += 1;
        }
    }
    Some((lines.concat(), format!("status {status}")))
}

fn uri_changed(text: &str, page: &Page) -> Option<(String, String)> {
    let edited = text.replacen(&page.path.value, &format!("{}/extra", page.path.value), 1);
    Some((edited, "URI".into()))
}

fn method_changed(text: &str, page: &Page) -> Option<(String, String)> {
    let line = format!("{} {}", page.method.value, page.path.value);
    let other = if page.method.value == "PATCH" {
        "GET"
    } else {
        "PATCH"
    };
    Some((
        text.replacen(&line, &format!("{other} {}", page.path.value), 1),
        "method".into(),
    ))
}

fn example_broken(text: &str, page: &Page) -> Option<(String, String)> {
    let example = page
        .examples
        .iter()
        .find(|e| matches!(e.body, Some(Ok(_))))?;
    let (before, _, _) = split_at_lines(text, example.line, example.line);
    let rest = &text[before.len()..];
    // The first string value after a colon becomes a number.
    let colon = rest
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| rest[i + 1..].trim_start().starts_with('"'))?;
    let open = colon + 1 + rest[colon + 1..].find('"')?;
    let close = open + 1 + rest[open + 1..].find('"')?;
    let edited = format!("{before}{}12345{}", &rest[..open], &rest[close + 1..]);
    let subject = if example.request {
        "example request".to_string()
    } else {
        format!("example response {}", example.status.unwrap_or(200))
    };
    Some((edited, subject))
}

fn rewrapped(text: &str) -> String {
    let mut out = String::new();
    for line in lines(text) {
        let body = line.trim_end();
        // The last cell: after the `|` before the closing one.
        let closing = body.strip_suffix('|').map_or(body, |b| b);
        let cell_start = closing.rfind('|').map_or(0, |i| i + 1);
        let long = body.ends_with('|') && body.len() - cell_start > 40;
        let mut middle = cell_start + (body.len() - cell_start) / 2;
        while !body.is_char_boundary(middle) {
            middle += 1;
        }
        let split = long
            .then(|| body[middle..].find(' ').map(|i| middle + i))
            .flatten();
        match split {
            Some(at) if at < body.len() - 1 => {
                out.push_str(&body[..at]);
                out.push('\n');
                out.push_str(&line[at + 1..]);
            }
            _ => out.push_str(&line),
        }
    }
    out
}

fn blank_lines_added(text: &str) -> String {
    lines(text).iter().map(|l| format!("{l}\n")).collect()
}

fn cells_padded(text: &str) -> String {
    lines(text)
        .iter()
        .map(|l| {
            if l.contains('|') {
                format!("  {}", l.replace('|', "   |  "))
            } else {
                l.clone()
            }
        })
        .collect()
}

fn headings_translated(text: &str) -> String {
    let translate = |line: &str| -> Option<String> {
        if let Some(status) = page::status_heading(line) {
            return Some(if is_chinese(line) {
                format!("Status code: {status}")
            } else {
                format!("状态码: {status}")
            });
        }
        let t = line.trim();
        let (_, en, zh) = HEADINGS.iter().find(|(h, en, zh)| {
            *h != Heading::Other
                && en
                    .iter()
                    .chain(zh.iter())
                    .any(|w| w.eq_ignore_ascii_case(t))
        })?;
        Some(if zh.contains(&t) {
            en[0].to_string()
        } else {
            zh[0].to_string()
        })
    };
    lines(text)
        .into_iter()
        .map(|l| match translate(&l) {
            Some(t) => format!("{t}{}", if l.ends_with('\n') { "\n" } else { "" }),
            None => l,
        })
        .collect()
}
