//! The rules a field's description states, in the words the pages use (English and
//! Chinese): lengths, item counts, value lists, numeric ranges and defaults.

/// What one description says about its field's values. Each length or count is every
/// number the description gives for it (a page may say "cannot exceed 256" and
/// "Maximum length: 256"); they must all agree with the spec.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rules {
    pub min_length: Vec<u64>,
    pub max_length: Vec<u64>,
    pub min_items: Vec<u64>,
    pub max_items: Vec<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// The values the description lists, in its order; `None` when it lists none.
    pub values: Option<Vec<String>>,
    pub default: Option<String>,
}

const MIN_LENGTH: &[&str] = &["minimum length", "min length", "最小长度"];
const MAX_LENGTH: &[&str] = &[
    "maximum length",
    "max length",
    "最大长度不能超过",
    "最大长度",
    "长度不能超过",
];
/// Bounds that are lengths only when "characters" follows the number.
const AT_LEAST: &[&str] = &["at least", "至少"];
const AT_MOST: &[&str] = &[
    "cannot exceed",
    "at most",
    "up to",
    "不能超过",
    "不超过",
    "最多",
];
const CHARACTERS: &[&str] = &["character", "字符", "byte", "字节"];
const ITEMS: &[&str] = &["item", "element", "entries", "个元素", "项"];
const RANGE: &[&str] = &["value range", "取值范围为", "取值范围", "range"];
/// Markers after which a list of values follows. Longer markers come first, so
/// "取值范围为" is not read as "取值范围" followed by "为".
const VALUE_LISTS: &[&str] = &[
    "the value can be",
    "valid values",
    "value range",
    "enumerated values",
    "enumeration values",
    "possible values",
    "取值范围为",
    "取值范围",
    "取值为",
    "枚举值",
    "range",
];
const DEFAULTS: &[&str] = &[
    "default value",
    "the default value is",
    "defaults to",
    "默认值为",
    "默认值是",
    "默认值",
];
/// Words that say "no value" where a value would stand.
const NOTHING: &[&str] = &["n/a", "none", "null", "空", "无"];

impl Rules {
    pub fn read(description: &str) -> Rules {
        // Full-width punctuation reads as its ASCII twin; positions stay char-aligned
        // because every replacement is one char for one char.
        let text: String = description
            .chars()
            .map(|c| match c {
                '：' => ':',
                '，' => ',',
                '～' => '~',
                _ => c,
            })
            .collect();
        let lower = text.to_ascii_lowercase();
        let mut rules = Rules {
            min_length: numbers_after(&lower, MIN_LENGTH, &[]),
            max_length: numbers_after(&lower, MAX_LENGTH, &[]),
            ..Rules::default()
        };
        rules
            .min_length
            .extend(numbers_after(&lower, AT_LEAST, CHARACTERS));
        rules
            .max_length
            .extend(numbers_after(&lower, AT_MOST, CHARACTERS));
        rules.min_items = numbers_after(&lower, AT_LEAST, ITEMS);
        rules.max_items = numbers_after(&lower, AT_MOST, ITEMS);
        for list in [
            &mut rules.min_length,
            &mut rules.max_length,
            &mut rules.min_items,
            &mut rules.max_items,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        if let Some((lo, hi)) = range(&lower) {
            rules.minimum = Some(lo);
            rules.maximum = Some(hi);
        }
        rules.values = value_lists(&text, &lower);
        rules.default = default(&text, &lower);
        rules
    }
}

/// Byte offsets of every occurrence of each marker in `lower`, just past the marker,
/// skipping a marker that is the tail of a longer one found at the same place.
fn after_markers(lower: &str, markers: &[&str]) -> Vec<usize> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for marker in markers {
        for (at, _) in lower.match_indices(marker) {
            let end = at + marker.len();
            let inside_longer = found.iter().any(|&(a, e)| a <= at && end <= e);
            let word_start = at == 0 || !lower[..at].ends_with(|c: char| c.is_ascii_alphanumeric());
            if !inside_longer && word_start {
                found.push((at, end));
            }
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, end)| end).collect()
}

/// Skips what may stand between a marker and its value: spaces, a colon, "is", "为", "of".
fn skip_joiners(rest: &str) -> &str {
    let mut rest = rest;
    loop {
        let before = rest;
        rest = rest.trim_start_matches([' ', ':', '为', '是', '=']);
        for word in ["is ", "of ", "to "] {
            rest = rest.strip_prefix(word).unwrap_or(rest);
        }
        if rest == before {
            return rest;
        }
    }
}

fn leading_number(rest: &str) -> Option<(f64, &str)> {
    let len = rest
        .char_indices()
        .take_while(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '-') || (c == '.' && i > 0))
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    let number = rest[..len].trim_end_matches('.');
    Some((number.parse().ok()?, &rest[number.len()..]))
}

/// The numbers right after each marker; with `units`, only numbers one of them follows.
fn numbers_after(lower: &str, markers: &[&str], units: &[&str]) -> Vec<u64> {
    after_markers(lower, markers)
        .into_iter()
        .filter_map(|at| {
            let (n, rest) = leading_number(skip_joiners(&lower[at..]))?;
            let rest = rest.trim_start();
            let unit_ok = units.is_empty()
                || units
                    .iter()
                    .any(|u| rest.starts_with(u) || rest.starts_with(&format!("个{u}")));
            (unit_ok && n >= 0.0 && n.fract() == 0.0).then_some(n as u64)
        })
        .collect()
}

/// "Range: 1–100", "取值范围:0~65535", "value range 1 to 10".
fn range(lower: &str) -> Option<(f64, f64)> {
    after_markers(lower, RANGE).into_iter().find_map(|at| {
        let (lo, rest) = leading_number(skip_joiners(&lower[at..]))?;
        let rest = rest.trim_start();
        let rest = ["~", "–", "-", "to", "至", "到"]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))?;
        let (hi, _) = leading_number(rest.trim_start())?;
        Some((lo, hi))
    })
}

/// Every value listed after a value-list marker: `A, B, or C.`, `A、B、C`, `* A * B`, or
/// `a: what a does b: what b does` (the value-and-meaning form).
fn value_lists(text: &str, lower: &str) -> Option<Vec<String>> {
    let mut values: Vec<String> = Vec::new();
    for at in after_markers(lower, VALUE_LISTS) {
        let rest = text[at..].trim_start_matches([' ', ':', '为']);
        let found = meaning_pairs(rest).or_else(|| plain_list(rest));
        for v in found.unwrap_or_default() {
            if !values.contains(&v) {
                values.push(v);
            }
        }
    }
    (!values.is_empty()).then_some(values)
}

/// `addOmUser: adding ... deleteOmUser: deleting ...`: the words ending in a colon.
fn meaning_pairs(rest: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    // Words of the description's own labels are not values ("Maximum length: 64").
    let labels = [
        "length",
        "range",
        "values",
        "value",
        "default",
        "constraints",
        "definition",
    ];
    let value_of = |w: &str| {
        w.strip_suffix(':')
            .filter(|v| is_value(v) && !labels.contains(&v.to_ascii_lowercase().as_str()))
            .map(str::to_string)
    };
    value_of(words.first()?)?;
    Some(words.iter().filter_map(|w| value_of(w)).collect())
}

/// `A, B, or C.` up to the end of the sentence or the next marker.
fn plain_list(rest: &str) -> Option<Vec<String>> {
    let lower = rest.to_ascii_lowercase();
    let mut end = rest.len();
    for stop in [
        "。",
        ". ",
        "说明",
        "枚举值",
        "enumerated values",
        "default value",
        "默认值",
    ] {
        if let Some(i) = lower.find(stop).filter(|&i| i > 0) {
            end = end.min(i);
        }
    }
    let segment = rest[..end].trim().trim_end_matches('.');
    let mut values = Vec::new();
    for part in segment.split([',', '、', '*', ';']) {
        let part = part.trim();
        let part = ["or ", "and ", "或", "和"]
            .iter()
            .find_map(|w| part.strip_prefix(w))
            .unwrap_or(part)
            .trim();
        if part.is_empty() {
            continue;
        }
        if !is_value(part) {
            return None;
        }
        values.push(part.to_string());
    }
    let nothing = values.len() == 1 && NOTHING.contains(&values[0].to_lowercase().as_str());
    (!values.is_empty() && !nothing).then_some(values)
}

/// A value a field can take: one token of letters, digits, `_`, `-`, `.`.
fn is_value(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && word.chars().any(|c| c.is_ascii_alphanumeric())
}

/// "Default Value 8", "默认值为true"; prose ("the original value") and "N/A" state nothing.
fn default(text: &str, lower: &str) -> Option<String> {
    after_markers(lower, DEFAULTS).into_iter().find_map(|at| {
        let rest = skip_joiners(&text[at..]);
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            .collect();
        let token = token.trim_end_matches('.').to_string();
        let definite = token.parse::<f64>().is_ok()
            || token == "true"
            || token == "false"
            || token.chars().any(|c| c.is_ascii_uppercase() || c == '_');
        let nothing = NOTHING.iter().any(|n| rest.to_lowercase().starts_with(n));
        (definite && !nothing && !token.is_empty()).then_some(token)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_both_languages() {
        let r = Rules::read("名称。 最小长度:6 最大长度:32");
        assert_eq!((r.min_length, r.max_length), (vec![6], vec![32]));
        let r = Rules::read(
            "Description, which cannot exceed 256 characters. Maximum length: 256 characters",
        );
        assert_eq!(r.max_length, vec![256]);
        let r = Rules::read("描述,最大长度不能超过256。默认值为空。 最大长度:256");
        assert_eq!((r.max_length, r.default), (vec![256], None));
    }

    #[test]
    fn value_lists_in_every_form() {
        let v = |s: &str| Rules::read(s).values;
        assert_eq!(
            v("The value can be CREATE, DROP, or SELECT. Enumerated values:").unwrap(),
            ["CREATE", "DROP", "SELECT"]
        );
        assert_eq!(
            v("取值为:CREATE、DROP、SELECT 枚举值:").unwrap(),
            ["CREATE", "DROP", "SELECT"]
        );
        assert_eq!(v("取值范围为:a、b。 说明: x").unwrap(), ["a", "b"]);
        assert_eq!(
            v("Valid values: * TABLE * VIEW").unwrap(),
            ["TABLE", "VIEW"]
        );
        assert_eq!(
            v("Definition Op. Range add: adding x. del: deleting y.").unwrap(),
            ["add", "del"]
        );
        assert_eq!(v("Range N/A Default Value N/A"), None);
        assert_eq!(v("Range It is a 36-digit UUID. Default Value N/A"), None);
        assert_eq!(v("MIME type. Value range:"), None);
    }

    #[test]
    fn ranges_and_defaults() {
        let r = Rules::read("Port. Range: 1~65535 Default Value 8080");
        assert_eq!(
            (r.minimum, r.maximum, r.default.as_deref()),
            (Some(1.0), Some(65535.0), Some("8080"))
        );
        assert_eq!(
            Rules::read("The default value is the original one.").default,
            None
        );
    }
}
