//! String enums on the wire. A generated enum keeps every value it does not know
//! (`Unknown(String)`), and reads and writes itself through these functions rather than
//! serde's derive: the derive of an enum with an `untagged` variant buffers the value and
//! tries each variant, code the compiler builds for every enum of every client; here a
//! value is read once as text and matched by the enum's own `From<&str>`.

use serde::de::{Deserializer, Error, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Reads a string and turns it into `T` (a generated enum's `From<&str>`: a known value is
/// its variant, any other text is `Unknown`); anything but a string is a decode error.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'t> From<&'t str>,
{
    deserializer.deserialize_str(TextVisitor(PhantomData))
}

struct TextVisitor<T>(PhantomData<fn() -> T>);

impl<T: for<'t> From<&'t str>> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        Ok(T::from(text))
    }
}

#[cfg(test)]
mod tests {
    /// As the generator writes an enum: known values, `Unknown` for the rest.
    #[derive(Debug, PartialEq)]
    enum Mode {
        Read,
        Unknown(String),
    }

    impl From<&str> for Mode {
        fn from(text: &str) -> Self {
            match text {
                "read" => Mode::Read,
                other => Mode::Unknown(other.to_owned()),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Mode {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize(d)
        }
    }

    #[test]
    fn known_text_is_its_variant_other_text_is_kept_and_other_json_is_refused() {
        let read = |json: &str| serde_json::from_str::<Mode>(json);
        assert_eq!(read(r#""read""#).unwrap(), Mode::Read);
        assert_eq!(
            read(r#""re\u0061d""#).unwrap(),
            Mode::Read,
            "escapes resolved"
        );
        assert_eq!(read(r#""write""#).unwrap(), Mode::Unknown("write".into()));
        let error = read("7").unwrap_err().to_string();
        assert!(error.contains("expected a string"), "{error}");
        assert!(read("null").is_err());
    }
}
