//! Random-looking identifiers (request ids, trace ids, job ids) without a
//! random-number crate: std's `RandomState` is seeded from the OS, and a
//! process-wide counter keeps successive values distinct.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    hasher.write_u128(nanos);
    hasher.finish()
}

/// A version-4 style UUID in its usual 8-4-4-4-12 lower-case hex form.
pub fn uuid_v4() -> String {
    let hi = random_u64();
    let lo = random_u64();
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// 32 lower-case hex characters, the shape of a Huawei `X-Request-Id`.
pub fn hex32() -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

/// 16 lower-case hex characters, the shape of an OCP `traceId`.
pub fn hex16() -> String {
    format!("{:016x}", random_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_the_canonical_shape() {
        let id = uuid_v4();
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, vec![8, 4, 4, 4, 12]);
        assert_eq!(id.as_bytes()[14], b'4');
        assert_ne!(uuid_v4(), id);
    }

    #[test]
    fn hex_ids_have_fixed_lengths() {
        assert_eq!(hex32().len(), 32);
        assert_eq!(hex16().len(), 16);
        assert!(hex16().chars().all(|c| c.is_ascii_hexdigit()));
    }
}
