//! Unions with a discriminator (`oneOf` + `discriminator`): the arm is the one the tag
//! property names. Generated `Serialize`/`Deserialize` impls call these, so the rules live
//! once: the tag is read from the object before the arm is, the arm is read from the whole
//! object (its own tag field included), and a value that names no arm is a decode error
//! saying which tags were expected, never a panic.

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Writes an arm with its tag: the arm's own value of `property` when it is one of `tags`,
/// else the first of `tags`.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    property: &str,
    tags: &[&str],
    arm: &T,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(arm).map_err(S::Error::custom)?;
    let Value::Object(map) = &mut json else {
        return Err(S::Error::custom(format!(
            "a tagged union arm must be an object to carry `{property}`"
        )));
    };
    let own = map.get(property).and_then(Value::as_str);
    if !own.is_some_and(|own| tags.contains(&own))
        && let Some(first) = tags.first()
    {
        map.insert(property.to_string(), Value::String(first.to_string()));
    }
    json.serialize(serializer)
}

/// Reads the value and its tag.
pub fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    property: &str,
) -> Result<(String, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let tag = match value.get(property) {
        Some(Value::String(tag)) => tag.clone(),
        Some(other) => {
            return Err(D::Error::custom(format!(
                "the discriminator `{property}` must be a string, found {other}"
            )));
        }
        None if value.is_object() => {
            return Err(D::Error::custom(format!(
                "the discriminator `{property}` is missing"
            )));
        }
        None => {
            return Err(D::Error::custom(format!(
                "expected an object with the discriminator `{property}`, found {value}"
            )));
        }
    };
    Ok((tag, value))
}

/// Reads the arm a tag named.
pub fn arm<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// The error for a tag that names no arm.
pub fn unknown<E: serde::de::Error>(property: &str, tag: &str, known: &[&str]) -> E {
    let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    E::custom(format!(
        "the discriminator `{property}` is `{tag}`, expected one of {}",
        known.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Cat {
        lives: u8,
    }

    #[test]
    fn writes_the_tag_and_refuses_an_unknown_one() {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::new(&mut out);
        serialize(&mut ser, "kind", &["cat"], &Cat { lives: 9 }).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"kind":"cat","lives":9}"#
        );
        let error: serde_json::Error = unknown("kind", "cow", &["cat", "dog"]);
        assert_eq!(
            error.to_string(),
            "the discriminator `kind` is `cow`, expected one of `cat`, `dog`"
        );
        let missing = read(serde_json::json!({"lives": 1}), "kind").unwrap_err();
        assert_eq!(missing.to_string(), "the discriminator `kind` is missing");
    }
}
