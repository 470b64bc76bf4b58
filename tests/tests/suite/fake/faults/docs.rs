//! The matrix as docs/FAULTS.md shows it, rendered from the rows the test runs and
//! checked against the page.

use super::*;

// ------------------------------------------------------------------ the documented matrix

fn describe(ends: Ends) -> String {
    match ends {
        Ends::Ok => "`Ok`".into(),
        Ends::Api => "`Error::Api`".into(),
        Ends::Decode => "`Error::Decode`".into(),
        Ends::Transport => "`Error::Transport`".into(),
        Ends::Timeout(kind) => format!("`Error::Timeout` (`{kind:?}`)"),
        Ends::TooLarge => "`Error::TooLarge`".into(),
        Ends::Config => "`Error::Config` from `build()`".into(),
    }
}

fn describe_keeps(keeps: Keeps) -> &'static str {
    match keeps {
        Keeps::Answer => "status, raw body, request id",
        Keeps::PartOfAnswer => "status 200, the bytes that arrived, request id",
        Keeps::PrefixOfAnswer => "status, the first 64 KiB of the body, request id",
        Keeps::Nothing => "no answer came",
        Keeps::Success => "(success)",
    }
}

/// The matrix as the Markdown table in docs/FAULTS.md.
fn render_matrix() -> String {
    let (covered, _) = covered_operations();
    // The operations an exception is about, by the names of the generated methods.
    let names = |which: Which| {
        let names: Vec<String> = covered
            .iter()
            .filter(|(spec, op)| which.applies(spec, *op))
            .map(|(spec, _)| format!("`{}`", spec.name))
            .collect();
        names.join(", ")
    };
    let mut out = String::from(
        "| fault | ends with | attempts, POST | attempts, GET/PUT/DELETE | the error keeps | except |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for row in MATRIX {
        let ends = if row.post.ends == row.put.ends {
            describe(row.post.ends)
        } else {
            format!(
                "POST {}, GET/PUT/DELETE {}",
                describe(row.post.ends),
                describe(row.put.ends)
            )
        };
        let except: Vec<String> = row
            .except
            .iter()
            .map(|(which, outcome, why)| {
                format!(
                    "{} ({}): {}, {} attempt(s); {why}",
                    which.describe(),
                    names(*which),
                    describe(outcome.ends),
                    outcome.attempts
                )
            })
            .collect();
        out.push_str(&format!(
            "| {} | {ends} | {} | {} | {} | {} |\n",
            row.case,
            row.post.attempts,
            row.put.attempts,
            describe_keeps(row.keeps),
            if except.is_empty() {
                "".into()
            } else {
                except.join("<br>")
            },
        ));
    }
    out
}

#[test]
fn the_docs_show_the_tested_matrix() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/FAULTS.md");
    let doc = std::fs::read_to_string(&path).expect("docs/FAULTS.md is readable");
    let start =
        "<!-- matrix: generated from tests/tests/suite/fake/faults.rs, checked by its tests -->\n";
    let end = "<!-- matrix end -->";
    let shown = doc
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(table, _)| table)
        .expect("docs/FAULTS.md has the matrix markers");
    let tested = render_matrix();
    assert!(
        shown == tested,
        "docs/FAULTS.md does not show the tested matrix; replace it with:\n{tested}"
    );
}
