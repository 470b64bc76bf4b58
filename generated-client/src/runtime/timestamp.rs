//! `format: epoch-millis`: a point in time sent as milliseconds since the Unix epoch
//! (`1624929238939`), read and written as a [`chrono::DateTime<Utc>`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time the service sends as milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// The time `millis` milliseconds after the Unix epoch; `None` outside chrono's range.
    pub fn from_millis(millis: i64) -> Option<Timestamp> {
        DateTime::from_timestamp_millis(millis).map(Timestamp)
    }

    /// Milliseconds since the Unix epoch, as sent.
    pub fn millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    /// The time, in UTC.
    pub fn time(&self) -> DateTime<Utc> {
        self.0
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(time: DateTime<Utc>) -> Self {
        Timestamp(time)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl From<std::time::SystemTime> for Timestamp {
    fn from(time: std::time::SystemTime) -> Self {
        Timestamp(time.into())
    }
}

impl std::fmt::Display for Timestamp {
    /// RFC 3339 in UTC, to the millisecond: `2021-06-29T01:13:58.939Z`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        f.write_str(&text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.millis())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let millis = i64::deserialize(deserializer)?;
        Timestamp::from_millis(millis).ok_or_else(|| {
            serde::de::Error::custom(format!("{millis} ms since the epoch is out of range"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_milliseconds() {
        let t: Timestamp = serde_json::from_str("1624929238939").unwrap();
        assert_eq!(t.millis(), 1624929238939);
        assert_eq!(t.to_string(), "2021-06-29T01:13:58.939Z");
        assert_eq!(serde_json::to_string(&t).unwrap(), "1624929238939");
        assert!(serde_json::from_str::<Timestamp>("\"soon\"").is_err());
        assert!(serde_json::from_str::<Timestamp>(&i64::MAX.to_string()).is_err());
    }
}
