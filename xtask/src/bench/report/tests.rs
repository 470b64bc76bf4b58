//! The report from results shaped like a real run's (the numbers of the 2026-12-01 run):
//! every target gets its row and its verdict, and the notes explain the misses.

use super::super::results::*;
use super::render;
use serde_json::json;

fn generation(tool: Tool, size: usize, ms: f64, heap_mib: u64) -> Generation {
    let phases = (tool == Tool::Ours).then(|| {
        ["parse", "load", "lower", "emit", "format"]
            .iter()
            .map(|p| (p.to_string(), ms / 5.0))
            .collect()
    });
    Generation {
        tool,
        size,
        times_ms: vec![ms],
        peak_heap_bytes: heap_mib * 1024 * 1024,
        max_rss_kib: heap_mib * 1024,
        phases_ms: phases,
        refused: None,
    }
}

fn results() -> Results {
    let mut generation_results = Vec::new();
    for (size, ours, peer) in [
        (100, 97.0, 140.9),
        (1000, 1484.1, 2715.5),
        (5000, 8204.1, 12420.3),
    ] {
        generation_results.push(generation(Tool::Ours, size, ours, size as u64 / 20));
        generation_results.push(generation(
            Tool::ProgenitorPositional,
            size,
            peer,
            size as u64 / 3,
        ));
        generation_results.push(generation(
            Tool::ProgenitorBuilder,
            size,
            peer * 2.0,
            size as u64,
        ));
    }
    let code = |tool, lines| CodeSize {
        tool,
        operations: 1000,
        lines,
        code_lines: lines,
        bytes: lines * 35,
    };
    let calls = |ours: f64, hand: f64| {
        json!({
            "ours": {"median": ours, "p99": ours * 2.0, "samples": 5000},
            "reqwest": {"median": hand, "p99": hand * 2.0, "samples": 5000},
            "reqwest_timeout": {"median": hand + 1.0, "p99": hand * 2.0, "samples": 5000},
        })
    };
    let build = |contender, cold_s, alone| BuildTimes {
        contender,
        cold_s,
        cold_units: 140,
        touched_s: vec![alone],
        crate_only_s: vec![alone],
    };
    Results {
        quick: false,
        plan: Plan::full(),
        machine: Machine {
            cpu: "test".into(),
            cores: "2".into(),
            memory: "1 GiB".into(),
            rustc: "rustc".into(),
            commit: "abc1234".into(),
            load_before: "0".into(),
            load_after: "0".into(),
        },
        generation: generation_results,
        code: vec![
            code(Tool::Ours, 174_198),
            code(Tool::ProgenitorPositional, 177_065),
            code(Tool::ProgenitorBuilder, 405_684),
        ],
        builds: vec![
            build("ours", 317.9, 196.1),
            build("progenitor", 241.1, 133.1),
        ],
        client: json!({
            "calls": {"token": calls(113.4, 100.4), "aksk": calls(125.9, 112.3)},
            "signing": {
                "median": 2990.0, "p99": 3120.0, "samples": 200,
                "body_bytes": 173, "canonical_request_bytes": 411,
                "hashing_only": {"median": 840.0, "p99": 940.0, "samples": 200},
            },
        }),
        elapsed_s: 2067.0,
    }
}

/// The headline row that starts with `measure`.
fn row<'a>(report: &'a str, measure: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.starts_with(&format!("| {measure}")))
        .unwrap_or_else(|| panic!("no headline row `{measure}`:\n{report}"))
}

#[test]
fn every_target_of_the_issue_has_a_row_and_a_verdict() {
    let report = render(&results(), "plot.svg").unwrap();
    for (measure, verdict) in [
        (
            "client overhead over hand-written reqwest, token",
            "**not met**",
        ),
        (
            "client overhead over hand-written reqwest, AK/SK",
            "**not met**",
        ),
        ("`huawei::sign`", "**not met**"),
        (
            "generation, progenitor / ours, 1,000 operations",
            "**not met**",
        ),
        (
            "generation, progenitor / ours, 5,000 operations",
            "**not met**",
        ),
        (
            "per-operation cost at 5,000 / at 100 operations",
            "**not met**",
        ),
        ("consumer cold build", "**not met**"),
        ("peak heap at 5,000 operations", "| met |"),
    ] {
        let line = row(&report, measure);
        assert!(line.contains(verdict), "{line}");
    }
    assert!(row(&report, "generation, progenitor / ours, 5,000").contains("1.51×"));
    assert!(row(&report, "consumer cold build").contains("1.32"));
    assert!(row(&report, "peak heap").contains("0.15"));
    // Each miss has its note, in numbers.
    for note in [
        "**Generation speed.**",
        "**Consumer build.**",
        "**Signing.**",
        "**Client overhead (token).**",
    ] {
        assert!(report.contains(note), "no note {note}");
    }
}

#[test]
fn the_build_note_says_where_the_difference_is_from_the_numbers() {
    let report = render(&results(), "plot.svg").unwrap();
    assert!(
        report.contains("most of the difference is compiling the generated code"),
        "{report}"
    );
    // The generated code compiling faster than the peer's, the dependencies slower.
    let mut r = results();
    r.builds[0].crate_only_s = vec![90.0];
    r.builds[0].touched_s = vec![90.0];
    let report = render(&r, "plot.svg").unwrap();
    assert!(
        report.contains("most of the difference is in the dependencies"),
        "{report}"
    );
    assert!(
        report.contains("takes 90 s against 133 s (0.68)"),
        "{report}"
    );
}
