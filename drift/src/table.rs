//! The two ways the stored pages write a table.
//!
//! * Markdown pipe tables: `| a | b |` rows under a `|---|---|` separator. A row may run
//!   over several lines (a long description, an empty cell closed on the next line); it
//!   ends on a line ending in `|` once it has as many cells as the header.
//! * One cell per line: each cell ends with `|`, the header's cells are the lines just
//!   above a `---|---|` separator, and a cell without its `|` continues on the next line.
//!
//! Blank lines and spaces around cells mean nothing in either form.

use crate::finding::ReadError;
use std::collections::BTreeSet;

/// A table as written: header cells and rows of cells, with the 1-based lines they start on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawTable {
    /// The line of the first header cell.
    pub line: usize,
    pub header: Vec<String>,
    pub rows: Vec<RawRow>,
    /// 0-based index of the first line after the table.
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    pub line: usize,
    /// The 1-based line the row ends on.
    pub last_line: usize,
    /// Each cell trimmed, its lines joined with single spaces.
    pub cells: Vec<String>,
}

/// The number of columns when `line` is a `---|---|` separator.
pub fn separator_columns(line: &str) -> Option<usize> {
    let t = line.trim();
    let only_rule_chars = t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '));
    if !only_rule_chars || !t.contains("---") || !t.contains('|') {
        return None;
    }
    Some(
        t.split('|')
            .filter(|cell| cell.trim().starts_with("--") || cell.trim().starts_with(":-"))
            .count(),
    )
}

/// Where a table starts (its header) and where its separator is.
struct Start {
    header_start: usize,
    separator: usize,
    columns: usize,
    piped: bool,
}

/// Every table of a page, in order. `is_heading` says which lines are section headings: a
/// row cannot continue across one.
pub fn tables(
    lines: &[&str],
    is_heading: &dyn Fn(&str) -> bool,
) -> Result<Vec<RawTable>, ReadError> {
    let mut starts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(columns) = separator_columns(line) else {
            continue;
        };
        let previous: Vec<usize> = (0..i)
            .rev()
            .filter(|&j| !lines[j].trim().is_empty())
            .take(columns)
            .collect();
        let Some(&above) = previous.first() else {
            return Err(ReadError::new(
                i + 1,
                "a table separator with no header above it",
            ));
        };
        let piped = lines[above].trim_start().starts_with('|')
            && cell_count(lines[above].trim()) == columns;
        let header_start = if piped {
            above
        } else if previous.len() == columns
            && previous.iter().all(|&j| lines[j].trim_end().ends_with('|'))
        {
            previous[columns - 1]
        } else {
            return Err(ReadError::new(
                i + 1,
                format!(
                    "a table separator with {columns} columns, but the header above it does not have {columns} cells"
                ),
            ));
        };
        starts.push(Start {
            header_start,
            separator: i,
            columns,
            piped,
        });
    }
    let header_lines: BTreeSet<usize> = starts.iter().map(|s| s.header_start).collect();
    let mut out = Vec::new();
    for (k, start) in starts.iter().enumerate() {
        let limit = starts
            .get(k + 1)
            .map_or(lines.len(), |next| next.header_start);
        let reader = Reader {
            lines,
            limit,
            header_lines: &header_lines,
            is_heading,
        };
        let header = if start.piped {
            split_piped(lines[start.header_start].trim())
        } else {
            (start.header_start..start.separator)
                .filter(|&j| !lines[j].trim().is_empty())
                .map(|j| strip_cell(lines[j]))
                .collect()
        };
        let (rows, end) = if start.piped {
            reader.piped_rows(start.separator + 1, start.columns)?
        } else {
            reader.cell_rows(start.separator + 1, start.columns)?
        };
        out.push(RawTable {
            line: start.header_start + 1,
            header,
            rows,
            end,
        });
    }
    Ok(out)
}

struct Reader<'a> {
    lines: &'a [&'a str],
    /// Rows stop before the next table's header.
    limit: usize,
    header_lines: &'a BTreeSet<usize>,
    is_heading: &'a dyn Fn(&str) -> bool,
}

impl Reader<'_> {
    /// A line a row cannot run into: the end of the table's space, a header, a heading.
    fn stops_row(&self, j: usize) -> bool {
        j >= self.limit || self.header_lines.contains(&j) || (self.is_heading)(self.lines[j])
    }

    fn skip_blank(&self, mut j: usize) -> usize {
        while j < self.limit && self.lines[j].trim().is_empty() {
            j += 1;
        }
        j
    }

    fn cut_off(&self, row_line: usize, got: usize, columns: usize) -> ReadError {
        ReadError::new(
            row_line,
            format!("a table row is cut off: it has {got} of the header's {columns} cells"),
        )
    }

    fn piped_rows(&self, mut j: usize, columns: usize) -> Result<(Vec<RawRow>, usize), ReadError> {
        let mut rows = Vec::new();
        loop {
            j = self.skip_blank(j);
            if self.stops_row(j) || !self.lines[j].trim_start().starts_with('|') {
                return Ok((rows, j));
            }
            let row_line = j + 1;
            let mut text = self.lines[j].trim().to_string();
            j += 1;
            while !(text.ends_with('|') && cell_count(&text) >= columns) {
                if self.stops_row(j) {
                    return Err(self.cut_off(row_line, cell_count(&text), columns));
                }
                text.push(' ');
                text.push_str(self.lines[j].trim());
                j += 1;
            }
            let cells = split_piped(&text);
            if cells.len() > columns {
                return Err(ReadError::new(
                    row_line,
                    format!(
                        "a table row has {} cells, its header {columns}",
                        cells.len()
                    ),
                ));
            }
            rows.push(RawRow {
                line: row_line,
                last_line: j,
                cells,
            });
        }
    }

    fn cell_rows(&self, mut j: usize, columns: usize) -> Result<(Vec<RawRow>, usize), ReadError> {
        let mut rows = Vec::new();
        loop {
            j = self.skip_blank(j);
            // A row starts with its first cell on one line; anything else ends the table.
            if self.stops_row(j) || !self.lines[j].trim_end().ends_with('|') {
                return Ok((rows, j));
            }
            let row_line = j + 1;
            let mut cells = Vec::new();
            while cells.len() < columns {
                j = self.skip_blank(j);
                let mut cell = String::new();
                loop {
                    if self.stops_row(j) {
                        return Err(self.cut_off(row_line, cells.len(), columns));
                    }
                    let line = self.lines[j].trim();
                    j += 1;
                    if let Some(last) = line.strip_suffix('|') {
                        push_words(&mut cell, last);
                        break;
                    }
                    push_words(&mut cell, line);
                }
                cells.push(cell);
            }
            rows.push(RawRow {
                line: row_line,
                last_line: j,
                cells,
            });
        }
    }
}

/// Cells of a complete `| a | b |` row (text may hold several lines joined).
fn split_piped(text: &str) -> Vec<String> {
    let inner = text.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(collapse).collect()
}

/// How many cells a `| a | b |` text has so far.
fn cell_count(text: &str) -> usize {
    text.matches('|').count().saturating_sub(1)
}

fn strip_cell(line: &str) -> String {
    collapse(line.trim().trim_end_matches('|'))
}

fn push_words(cell: &mut String, text: &str) {
    let text = collapse(text);
    if text.is_empty() {
        return;
    }
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(&text);
}

/// Trims and turns every run of whitespace into one space: wrapping and padding mean nothing.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<RawTable>, ReadError> {
        let lines: Vec<&str> = text.lines().collect();
        tables(&lines, &|l: &str| l.trim() == "Next")
    }

    #[test]
    fn reads_one_cell_per_line() {
        let t = read("A |\nB |\n---|---|\nx |\nlong\ntext |\n\ny |\nz |\nNext\n").unwrap();
        assert_eq!(t[0].header, ["A", "B"]);
        assert_eq!(t[0].rows[0].cells, ["x", "long text"]);
        assert_eq!(t[0].rows[1].cells, ["y", "z"]);
        assert_eq!(t[0].rows[1].line, 8);
    }

    #[test]
    fn reads_pipe_rows_over_several_lines() {
        let t = read("| A | B | C |\n|---|---|---|\n| x | y | desc\n|\n| p | q | r |\nafter\n")
            .unwrap();
        assert_eq!(t[0].rows[0].cells, ["x", "y", "desc"]);
        assert_eq!(t[0].rows[1].cells, ["p", "q", "r"]);
        assert_eq!(t[0].end, 5);
    }

    #[test]
    fn a_row_cut_off_is_located() {
        let err = read("A |\nB |\n---|---|\nx |\ny |\nz |\n").unwrap_err();
        assert_eq!(err.line, 6);
        let err = read("A |\nB |\nC |\n---|---|---|\nx |\ny |\nNext\n").unwrap_err();
        assert_eq!(err.line, 5);
        assert!(
            err.message.contains("2 of the header's 3"),
            "{}",
            err.message
        );
    }
}
