//! Pages that cannot be read are errors at a line, never a panic.

use crate::support::{body_rows, pages, read, specs};

fn error_line(bytes: &[u8]) -> usize {
    match page_drift::read_page("specs/pages/x.txt", bytes) {
        Ok(_) => panic!("read as a page: {}", String::from_utf8_lossy(bytes)),
        Err(e) => {
            assert!(!e.message.is_empty());
            e.line
        }
    }
}

#[test]
fn an_empty_page_is_refused_at_its_first_line() {
    assert_eq!(error_line(b""), 1);
    assert_eq!(error_line(b"\n  \n\n"), 1);
}

#[test]
fn binary_bytes_are_refused_at_their_line() {
    for (name, text) in pages() {
        let mut bytes = text.as_bytes().to_vec();
        let at = text.match_indices('\n').nth(9).unwrap().0 + 1;
        bytes.splice(at..at, [0xff, 0xfe, 0x00, 0x01]);
        assert_eq!(error_line(&bytes), 11, "{name}");
        let mut nul = text.as_bytes().to_vec();
        nul.splice(at..at, [0x00, 0x01]);
        assert_eq!(error_line(&nul), 11, "{name}");
    }
}

#[test]
fn a_table_cut_off_mid_row_is_refused_at_the_row() {
    for (name, text) in pages() {
        let page = read(&name, &text);
        let row = body_rows(&page)
            .into_iter()
            .find(|r| {
                r.last_line > r.line || text.lines().nth(r.line - 1).unwrap().starts_with('|')
            })
            .unwrap();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        // Cut at the end of the page, in the middle of the row.
        let cut = if row.last_line > row.line {
            lines[..row.line].concat()
        } else {
            let l = lines[row.line - 1];
            lines[..row.line - 1].concat() + &l[..l.find(" |").unwrap() + 2]
        };
        assert_eq!(
            error_line(cut.as_bytes()),
            row.line,
            "{name}: cut after line {}",
            row.line
        );
        // A row whose last cells are lost before the next section.
        if row.last_line > row.line + 1 {
            let gap = lines[..row.line + 1].concat() + &lines[row.last_line..].concat();
            let line = error_line(gap.as_bytes());
            assert!(line >= row.line, "{name}: {line}");
        }
    }
}

#[test]
fn every_truncation_of_every_page_reads_or_is_located() {
    let specs = specs();
    for (name, text) in pages() {
        let line_count = text.lines().count();
        for cut in (0..text.len()).step_by(7) {
            match page_drift::check_page(&specs, &name, &text.as_bytes()[..cut]) {
                Ok(_) => {}
                Err(e) => assert!(
                    (1..=line_count).contains(&e.line),
                    "{name} cut at {cut}: line {}",
                    e.line
                ),
            }
        }
    }
}

#[test]
fn a_page_that_is_not_an_api_page_is_refused() {
    assert_eq!(error_line("Just some text\nwithout a URI\n".as_bytes()), 1);
    assert_eq!(error_line(b"A |\nB |\n---|---|\nx |\n"), 4);
}
