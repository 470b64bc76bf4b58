//! The byte formats of OpenAPI strings: `format: byte` (base64 text on the wire) and
//! `format: binary` (any octets; in a JSON document, the text of a string). Both hold the
//! bytes themselves, so a caller never encodes or decodes by hand.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Deref;

/// Standard base64, written with padding, read with or without it (services differ).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `format: byte`: bytes, sent and read as base64 text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub Vec<u8>);

/// `format: binary`: bytes. In a JSON document they are the UTF-8 text of a string; bytes
/// that are not UTF-8 cannot be written there (a serialization error, nothing is sent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

macro_rules! bytes_newtype {
    ($name:ident) => {
        impl Deref for $name {
            type Target = [u8];
            fn deref(&self) -> &[u8] {
                &self.0
            }
        }

        impl From<Vec<u8>> for $name {
            fn from(bytes: Vec<u8>) -> Self {
                $name(bytes)
            }
        }

        impl From<&[u8]> for $name {
            fn from(bytes: &[u8]) -> Self {
                $name(bytes.to_vec())
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.as_bytes().to_vec())
            }
        }

        impl From<$name> for Vec<u8> {
            fn from(bytes: $name) -> Self {
                bytes.0
            }
        }
    };
}

bytes_newtype!(Base64);
bytes_newtype!(Binary);

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&BASE64.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        BASE64
            .decode(text.as_bytes())
            .map(Base64)
            .map_err(|e| serde::de::Error::custom(format!("not base64 (`format: byte`): {e}")))
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.0) {
            Ok(text) => serializer.serialize_str(text),
            Err(e) => Err(serde::ser::Error::custom(format!(
                "`format: binary` bytes are not UTF-8, so a JSON string cannot hold them: {e}"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Binary(text.into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_reads_without_padding() {
        let bytes = Base64(vec![0, 255, 7]);
        let json = serde_json::to_string(&bytes).unwrap();
        assert_eq!(json, r#""AP8H""#);
        assert_eq!(serde_json::from_str::<Base64>(&json).unwrap(), bytes);
        assert_eq!(serde_json::from_str::<Base64>(r#""aGk""#).unwrap().0, b"hi");
        assert!(serde_json::from_str::<Base64>(r#""not base64!""#).is_err());
    }

    #[test]
    fn binary_is_the_text_of_a_string() {
        assert_eq!(
            serde_json::to_string(&Binary::from("hé")).unwrap(),
            r#""hé""#
        );
        assert!(serde_json::to_string(&Binary(vec![0xff])).is_err());
    }
}
