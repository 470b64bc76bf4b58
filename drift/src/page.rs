//! One stored API page read into what a spec is compared with: the method and URI, the
//! parameter tables, the body and response tables, the status codes and the examples.
//!
//! Sections are found by their headings (English or Chinese); a table belongs to the
//! section it stands in. A page is read as a person reads it: words, not layout.

use crate::finding::ReadError;
use crate::rules::Rules;
use crate::table::{self, RawTable, collapse};

/// The kinds of heading the reader knows. Each has English and Chinese wordings; any of
/// them means the same section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    Uri,
    PathParameters,
    Request,
    Response,
    StatusCodes,
    ExampleRequest,
    ExampleResponse,
    Examples,
    /// A section with nothing to compare (function, constraints, error codes, ...).
    Other,
}

/// Every wording of every heading, English first, then Chinese.
pub const HEADINGS: &[(Heading, &[&str], &[&str])] = &[
    (Heading::Uri, &["URI", "Request path"], &["请求路径"]),
    (Heading::PathParameters, &["Path parameters"], &["路径参数"]),
    (
        Heading::Request,
        &["Request Parameters", "Request body parameters"],
        &["请求参数", "请求体参数"],
    ),
    (Heading::Response, &["Response Parameters"], &["响应参数"]),
    (Heading::StatusCodes, &["Status Codes"], &["状态码"]),
    (
        Heading::ExampleRequest,
        &["Example Requests", "Example Request", "Sample request"],
        &["请求示例"],
    ),
    (
        Heading::ExampleResponse,
        &["Example Responses", "Example Response", "Sample response"],
        &["响应示例"],
    ),
    (Heading::Examples, &["Examples"], &["示例"]),
    (
        Heading::Other,
        &[
            "Function",
            "Constraints",
            "Calling Method",
            "Error Codes",
            "Feedback",
            "Call description",
            "Prerequisites",
        ],
        &["功能介绍", "接口约束", "调用方法", "错误码"],
    ),
];

/// The heading `line` is, if it is one.
pub fn heading(line: &str) -> Option<Heading> {
    let t = line.trim();
    HEADINGS
        .iter()
        .find(|(_, en, zh)| {
            en.iter()
                .chain(zh.iter())
                .any(|w| w.eq_ignore_ascii_case(t))
        })
        .map(|(h, _, _)| *h)
}

/// `Status code: 200` / `状态码: 200`: the status the tables or examples below are for.
pub fn status_heading(line: &str) -> Option<u16> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    let rest = ["status code", "状态码"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
    rest.parse().ok()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub file: String,
    pub method: At<String>,
    /// The URI template, as the page writes it (`/v1/{project_id}/...`).
    pub path: At<String>,
    /// Rows of the URI's parameter tables (path and query parameters).
    pub params: Vec<Row>,
    /// Request header rows.
    pub headers: Vec<Row>,
    /// Request body tables, in page order; the first is the body itself.
    pub request: Vec<Object>,
    pub responses: Vec<ResponseSection>,
    /// The statuses the page documents (its status code table and `Status code:` headings).
    pub statuses: Vec<At<u16>>,
    pub examples: Vec<Example>,
}

/// A value and the 1-based line of the page it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub line: usize,
    pub value: T,
}

/// One row of a parameter or field table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: usize,
    /// The line the row ends on (a row may span several).
    pub last_line: usize,
    pub name: String,
    /// `None` when the table has no Mandatory column.
    pub mandatory: Option<bool>,
    pub ty: String,
    pub description: String,
    pub rules: Rules,
}

/// The fields of one object as a table gives them; nested rows (`├─`) are the fields of
/// the object their parent row holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    pub line: usize,
    pub fields: Vec<FieldRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldRow {
    pub row: Row,
    pub children: Option<Object>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResponseSection {
    /// `None` when the page names no status for it (the success answer).
    pub status: Option<u16>,
    pub line: usize,
    pub tables: Vec<Object>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub line: usize,
    pub request: bool,
    pub status: Option<u16>,
    /// The request line's method, when it has one.
    pub method: Option<String>,
    /// The request URL's path (host and query removed), and its line.
    pub path: Option<At<String>>,
    /// The body, or why it is not JSON.
    pub body: Option<Result<serde_json::Value, String>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    None,
    Uri,
    Request,
    Response,
    StatusCodes,
    ExampleRequest,
    ExampleResponse,
    Other,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH"];

/// Reads a page. Any text it cannot read as a page is an error at its line.
pub fn read(file: &str, bytes: &[u8]) -> Result<Page, ReadError> {
    let text = text_of(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::new(1, "the page is empty"));
    }
    let lines: Vec<&str> = text.lines().collect();
    let is_heading = |l: &str| heading(l).is_some() || status_heading(l).is_some();
    let tables = table::tables(&lines, &is_heading)?;
    let mut page = Page {
        file: file.to_string(),
        method: At {
            line: 0,
            value: String::new(),
        },
        path: At {
            line: 0,
            value: String::new(),
        },
        params: Vec::new(),
        headers: Vec::new(),
        request: Vec::new(),
        responses: Vec::new(),
        statuses: Vec::new(),
        examples: Vec::new(),
    };
    let mut section = Section::None;
    let mut status: Option<u16> = None;
    // A request line waiting for its body: (line, method, path).
    let mut pending_url: Option<(usize, Option<String>, String)> = None;
    let mut next_table = tables.iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        if let Some(t) = next_table.next_if(|t| t.line == i + 1) {
            place_table(&mut page, t, section, status)?;
            i = t.end;
            continue;
        }
        let line = lines[i].trim();
        let starts_section = heading(line).is_some() || status_heading(line).is_some();
        if let Some((at, method, path)) = pending_url.take_if(|_| starts_section) {
            // A request line with no body (a GET) is an example of its own.
            page.examples.push(Example {
                line: at,
                request: true,
                status: None,
                method,
                path: Some(At {
                    line: at,
                    value: path,
                }),
                body: None,
            });
        }
        if let Some(h) = heading(line) {
            section = match h {
                Heading::Uri | Heading::PathParameters => Section::Uri,
                Heading::Request => Section::Request,
                Heading::Response => Section::Response,
                Heading::StatusCodes => Section::StatusCodes,
                Heading::ExampleRequest => Section::ExampleRequest,
                Heading::ExampleResponse => Section::ExampleResponse,
                Heading::Examples => section,
                Heading::Other => Section::Other,
            };
            status = None;
        } else if let Some(s) = status_heading(line) {
            status = Some(s);
            if !page.statuses.iter().any(|known| known.value == s) {
                page.statuses.push(At {
                    line: i + 1,
                    value: s,
                });
            }
        } else if section == Section::Uri && page.path.line == 0 {
            if let Some((method, path)) = line.split_once(' ')
                && METHODS.contains(&method)
                && path.trim().starts_with('/')
            {
                page.method = At {
                    line: i + 1,
                    value: method.to_string(),
                };
                page.path = At {
                    line: i + 1,
                    value: path.trim().to_string(),
                };
            }
        } else if matches!(section, Section::ExampleRequest | Section::ExampleResponse) {
            let request = section == Section::ExampleRequest;
            let mut json_at = json_start(line);
            if let Some((method, url, rest)) = request_line(line) {
                pending_url = Some((i + 1, method, url));
                json_at = json_start(rest).map(|j| line.len() - rest.len() + j);
            }
            if let Some(start) = json_at {
                let (body, end) = json_block(
                    &lines,
                    i,
                    lines[i].len() - line.len() - trailing(lines[i]) + start,
                );
                let (method, path) = match pending_url.take() {
                    Some((at, m, p)) => (m, Some(At { line: at, value: p })),
                    None => (None, None),
                };
                page.examples.push(Example {
                    line: i + 1,
                    request,
                    status: status.filter(|_| !request),
                    method,
                    path,
                    body: Some(body),
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if let Some((at, method, path)) = pending_url {
        page.examples.push(Example {
            line: at,
            request: true,
            status: None,
            method,
            path: Some(At {
                line: at,
                value: path,
            }),
            body: None,
        });
    }
    if page.path.line == 0 {
        return Err(ReadError::new(
            1,
            "the page has no `METHOD /path` line under a URI heading",
        ));
    }
    Ok(page)
}

/// How many bytes of whitespace end the line (so `trim` offsets map back into it).
fn trailing(line: &str) -> usize {
    line.len() - line.trim_end().len()
}

/// The page's text; a page that is not UTF-8 text is refused at the first bad line.
fn text_of(bytes: &[u8]) -> Result<&str, ReadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(ReadError::new(
                line,
                "the page is not UTF-8 text (binary bytes)",
            ));
        }
    };
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        let line = 1 + text[..at].matches('\n').count();
        return Err(ReadError::new(
            line,
            "the page holds control characters (binary data)",
        ));
    }
    Ok(text)
}

/// `PUT https://host/v1/x?q=1 {...}` or `https://...`: the method, the URL's path, and what follows.
fn request_line(line: &str) -> Option<(Option<String>, String, &str)> {
    let (method, rest) = match line.split_once(' ') {
        Some((m, rest)) if METHODS.contains(&m) => (Some(m.to_string()), rest.trim_start()),
        _ => (None, line),
    };
    let (url, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let path = if let Some(without_scheme) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        without_scheme
            .find('/')
            .map_or("/", |i| &without_scheme[i..])
    } else if url.starts_with('/') && method.is_some() {
        url
    } else {
        return None;
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some((method, path.to_string(), after))
}

fn json_start(text: &str) -> Option<usize> {
    let t = text.trim_start();
    (t.starts_with('{') || t.starts_with('[')).then(|| text.len() - t.len())
}

/// The JSON value starting at byte `start` of line `first`: lines are joined until its
/// brackets close. Returns the value (or why not) and the index of the next line.
fn json_block(
    lines: &[&str],
    first: usize,
    start: usize,
) -> (Result<serde_json::Value, String>, usize) {
    let mut text = String::new();
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for (j, line) in lines.iter().enumerate().skip(first) {
        let part = if j == first {
            line.get(start..).unwrap_or("")
        } else {
            line
        };
        for (k, c) in part.char_indices() {
            text.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        let trailing_text = part[k + 1..].trim();
                        let parsed = serde_json::from_str(&text).map_err(|e| e.to_string());
                        let parsed = match parsed {
                            Ok(_) if !trailing_text.is_empty() => {
                                Err(format!("text after the JSON: `{trailing_text}`"))
                            }
                            other => other,
                        };
                        return (parsed, j + 1);
                    }
                }
                _ => {}
            }
        }
        text.push('\n');
    }
    (Err("the JSON never closes".to_string()), lines.len())
}

/// Which column holds what, from the header's words.
struct Columns {
    name: Option<usize>,
    mandatory: Option<usize>,
    ty: Option<usize>,
    description: Option<usize>,
    status: Option<usize>,
}

fn columns(header: &[String]) -> Columns {
    let find = |words: &[&str]| {
        header
            .iter()
            .position(|h| words.iter().any(|w| h.eq_ignore_ascii_case(w)))
    };
    Columns {
        name: find(&["Parameter", "Name", "参数", "参数名", "名称"]),
        mandatory: find(&["Mandatory", "Required", "是否必选", "必选"]),
        ty: find(&["Type", "参数类型", "类型"]),
        description: find(&["Description", "描述", "说明"]),
        status: find(&["Status Code", "状态码"]),
    }
}

fn place_table(
    page: &mut Page,
    t: &RawTable,
    section: Section,
    status: Option<u16>,
) -> Result<(), ReadError> {
    let cols = columns(&t.header);
    if let (Some(s), None) = (cols.status, cols.name) {
        for row in &t.rows {
            let cell = row.cells.get(s).map_or("", String::as_str);
            let code = cell
                .parse()
                .map_err(|_| ReadError::new(row.line, format!("`{cell}` is not a status code")))?;
            if !page.statuses.iter().any(|known| known.value == code) {
                page.statuses.push(At {
                    line: row.line,
                    value: code,
                });
            }
        }
        return Ok(());
    }
    let Some(name_col) = cols.name else {
        return Ok(()); // A table of something else (error codes, ...): nothing to compare.
    };
    let cell = |row: &table::RawRow, col: Option<usize>| {
        col.and_then(|c| row.cells.get(c))
            .cloned()
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for raw in &t.rows {
        let name_cell = cell(raw, Some(name_col));
        let depth = name_cell.matches("├─").count() + name_cell.matches("└─").count();
        let name = collapse(&name_cell.replace("├─", " ").replace("└─", " "));
        if name.is_empty() {
            continue;
        }
        let mandatory = match cols.mandatory {
            None => None,
            Some(_) => Some(yes_no(&cell(raw, cols.mandatory)).ok_or_else(|| {
                ReadError::new(
                    raw.line,
                    format!("`{}` is neither yes nor no", cell(raw, cols.mandatory)),
                )
            })?),
        };
        let description = cell(raw, cols.description);
        let rules = Rules::read(&description);
        let row = Row {
            line: raw.line,
            last_line: raw.last_line,
            name,
            mandatory,
            ty: cell(raw, cols.ty),
            description,
            rules,
        };
        rows.push((depth, row));
    }
    match section {
        Section::Uri => page.params.extend(rows.into_iter().map(|(_, r)| r)),
        Section::Request
            if !rows.is_empty() && rows.iter().all(|(_, r)| looks_like_header(&r.name)) =>
        {
            page.headers.extend(rows.into_iter().map(|(_, r)| r));
        }
        Section::Request => page
            .request
            .push(nest(t.line, &mut rows.into_iter().peekable(), 0)),
        Section::Response => {
            let object = nest(t.line, &mut rows.into_iter().peekable(), 0);
            match page.responses.last_mut().filter(|r| r.status == status) {
                Some(section) => section.tables.push(object),
                None => page.responses.push(ResponseSection {
                    status,
                    line: t.line,
                    tables: vec![object],
                }),
            }
        }
        _ => {}
    }
    Ok(())
}

/// Rows at `depth` become fields; deeper rows right after one become its children.
fn nest(
    line: usize,
    rows: &mut std::iter::Peekable<impl Iterator<Item = (usize, Row)>>,
    depth: usize,
) -> Object {
    let mut fields = Vec::new();
    while let Some((d, row)) = rows.next_if(|(d, _)| *d >= depth) {
        let _ = d;
        let children = rows
            .peek()
            .filter(|(next, _)| *next > depth)
            .map(|(_, first)| first.line)
            .map(|first| nest(first, rows, depth + 1));
        fields.push(FieldRow { row, children });
    }
    Object { line, fields }
}

fn yes_no(cell: &str) -> Option<bool> {
    match cell.to_ascii_lowercase().as_str() {
        "yes" | "是" | "true" | "required" | "mandatory" | "必选" => Some(true),
        "no" | "否" | "false" | "optional" | "可选" => Some(false),
        _ => None,
    }
}

/// `X-Auth-Token`, `Content-Type`: names in the form of HTTP headers.
fn looks_like_header(name: &str) -> bool {
    name.contains('-')
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}
