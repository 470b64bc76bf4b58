//! One page against one operation of a spec: method and URI, parameters, headers, status
//! codes, bodies (in `fields`) and examples (in `decode`).

use crate::Finding;
use crate::decode;
use crate::page::{Object, Page, Row};
use crate::spec::SpecFile;
use codegen::ir::{self, Auth, ParamLocation};
use codegen::yaml::Pos;

/// Collects the findings of one page against one operation.
pub struct Checker<'a> {
    pub spec: &'a SpecFile,
    pub op: &'a ir::Operation,
    pub page: &'a Page,
    pub findings: Vec<Finding>,
}

/// Every difference between `page` and `op`, before `x-drift` entries are applied.
pub fn compare(spec: &SpecFile, op: &ir::Operation, page: &Page) -> Vec<Finding> {
    let mut c = Checker {
        spec,
        op,
        page,
        findings: Vec::new(),
    };
    c.endpoint();
    c.params();
    c.headers();
    c.statuses();
    c.bodies();
    c.examples();
    c.findings
}

impl Checker<'_> {
    pub fn push(
        &mut self,
        subject: impl Into<String>,
        rule: &'static str,
        page_says: impl Into<String>,
        spec_says: impl Into<String>,
        page_line: usize,
        spec_pos: Pos,
    ) {
        self.findings.push(Finding {
            subject: subject.into(),
            rule,
            page_says: page_says.into(),
            spec_says: spec_says.into(),
            page_line,
            spec_pos,
        });
    }

    fn endpoint(&mut self) {
        let (page, op) = (self.page, self.op);
        if !page.method.value.eq_ignore_ascii_case(op.method.as_str()) {
            let pos = self.spec.operation_pos(op);
            self.push(
                "method",
                "method",
                &page.method.value,
                op.method.as_str(),
                page.method.line,
                pos,
            );
        }
        if page.path.value != op.path {
            let pos = self.spec.path_pos(op);
            self.push(
                "URI",
                "path",
                &page.path.value,
                &op.path,
                page.path.line,
                pos,
            );
        }
    }

    fn params(&mut self) {
        let (page, op) = (self.page, self.op);
        let in_uri = |p: &&ir::Param| {
            matches!(
                p.location,
                ParamLocation::Path | ParamLocation::Client | ParamLocation::Query
            )
        };
        for row in &page.params {
            match op.params.iter().filter(in_uri).find(|p| p.wire == row.name) {
                Some(param) => self.param(row, param),
                None => {
                    let pos = self.spec.operation_pos(op);
                    self.push(&row.name, "present", "listed", "absent", row.line, pos);
                }
            }
        }
        for param in op.params.iter().filter(in_uri) {
            if !page.params.iter().any(|r| r.name == param.wire) {
                let pos = self
                    .spec
                    .param_pos(op, &param.wire)
                    .unwrap_or(self.spec.operation_pos(op));
                self.push(
                    &param.wire,
                    "present",
                    "absent",
                    "declared",
                    page.path.line,
                    pos,
                );
            }
        }
    }

    fn param(&mut self, row: &Row, param: &ir::Param) {
        let pos = self
            .spec
            .param_pos(self.op, &param.wire)
            .unwrap_or(self.spec.operation_pos(self.op));
        if let Some(mandatory) = row.mandatory
            && mandatory != param.required
        {
            self.push(
                &param.wire,
                "required",
                yes_no(mandatory),
                required(param.required),
                row.line,
                pos,
            );
        }
        self.type_and_rules(
            &param.wire,
            row,
            &param.ty,
            &param.constraints,
            &ir::Constraints::default(),
            None,
            &|_| pos,
        );
    }

    fn headers(&mut self) {
        let (page, op, service) = (self.page, self.op, &self.spec.service);
        let pos = self.spec.operation_pos(op);
        for row in &page.headers {
            let name = row.name.as_str();
            let covered = if name.eq_ignore_ascii_case("Content-Type") {
                op.body.is_some()
            } else {
                let token = service.auth.iter().any(
                    |a| matches!(a, Auth::Token { header } if header.eq_ignore_ascii_case(name)),
                );
                token
                    || op.params.iter().any(|p| {
                        p.location == ParamLocation::Header && p.wire.eq_ignore_ascii_case(name)
                    })
            };
            if !covered {
                self.push(name, "present", "listed", "absent", row.line, pos);
            }
        }
        for param in op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Header)
        {
            match page
                .headers
                .iter()
                .find(|r| r.name.eq_ignore_ascii_case(&param.wire))
            {
                Some(row) => self.param(row, param),
                None => {
                    let at = self.spec.param_pos(op, &param.wire).unwrap_or(pos);
                    self.push(
                        &param.wire,
                        "present",
                        "absent",
                        "declared",
                        page.path.line,
                        at,
                    );
                }
            }
        }
    }

    /// The statuses the page documents; a page that names none documents its success.
    fn page_statuses(&self) -> Vec<(u16, usize)> {
        let mut out: Vec<(u16, usize)> = Vec::new();
        for s in &self.page.statuses {
            if !out.iter().any(|(v, _)| *v == s.value) {
                out.push((s.value, s.line));
            }
        }
        if out.is_empty() {
            out.push((200, self.page.path.line));
        }
        out
    }

    fn statuses(&mut self) {
        let op = self.op;
        let page_statuses = self.page_statuses();
        let spec_statuses: Vec<String> = op
            .success
            .iter()
            .map(u16::to_string)
            .chain(
                op.errors
                    .iter()
                    .map(|e| e.status.clone())
                    .filter(|s| s.parse::<u16>().is_ok()),
            )
            .collect();
        for (status, line) in &page_statuses {
            if !spec_statuses.contains(&status.to_string()) {
                let pos = self.spec.responses_pos(op);
                self.push(
                    format!("status {status}"),
                    "status",
                    "listed",
                    "absent",
                    *line,
                    pos,
                );
            }
        }
        let last_line = page_statuses
            .last()
            .map_or(self.page.path.line, |(_, l)| *l);
        for status in &spec_statuses {
            if !page_statuses.iter().any(|(s, _)| &s.to_string() == status) {
                let pos = self
                    .spec
                    .response_pos(op, status)
                    .unwrap_or(self.spec.responses_pos(op));
                self.push(
                    format!("status {status}"),
                    "status",
                    "absent",
                    "declared",
                    last_line,
                    pos,
                );
            }
        }
    }

    fn success(&self) -> u16 {
        self.op.success.first().copied().unwrap_or(200)
    }

    fn bodies(&mut self) {
        let (page, op, service) = (self.page, self.op, &self.spec.service);
        let body = op
            .body
            .as_ref()
            .and_then(|b| crate::shapes::struct_of(service, &b.ty));
        match (page.request.first(), body) {
            (Some(_), Some(def)) => self.objects(&page.request, def),
            (Some(first), None) => {
                let pos = self.spec.operation_pos(op);
                self.push(
                    "request body",
                    "present",
                    "listed",
                    "absent",
                    first.line,
                    pos,
                );
            }
            (None, Some(def)) => {
                let pos = self.spec.operation_pos(op);
                self.push(
                    "request body",
                    "present",
                    "absent",
                    crate::shapes::schema_name(def),
                    page.path.line,
                    pos,
                );
            }
            (None, None) => {}
        }
        for section in &page.responses {
            let status = section.status.unwrap_or_else(|| self.success());
            if !op.is_success(status) && !op.errors.iter().any(|e| e.status == status.to_string()) {
                continue; // Reported as a status on the page only.
            }
            match response_type(self.spec, op, status) {
                Some(def) => self.objects(&section.tables, def),
                None => {
                    let pos = self
                        .spec
                        .response_pos(op, &status.to_string())
                        .unwrap_or(self.spec.responses_pos(op));
                    self.push(
                        format!("response {status}"),
                        "present",
                        "fields listed",
                        "no body schema",
                        section.line,
                        pos,
                    );
                }
            }
        }
    }

    /// The first table is `root`; every other table is matched, by its field names, to the
    /// schema reachable from `root` it shares the most names with.
    fn objects(&mut self, tables: &[Object], root: &ir::TypeDef) {
        let Some((first, rest)) = tables.split_first() else {
            return;
        };
        self.object(first, root);
        let reachable = crate::shapes::reachable_structs(&self.spec.service, root);
        for table in rest {
            let best = reachable
                .iter()
                .map(|def| (crate::shapes::overlap(table, def), *def))
                .filter(|(score, _)| *score > 0.0)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((_, def)) => self.object(table, def),
                None => {
                    let names: Vec<&str> =
                        table.fields.iter().map(|f| f.row.name.as_str()).collect();
                    let pos = self
                        .spec
                        .schema(crate::shapes::schema_name(root))
                        .map_or(self.spec.operation_pos(self.op), |(k, _)| k.pos);
                    self.push(
                        format!("table of {}", names.join(", ")),
                        "present",
                        "listed",
                        "no schema with these fields",
                        table.line,
                        pos,
                    );
                }
            }
        }
    }

    fn examples(&mut self) {
        let (page, op, service) = (self.page, self.op, &self.spec.service);
        for example in &page.examples {
            if let Some(path) = &example.path
                && !fits_template(&path.value, &op.path)
            {
                let pos = self.spec.path_pos(op);
                self.push("example URL", "path", &path.value, &op.path, path.line, pos);
            }
            if let Some(method) = &example.method
                && !method.eq_ignore_ascii_case(op.method.as_str())
            {
                let pos = self.spec.operation_pos(op);
                let line = example.path.as_ref().map_or(example.line, |p| p.line);
                self.push(
                    "example request",
                    "method",
                    method,
                    op.method.as_str(),
                    line,
                    pos,
                );
            }
            let Some(body) = &example.body else { continue };
            let (subject, target) = if example.request {
                (
                    "example request".to_string(),
                    op.body.as_ref().map(|b| b.ty.clone()),
                )
            } else {
                let status = example.status.unwrap_or_else(|| self.success());
                let ty =
                    response_type(self.spec, op, status).map(|d| ir::Type::Named(d.name.clone()));
                (format!("example response {status}"), ty)
            };
            let pos = self.spec.operation_pos(op);
            match (body, target) {
                (Err(why), _) => self.push(
                    subject,
                    "decodes",
                    format!("not JSON: {why}"),
                    "JSON",
                    example.line,
                    pos,
                ),
                (Ok(value), Some(ty)) => {
                    let problems = decode::check(service, &ty, value);
                    if !problems.is_empty() {
                        self.push(
                            subject,
                            "decodes",
                            problems.join("; "),
                            ty.describe(),
                            example.line,
                            pos,
                        );
                    }
                }
                (Ok(_), None) => {
                    self.push(subject, "decodes", "a body", "no body", example.line, pos)
                }
            }
        }
    }
}

/// The type of the schema a status answers with, as the spec declares it.
fn response_type<'s>(
    spec: &'s SpecFile,
    op: &ir::Operation,
    status: u16,
) -> Option<&'s ir::TypeDef> {
    let name = spec.response_schema(op, &status.to_string())?;
    spec.service
        .types
        .iter()
        .find(|t| crate::shapes::schema_name(t) == name)
}

pub fn yes_no(b: bool) -> &'static str {
    if b { "mandatory" } else { "optional" }
}

pub fn required(b: bool) -> &'static str {
    if b { "required" } else { "optional" }
}

/// Whether an example's path is an instance of the URI template: `{x}` stands for one segment.
pub fn fits_template(path: &str, template: &str) -> bool {
    let segments = |s: &str| {
        s.trim_matches('/')
            .split('/')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (path, template) = (segments(path), segments(template));
    path.len() == template.len()
        && path
            .iter()
            .zip(&template)
            .all(|(p, t)| p == t || (t.starts_with('{') && t.ends_with('}') && !p.is_empty()))
}
