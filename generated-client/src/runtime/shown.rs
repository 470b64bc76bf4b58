//! Server text made safe to print: a server chooses its error message, code and request id,
//! and they end up in `Display`, `Debug` and log lines. Control characters are escaped (so
//! no forged log line, no terminal escape) and the length is capped (so a 300 KB request id
//! is not a 300 KB log line). A leaf: it uses no other module of the runtime.

use std::fmt::Write as _;

/// The most characters of one server-supplied field that are printed.
pub const MAX_SHOWN_CHARS: usize = 256;
/// The most bytes of a body that `Debug` shows.
pub const MAX_SHOWN_BODY_BYTES: usize = 512;

/// `text` with every control character escaped (`\n`, `\u{1b}`) and cut after
/// [`MAX_SHOWN_CHARS`] characters, saying how much was left out.
pub fn shown(text: &str) -> String {
    shown_within(text, MAX_SHOWN_CHARS)
}

/// As [`shown`], cut after `max_chars` characters.
pub fn shown_within(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_add(16)));
    let mut chars = text.char_indices();
    for (count, (_, c)) in chars.by_ref().enumerate() {
        if count == max_chars {
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if let Some((at, _)) = text.char_indices().nth(max_chars) {
        let _ = write!(out, "… ({} more bytes)", text.len() - at);
    }
    out
}

/// A body as `Debug` shows it: text (invalid UTF-8 as U+FFFD), escaped, the first
/// [`MAX_SHOWN_BODY_BYTES`] bytes only.
pub fn body_preview(body: &[u8]) -> String {
    preview_of(body, body.len())
}

/// As [`body_preview`], for the first bytes `head` of a body of `total` bytes.
pub fn preview_of(head: &[u8], total: usize) -> String {
    let head = &head[..head.len().min(MAX_SHOWN_BODY_BYTES)];
    let mut out = shown_within(&String::from_utf8_lossy(head), usize::MAX);
    if total > head.len() {
        let _ = write!(out, "… ({} more bytes)", total - head.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_caps_length() {
        assert_eq!(
            shown("a\nb\r\u{1b}[31m\u{0}\u{7f}"),
            "a\\nb\\r\\u{1b}[31m\\u{0}\\u{7f}"
        );
        assert_eq!(shown("plain text ü"), "plain text ü");
        let long = "x".repeat(300_000);
        let cut = shown(&long);
        assert!(cut.starts_with(&"x".repeat(MAX_SHOWN_CHARS)));
        assert!(cut.ends_with("… (299744 more bytes)"), "{cut}");
        assert!(cut.len() < MAX_SHOWN_CHARS + 32);
    }

    #[test]
    fn a_body_is_text_not_bytes() {
        assert_eq!(body_preview(b"{\"a\":\n1}\xff"), "{\"a\":\\n1}\u{fffd}");
        let long = vec![b'y'; 10_000];
        assert!(body_preview(&long).ends_with("… (9488 more bytes)"));
    }
}
