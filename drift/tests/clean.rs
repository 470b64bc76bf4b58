//! The stored pages against the specs as committed: nothing differs, and the reader reads
//! what a person reads on each page.

use crate::support::{pages, read, specs, specs_dir};
use std::fs;

#[test]
fn the_stored_pages_agree_with_the_specs() {
    let outcome = page_drift::run(&specs_dir(), &[]);
    assert_eq!(outcome.findings, 0, "{}", outcome.report);
    assert_eq!(outcome.unreadable, 0, "{}", outcome.report);
    assert_eq!(
        (outcome.pages, outcome.operations),
        (5, 5),
        "{}",
        outcome.summary()
    );
    // The departures the spec explains are counted, not hidden.
    assert!(outcome.departures >= 3, "{}", outcome.summary());
    assert_eq!(outcome.exit_code(), 0);
}

#[test]
fn every_stored_page_is_some_operations_source() {
    let specs = specs();
    for (name, _) in pages() {
        let named = specs.iter().any(|s| {
            s.service
                .operations
                .iter()
                .any(|op| s.page_of(op).is_some_and(|(p, _)| p == name))
        });
        assert!(named, "no x-source names {name}");
    }
}

#[test]
fn reads_one_cell_per_line_tables_in_chinese() {
    let (name, text) = pages()
        .into_iter()
        .find(|(n, _)| n.contains("create-users"))
        .unwrap();
    let page = read(&name, &text);
    assert_eq!(
        (page.method.value.as_str(), page.path.value.as_str()),
        ("POST", "/v1/{project_id}/instances/{instance_id}/users")
    );
    assert_eq!(
        page.headers
            .iter()
            .map(|h| h.name.as_str())
            .collect::<Vec<_>>(),
        ["X-Auth-Token"]
    );
    let info = &page.request[1];
    let names: Vec<&str> = info.fields.iter().map(|f| f.row.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "name",
            "password",
            "base_authority",
            "extend_authority",
            "description",
            "databases"
        ]
    );
    let name_row = &info.fields[0].row;
    assert_eq!(
        (
            name_row.mandatory,
            name_row.rules.min_length.clone(),
            name_row.rules.max_length.clone()
        ),
        (Some(true), vec![6], vec![32])
    );
    assert_eq!(
        info.fields[3].row.rules.values.as_deref().unwrap(),
        ["fulltableDelete", "fulltableSelect", "fulltableUpdate"]
    );
    assert_eq!(info.fields[3].row.mandatory, Some(false));
    assert_eq!(
        page.statuses.iter().map(|s| s.value).collect::<Vec<_>>(),
        [200, 400, 500]
    );
    assert_eq!(page.examples.iter().filter(|e| e.request).count(), 1);
}

#[test]
fn reads_nested_rows_of_pipe_tables() {
    let (name, text) = pages()
        .into_iter()
        .find(|(n, _)| n.contains("ocp"))
        .unwrap();
    let page = read(&name, &text);
    let db = page.request[0]
        .fields
        .iter()
        .find(|f| f.row.name == "dbPrivileges")
        .unwrap();
    let children: Vec<&str> = db
        .children
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.row.name.as_str())
        .collect();
    assert_eq!(children, ["dbName", "privileges"]);
    let user = &page.responses[0].tables[1];
    let object = user
        .fields
        .iter()
        .find(|f| f.row.name == "objectPrivileges")
        .unwrap();
    let db_object = &object.children.as_ref().unwrap().fields[0];
    let object_type = &db_object.children.as_ref().unwrap().fields[0].row;
    assert_eq!(object_type.name, "objectType");
    assert_eq!(
        object_type.rules.values.as_deref().unwrap(),
        ["TABLE", "VIEW", "STORED_PROCEDURE"]
    );
    assert_eq!(page.params.len(), 2);
    assert!(page.statuses.is_empty(), "the page documents no status");
}

#[test]
fn reads_value_and_meaning_lists_and_example_urls() {
    let (name, text) = pages()
        .into_iter()
        .find(|(n, _)| n.contains("dws"))
        .unwrap();
    let page = read(&name, &text);
    let operation = &page.request[0].fields[0].row;
    assert_eq!(
        operation.rules.values.as_deref().unwrap(),
        ["addOmUser", "deleteOmUser", "increaseOmUserPeriod"]
    );
    assert_eq!(
        page.statuses.len(),
        7,
        "200 under its heading, then the other six of the table"
    );
    let urls: Vec<&str> = page
        .examples
        .iter()
        .filter_map(|e| e.path.as_ref())
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(urls.len(), 3);
    assert!(
        urls.iter().all(|u| u.starts_with("/dws/rest-dms/v1.0/")),
        "{urls:?}"
    );
}

#[test]
fn reads_separators_with_leading_pipes() {
    let (name, text) = pages()
        .into_iter()
        .find(|(n, _)| n.contains("admin"))
        .unwrap();
    let page = read(&name, &text);
    assert_eq!(page.params.len(), 2);
    assert_eq!(
        page.headers
            .iter()
            .map(|h| h.name.as_str())
            .collect::<Vec<_>>(),
        ["X-Auth-Token", "Content-Type"]
    );
    assert_eq!(page.request[0].fields.len(), 2);
    assert_eq!(
        page.responses.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Some(202), Some(400), Some(500)]
    );
}

/// A copy of the specs and pages to edit, in a directory of its own.
fn scratch(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("page-drift-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("pages")).unwrap();
    for entry in fs::read_dir(specs_dir())
        .unwrap()
        .chain(fs::read_dir(specs_dir().join("pages")).unwrap())
    {
        let path = entry.unwrap().path();
        if path.is_file() {
            let sub = if path.parent().unwrap().ends_with("pages") {
                "pages"
            } else {
                ""
            };
            fs::copy(&path, dir.join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn an_x_drift_entry_nothing_needs_is_a_finding() {
    let dir = scratch("stale");
    let spec = dir.join("dws.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let stale = "      x-drift:\n        - field: status 418\n          rule: status\n          page-says: absent\n          why: no longer true\n";
    fs::write(&spec, text.replacen("      x-drift:\n", stale, 1)).unwrap();
    let outcome = page_drift::run(&dir, &[]);
    assert_eq!(outcome.findings, 1, "{}", outcome.report);
    assert!(
        outcome.report.contains("`x-drift` entry for `status 418`"),
        "{}",
        outcome.report
    );
    assert_eq!(outcome.exit_code(), 1);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_x_source_naming_a_missing_page_is_refused_at_its_value() {
    let dir = scratch("missing");
    let spec = dir.join("ocp.yaml");
    let text = fs::read_to_string(&spec)
        .unwrap()
        .replace("pages/ocp-create-db-user.en.txt", "pages/ocp-gone.en.txt");
    let problems = page_drift::missing_pages(&text, &dir);
    assert_eq!(problems.len(), 1);
    let line = text
        .lines()
        .position(|l| l.contains("pages/ocp-gone.en.txt"))
        .unwrap()
        + 1;
    assert_eq!(problems[0].pos.line, line);
    assert!(
        problems[0].message.contains("pages/ocp-gone.en.txt"),
        "{}",
        problems[0].message
    );
    fs::write(&spec, text).unwrap();
    let outcome = page_drift::run(&dir, &[]);
    assert_eq!(outcome.exit_code(), 2, "{}", outcome.report);
    assert!(
        outcome.report.contains(&format!("specs/ocp.yaml:{line}:")),
        "{}",
        outcome.report
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_operation_without_a_page_is_listed() {
    let dir = scratch("nopage");
    let spec = dir.join("ocp.yaml");
    let text = fs::read_to_string(&spec).unwrap().replace(
        "\"pages/ocp-create-db-user.en.txt: ",
        "\"Create a database user: ",
    );
    fs::write(&spec, text).unwrap();
    let outcome = page_drift::run(&dir, &[]);
    // createDbUser joins the operations that have no stored page yet.
    assert!(
        outcome
            .without_page
            .contains(&"specs/ocp.yaml: createDbUser".to_string()),
        "{:?}",
        outcome.without_page
    );
    assert!(
        outcome.summary().lines().any(
            |l| l.starts_with("no stored page: ") && l.contains("specs/ocp.yaml: createDbUser")
        ),
        "{}",
        outcome.summary()
    );
    fs::remove_dir_all(dir).unwrap();
}
