//! The `X-Sdk-Date` value (`YYYYMMDDTHHMMSSZ`, UTC): written and checked digit by digit.
//! Every signed request formats one and checks one; chrono's `format` and
//! `parse_from_str` interpret the pattern each time, which cost more than the hashing.
//! The tests hold the chrono versions these replace and compare the two.

use std::time::SystemTime;

use chrono::{DateTime, Datelike, Timelike, Utc};

/// Format of the `X-Sdk-Date` header (strftime syntax).
pub const SDK_DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// `t` as `YYYYMMDDTHHMMSSZ`, as chrono's `%Y%m%dT%H%M%SZ` prints it.
pub(super) fn format(t: SystemTime) -> String {
    let t = DateTime::<Utc>::from(t);
    let Ok(year) = u32::try_from(t.year()) else {
        return t.format(SDK_DATE_FORMAT).to_string();
    };
    if year > 9999 {
        // chrono writes such years with a sign; so does this, through chrono.
        return t.format(SDK_DATE_FORMAT).to_string();
    }
    let mut out = String::with_capacity(16);
    push_digits(&mut out, year, 4);
    push_digits(&mut out, t.month(), 2);
    push_digits(&mut out, t.day(), 2);
    out.push('T');
    push_digits(&mut out, t.hour(), 2);
    push_digits(&mut out, t.minute(), 2);
    push_digits(&mut out, t.second(), 2);
    out.push('Z');
    out
}

/// `value` in exactly `width` decimal digits (`value` has no more).
fn push_digits(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (value / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Whether `value` is exactly `YYYYMMDDTHHMMSSZ` naming a real time of the proleptic
/// Gregorian calendar, seconds 00 to 59 (Python's `strptime` refuses a leap second):
/// the texts chrono parses with that pattern and prints back unchanged.
pub(super) fn is_valid(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(4..6),
        digits(6..8),
        digits(9..11),
        digits(11..13),
        digits(13..15),
    ) else {
        return false;
    };
    (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 59
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use std::time::{Duration, UNIX_EPOCH};

    const PATTERN: &str = super::SDK_DATE_FORMAT;

    /// The check this module replaces: chrono parses, and the text must print back as it was.
    fn chrono_is_valid(value: &str) -> bool {
        NaiveDateTime::parse_from_str(value, PATTERN).is_ok_and(|parsed| {
            parsed.nanosecond() < 1_000_000_000 && parsed.format(PATTERN).to_string() == value
        })
    }

    #[test]
    fn formats_as_chrono_does() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            // From 1970 to about 2500, and whole days' edges.
            let secs = rng.u64(0..16_725_225_600);
            let t = UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(rng.u64(..1000));
            let expected = DateTime::<Utc>::from(t).format(PATTERN).to_string();
            assert_eq!(format(t), expected, "{secs}");
        }
        let far = UNIX_EPOCH + Duration::from_secs(300_000_000_000);
        let expected = DateTime::<Utc>::from(far).format(PATTERN).to_string();
        assert_eq!(format(far), expected);
    }

    #[test]
    fn accepts_what_chrono_accepts_and_nothing_else() {
        let mut rng = fastrand::Rng::with_seed(11);
        let alphabet = b"0123456789TZ -+:";
        let mut tried = 0;
        for _ in 0..200_000 {
            // Mostly well-formed shapes with random digits, some random bytes.
            let mut text: Vec<u8> = format!(
                "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
                rng.u32(0..10_000),
                rng.u32(0..14),
                rng.u32(0..33),
                rng.u32(0..26),
                rng.u32(0..62),
                rng.u32(0..62)
            )
            .into_bytes();
            if rng.u8(..4) == 0 {
                let at = rng.usize(..text.len());
                text[at] = alphabet[rng.usize(..alphabet.len())];
            }
            if rng.u8(..16) == 0 {
                text.truncate(rng.usize(..text.len()));
            }
            let text = String::from_utf8(text).expect("ASCII");
            assert_eq!(is_valid(&text), chrono_is_valid(&text), "{text:?}");
            tried += usize::from(is_valid(&text));
        }
        assert!(tried > 10_000, "enough valid dates were tried: {tried}");
        for text in [
            "20240229T000000Z",
            "20230229T000000Z",
            "19000229T000000Z",
            "20000229T235959Z",
            "00000101T000000Z",
            "99991231T235959Z",
            "20261123T101560Z",
            "+2026112T101500Z",
            "2026١123T101500Z",
        ] {
            assert_eq!(is_valid(text), chrono_is_valid(text), "{text:?}");
        }
    }
}
