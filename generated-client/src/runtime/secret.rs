//! A string that must never be printed: passwords, secret keys, tokens.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;

thread_local! {
    /// The secrets serialised on this thread while [`collect_secrets`] runs.
    static COLLECTED: RefCell<Option<Vec<Secret>>> = const { RefCell::new(None) };
}

/// Runs `serialize` and returns, with its result, every [`Secret`] it wrote: the secrets a
/// request body carries, so that a server echoing one back never gets it printed.
pub(crate) fn collect_secrets<T>(serialize: impl FnOnce() -> T) -> (T, Vec<Secret>) {
    let outer = COLLECTED.with(|c| c.replace(Some(Vec::new())));
    let result = serialize();
    let collected = COLLECTED.with(|c| c.replace(outer)).unwrap_or_default();
    (result, collected)
}

/// Holds a secret. `Debug` and `Display` print `***`; only [`Secret::expose`] gives the text,
/// and serialising (to send it) writes it as a plain JSON string.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Call it only where the value must go on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        COLLECTED.with(|c| {
            if let Some(seen) = c.borrow_mut().as_mut() {
                seen.push(self.clone());
            }
        });
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s} {:?}", Some(&s)), "*** *** Some(***)");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter2\"");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn serialising_collects_the_secrets_written() {
        let body = serde_json::json!({"a": 1});
        let pair = (Secret::new("pw-1"), vec![Secret::new("pw-2")], body);
        let (json, seen) = collect_secrets(|| serde_json::to_string(&pair));
        assert!(json.unwrap().contains("pw-2"));
        assert_eq!(seen, vec![Secret::new("pw-1"), Secret::new("pw-2")]);
        // Outside a collection nothing is kept.
        let (_, none) = collect_secrets(|| ());
        assert!(none.is_empty());
    }
}
