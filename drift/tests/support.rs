//! The repository's specs and stored pages, and the edits the mutation suite makes.

use page_drift::{Finding, Page, SpecFile};
use std::fs;
use std::path::PathBuf;

pub fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

pub fn specs() -> Vec<SpecFile> {
    let mut paths: Vec<PathBuf> = fs::read_dir(specs_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let shown = format!("specs/{}", p.file_name().unwrap().to_str().unwrap());
            SpecFile::load(&shown, &fs::read_to_string(p).unwrap()).expect("the specs load")
        })
        .collect()
}

/// Every stored page: (`pages/<file>`, text).
pub fn pages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(specs_dir().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let name = format!("pages/{}", p.file_name().unwrap().to_str().unwrap());
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "the five seed pages are stored");
    out
}

pub fn read(name: &str, text: &str) -> Page {
    page_drift::read_page(name, text.as_bytes())
        .unwrap_or_else(|e| panic!("{name}:{}: {}", e.line, e.message))
}

pub fn findings(specs: &[SpecFile], name: &str, text: &str) -> Vec<Finding> {
    page_drift::check_page(specs, name, text.as_bytes())
        .unwrap_or_else(|e| panic!("{name}:{}: {}\n{text}", e.line, e.message))
}

/// The page's lines, each with its line ending, so edits keep the rest byte for byte.
pub fn lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_string).collect()
}

/// Replaces, in the 1-based lines `first..=last`, the first table cell that reads `from`
/// (spaces around it kept) with `to`.
pub fn replace_cell(
    text: &str,
    first: usize,
    last: usize,
    from: &[&str],
    to: &dyn Fn(&str) -> String,
) -> Option<String> {
    let mut lines = lines(text);
    for line in lines.iter_mut().take(last).skip(first - 1) {
        let cells: Vec<&str> = line.split('|').collect();
        if let Some(i) = cells.iter().position(|c| from.contains(&c.trim())) {
            let old = cells[i].trim();
            let new_cell = cells[i].replacen(old, &to(old), 1);
            let mut cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            cells[i] = new_cell;
            *line = cells.join("|");
            return Some(lines.concat());
        }
    }
    None
}

/// The lines `first..=last` (1-based) joined, and the text before and after them.
pub fn split_at_lines(text: &str, first: usize, last: usize) -> (String, String, String) {
    let lines = lines(text);
    let last = last.min(lines.len());
    (
        lines[..first - 1].concat(),
        lines[first - 1..last].concat(),
        lines[last..].concat(),
    )
}

/// Every body row of a page, nested ones too, in page order.
pub fn body_rows(page: &Page) -> Vec<&page_drift::page::Row> {
    fn walk<'a>(o: &'a page_drift::page::Object, out: &mut Vec<&'a page_drift::page::Row>) {
        for f in &o.fields {
            out.push(&f.row);
            if let Some(c) = &f.children {
                walk(c, out);
            }
        }
    }
    let mut out = Vec::new();
    for o in page
        .request
        .iter()
        .chain(page.responses.iter().flat_map(|r| r.tables.iter()))
    {
        walk(o, &mut out);
    }
    out.sort_by_key(|r| r.line);
    out
}

/// Whether a finding is about `subject` (a field matches on its last part).
pub fn about(f: &Finding, subject: &str) -> bool {
    f.subject == subject || f.subject.ends_with(&format!(".{subject}"))
}
