//! The hand-written percent-encoding, canonical URI and hex of this module against the
//! library code they replace (kept here as the reference), on many generated inputs.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::{RequestParts, UNRESERVED, encode_component, huawei, push_encoded_keeping, to_hex};

/// The RFC 3986 unreserved set, as `percent_encoding` spells it.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Text of random length from an alphabet that has every kind of byte the encoders
/// treat differently: unreserved, reserved, `%` escapes (valid or not), `/`, multi-byte
/// characters, control characters.
fn random_text(rng: &mut fastrand::Rng) -> String {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "0",
        "-",
        "_",
        ".",
        "~",
        "/",
        "%",
        "%2F",
        "%2f",
        "%41",
        "%E4%BE%8B",
        "%FF",
        "%G1",
        " ",
        "+",
        "?",
        "#",
        "&",
        "=",
        "@",
        "例",
        "é",
        "\u{1F600}",
        "\t",
        "\u{7f}",
        ":",
    ];
    let len = rng.usize(0..24);
    (0..len)
        .map(|_| PIECES[rng.usize(..PIECES.len())])
        .collect()
}

/// The canonical URI as the signer built it before: decode, split on `/`, encode each
/// segment with `percent_encoding`, join, and end with one `/`.
fn reference_canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut out: String = decoded
        .split('/')
        .map(|segment| utf8_percent_encode(segment, COMPONENT).to_string())
        .collect::<Vec<_>>()
        .join("/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[test]
fn encoding_matches_percent_encoding() {
    let mut rng = fastrand::Rng::with_seed(3);
    for _ in 0..20_000 {
        let text = random_text(&mut rng);
        let expected = utf8_percent_encode(&text, COMPONENT).to_string();
        assert_eq!(encode_component(&text), expected, "{text:?}");
        // Appending keeps what was there.
        let mut out = String::from("x=");
        push_encoded_keeping(&mut out, &text, &UNRESERVED);
        assert_eq!(out, format!("x={expected}"));
    }
    // Every single byte value that is a whole character.
    for c in (0u8..0x80).map(char::from) {
        let text = c.to_string();
        assert_eq!(
            encode_component(&text),
            utf8_percent_encode(&text, COMPONENT).to_string()
        );
    }
}

#[test]
fn canonical_uri_matches_decode_split_encode_join() {
    let mut rng = fastrand::Rng::with_seed(5);
    let headers = [("X-Sdk-Date".to_string(), "20261123T101500Z".to_string())];
    for _ in 0..20_000 {
        let path = random_text(&mut rng);
        let req = RequestParts {
            method: "GET",
            host: "h",
            path: &path,
            query: &[],
            headers: &headers,
            body: b"",
        };
        let signed = huawei::sign("ak", "sk", "20261123T101500Z", &req).expect("signs");
        let uri = signed
            .canonical_request
            .split('\n')
            .nth(1)
            .unwrap_or_default();
        assert_eq!(uri, reference_canonical_uri(&path), "{path:?}");
    }
}

#[test]
fn hex_matches_formatting() {
    let mut rng = fastrand::Rng::with_seed(9);
    for len in 0..100 {
        let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(to_hex(&bytes), expected);
    }
}
