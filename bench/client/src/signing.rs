//! Signing alone: `huawei::sign` on the request the clients send, against the hashing any
//! signer of the scheme must do.

use super::contenders::{ACCESS_KEY, SECRET_KEY, SigningInput};
use super::stats::{report_progress, summary};
use generated_client::runtime::signing::huawei;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::hint::black_box;
use std::time::Instant;

/// `huawei::sign` on the request the clients send, in batches, taking turns with the bare
/// hashing it cannot avoid; per-request nanoseconds.
pub(crate) fn time_signing(batches: usize, per_batch: usize) -> Result<serde_json::Value, String> {
    let input = SigningInput::now()?;
    let (date, parts) = (&input.date, input.parts());
    // The hashing any signer of this scheme must do, on the same inputs: SHA-256 of the
    // body and of the canonical request, and the HMAC of the string to sign.
    let reference =
        huawei::sign(ACCESS_KEY, SECRET_KEY, date, &parts).map_err(|e| e.to_string())?;
    let hashing_only = || {
        black_box(Sha256::digest(black_box(&input.body)));
        black_box(Sha256::digest(black_box(
            reference.canonical_request.as_bytes(),
        )));
        let mut mac = Hmac::<Sha256>::new_from_slice(black_box(SECRET_KEY.as_bytes()))
            .expect("HMAC takes any key");
        mac.update(black_box(reference.string_to_sign.as_bytes()));
        black_box(mac.finalize().into_bytes());
    };
    let mut signing = Vec::with_capacity(batches);
    let mut hashing = Vec::with_capacity(batches);
    for batch in 0..batches {
        report_progress("signing batches", batch, batches);
        let started = Instant::now();
        for _ in 0..per_batch {
            let signature = huawei::sign(
                black_box(ACCESS_KEY),
                black_box(SECRET_KEY),
                date,
                black_box(&parts),
            )
            .map_err(|e| e.to_string())?;
            black_box(signature);
        }
        signing.push(started.elapsed().as_secs_f64() * 1e9 / per_batch as f64);
        let started = Instant::now();
        for _ in 0..per_batch {
            hashing_only();
        }
        hashing.push(started.elapsed().as_secs_f64() * 1e9 / per_batch as f64);
    }
    let mut result = summary(&mut signing);
    result["body_bytes"] = input.body.len().into();
    result["canonical_request_bytes"] = reference.canonical_request.len().into();
    result["hashing_only"] = summary(&mut hashing);
    result["per_batch"] = per_batch.into();
    Ok(result)
}
