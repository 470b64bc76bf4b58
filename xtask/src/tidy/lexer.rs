//! Just enough of Rust's lexer for the tidy rules: identifiers, string literals and
//! punctuation, with their line, and nothing from comments, strings or char literals, so
//! that `todo!` in a doc comment or `crate::x` in a string is not taken for code.

/// What a token is; numbers and lifetimes are dropped, the rules never need them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Ident,
    /// A string literal; `text` is what is between the quotes, escapes left as written.
    Str,
    /// One punctuation character, or `::`.
    Punct,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: Kind,
    pub text: String,
    /// 1-based.
    pub line: usize,
}

impl Token {
    pub fn is(&self, kind: Kind, text: &str) -> bool {
        self.kind == kind && self.text == text
    }

    pub fn is_punct(&self, text: &str) -> bool {
        self.is(Kind::Punct, text)
    }

    pub fn is_ident(&self, text: &str) -> bool {
        self.is(Kind::Ident, text)
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The tokens of `source`.
pub fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Advances over `chars[from..to]`, counting lines.
    let count_lines = |from: usize, to: usize, line: &mut usize| {
        *line += chars[from..to.min(chars.len())]
            .iter()
            .filter(|&&c| c == '\n')
            .count();
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let start = i;
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            count_lines(start, i, &mut line);
        } else if c == '"' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            let text: String = chars[start + 1..i.min(chars.len())].iter().collect();
            out.push(Token {
                kind: Kind::Str,
                text,
                line,
            });
            count_lines(start, i, &mut line);
            i += 1;
        } else if c == '\'' {
            // A char literal (`'x'`, `'\n'`, `'\u{1F600}'`) or a lifetime / label (`'a`).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && is_ident_char(chars[i]) {
                    i += 1;
                }
            }
        } else if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // Raw strings: r"…", r#"…"#, br"…", cr#"…"# (any number of #).
            if matches!(word.as_str(), "r" | "br" | "cr")
                && matches!(chars.get(i), Some('"') | Some('#'))
            {
                let mut hashes = 0;
                while chars.get(i + hashes) == Some(&'#') {
                    hashes += 1;
                }
                if chars.get(i + hashes) == Some(&'"') {
                    let start = i;
                    i += hashes + 1;
                    let body = i;
                    loop {
                        if i >= chars.len() {
                            break;
                        }
                        if chars[i] == '"'
                            && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#'))
                        {
                            break;
                        }
                        i += 1;
                    }
                    let text: String = chars[body..i.min(chars.len())].iter().collect();
                    out.push(Token {
                        kind: Kind::Str,
                        text,
                        line,
                    });
                    count_lines(start, i, &mut line);
                    i += hashes + 1;
                    continue;
                }
                if word == "r" && hashes == 1 {
                    // A raw identifier, `r#type`: the identifier is what follows.
                    i += 1;
                    continue;
                }
            }
            // Byte and C strings (b"…", c"…") are read by the string branch next round.
            if matches!(word.as_str(), "b" | "c") && chars.get(i) == Some(&'"') {
                continue;
            }
            out.push(Token {
                kind: Kind::Ident,
                text: word,
                line,
            });
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (is_ident_char(chars[i])
                    || (chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
        } else if c == ':' && next == Some(':') {
            out.push(Token {
                kind: Kind::Punct,
                text: "::".into(),
                line,
            });
            i += 2;
        } else if c == '$' && chars[i + 1..].starts_with(&['c', 'r', 'a', 't', 'e']) {
            // `$crate` in a macro is the crate the macro is written in.
            out.push(Token {
                kind: Kind::Ident,
                text: "crate".into(),
                line,
            });
            i += 6;
        } else {
            out.push(Token {
                kind: Kind::Punct,
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(source: &str) -> Vec<String> {
        tokens(source)
            .into_iter()
            .filter(|t| t.kind == Kind::Ident)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn comments_strings_and_chars_are_not_code() {
        let source = "// todo!()\n/* dbg!( /* nested */ ) */ let a = \"crate::x\"; \
                      let b = r#\"todo!\"#; let c = '\"'; let d = b\"dbg!\"; fn f<'a>() {}";
        assert_eq!(
            idents(source),
            ["let", "a", "let", "b", "let", "c", "let", "d", "fn", "f"]
        );
    }

    #[test]
    fn lines_are_counted_across_comments_and_strings() {
        let source = "a\n/* one\ntwo */ b \"x\ny\" c\n::d";
        let lines: Vec<(String, usize)> = tokens(source)
            .into_iter()
            .map(|t| (t.text, t.line))
            .collect();
        assert_eq!(
            lines,
            [
                ("a".into(), 1),
                ("b".into(), 3),
                ("x\ny".into(), 3),
                ("c".into(), 4),
                ("::".into(), 5),
                ("d".into(), 5)
            ]
        );
    }
}
