//! `bench-client [--rounds R] [--batch B] [--sign-batches S]`: the cost of one call of the
//! generated client against the same request sent by hand-written reqwest code, to a server
//! on 127.0.0.1, with token auth and with AK/SK signing; and the cost of signing alone.
//! Prints one JSON object.
//!
//! The call is DDM's `create_users` (POST, JSON body, JSON answer). Before timing, one
//! request of each contender is recorded by the server and compared: same method, path,
//! body bytes and headers (the signing date and signature aside, which follow the clock), so
//! both do the same work on the wire. Contenders take turns in batches, in a rotating order,
//! so drift on a shared machine falls on all of them alike.

use std::process::ExitCode;
use std::time::Instant;

mod alone;
mod contenders;
mod signing;
mod stats;
use alone::{Only, run_alone};
use contenders::*;
use signing::time_signing;
use stats::{report_progress, summary};

/// Headers that follow the clock, so differ between any two requests.
const CLOCK_HEADERS: &[&str] = &["x-sdk-date", "authorization"];

/// Fails unless the two requests are the same on the wire (clock-bound values aside).
fn same_request(ours: &Seen, hand: &Seen) -> Result<(), String> {
    if ours.method != hand.method || ours.uri != hand.uri {
        return Err(format!(
            "ours sent {} {}, the hand-written code {} {}",
            ours.method, ours.uri, hand.method, hand.uri
        ));
    }
    if ours.body != hand.body {
        return Err(format!(
            "bodies differ:\n  ours: {}\n  hand: {}",
            String::from_utf8_lossy(&ours.body),
            String::from_utf8_lossy(&hand.body)
        ));
    }
    let comparable = |seen: &Seen| {
        let mut headers: Vec<(String, String)> = seen
            .headers
            .iter()
            .map(|(n, v)| {
                let clock = CLOCK_HEADERS.contains(&n.as_str());
                (n.clone(), if clock { "(clock)".into() } else { v.clone() })
            })
            .collect();
        headers.sort();
        headers
    };
    if comparable(ours) != comparable(hand) {
        return Err(format!(
            "headers differ:\n  ours: {:?}\n  hand: {:?}",
            comparable(ours),
            comparable(hand)
        ));
    }
    Ok(())
}

async fn check_same_requests(contenders: &Contenders, recorder: &Recorder) -> Result<(), String> {
    let pairs = [
        (Who::OursToken, Who::HandToken),
        (Who::OursToken, Who::HandTimeoutToken),
        (Who::OursAkSk, Who::HandAkSk),
        (Who::OursAkSk, Who::HandTimeoutAkSk),
    ];
    for (ours, hand) in pairs {
        *recorder.seen.lock().unwrap() = Some(Vec::new());
        contenders.call(ours).await?;
        contenders.call(hand).await?;
        let seen = recorder.seen.lock().unwrap().take().unwrap_or_default();
        let [a, b] = seen.as_slice() else {
            return Err(format!("the server saw {} requests, not 2", seen.len()));
        };
        same_request(a, b).map_err(|e| format!("{ours:?} vs {hand:?}: {e}"))?;
    }
    Ok(())
}

struct Args {
    /// `--loop WHO`: only `WHO` (a contender, or `sign`) in a loop, for `strace` and `perf`.
    only: Option<Only>,
    /// Calls (or signings) of that loop.
    calls: usize,
    rounds: usize,
    batch: usize,
    sign_batches: usize,
    /// Signings per timed batch. Small batches fit in one time slice of a loaded machine,
    /// so a preempted batch is an outlier the median ignores, not every batch.
    sign_per_batch: usize,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: bench-client [--rounds R] [--batch B] [--sign-batches S] [--sign-per-batch N] \
         | --loop ours-token|reqwest-token|reqwest-timeout-token|ours-aksk|reqwest-aksk|reqwest-timeout-aksk|sign [--calls N]";
    let mut args = Args {
        only: None,
        calls: 20_000,
        rounds: 200,
        batch: 25,
        sign_batches: 200,
        sign_per_batch: 1000,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        if flag == "--loop" {
            let name = given.next().unwrap_or_default();
            args.only = Some(Only::named(&name).ok_or_else(|| {
                format!("`--loop` takes a contender or `sign`, not `{name}`; {usage}")
            })?);
            continue;
        }
        let value: usize = given
            .next()
            .and_then(|v| v.parse().ok())
            .filter(|&v| v > 0)
            .ok_or_else(|| format!("`{flag}` takes a positive count; {usage}"))?;
        match flag.as_str() {
            "--rounds" => args.rounds = value,
            "--batch" => args.batch = value,
            "--sign-batches" => args.sign_batches = value,
            "--sign-per-batch" => args.sign_per_batch = value,
            "--calls" => args.calls = value,
            _ => return Err(format!("unknown option `{flag}`; {usage}")),
        }
    }
    Ok(args)
}

async fn time_calls(contenders: &Contenders, args: &Args) -> Result<serde_json::Value, String> {
    // Warm up: connections open, allocator and caches settled.
    for _ in 0..50 {
        for who in EVERYONE {
            contenders.call(who).await?;
        }
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); EVERYONE.len()];
    for round in 0..args.rounds {
        report_progress("calls", round, args.rounds);
        for turn in 0..EVERYONE.len() {
            let index = (round + turn) % EVERYONE.len();
            for _ in 0..args.batch {
                let started = Instant::now();
                let users = contenders.call(EVERYONE[index]).await?;
                samples[index].push(started.elapsed().as_secs_f64() * 1e6);
                if users != 2 {
                    return Err(format!("{:?} read {users} users, not 2", EVERYONE[index]));
                }
            }
        }
    }
    let mut stat = |who: Who| {
        let index = EVERYONE.iter().position(|w| *w == who).unwrap_or_default();
        summary(&mut samples[index])
    };
    Ok(serde_json::json!({
        "token": {
            "ours": stat(Who::OursToken),
            "reqwest": stat(Who::HandToken),
            "reqwest_timeout": stat(Who::HandTimeoutToken),
        },
        "aksk": {
            "ours": stat(Who::OursAkSk),
            "reqwest": stat(Who::HandAkSk),
            "reqwest_timeout": stat(Who::HandTimeoutAkSk),
        },
    }))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if let Some(only) = args.only {
        return run_alone(only, args.calls);
    }
    let signing = time_signing(args.sign_batches, args.sign_per_batch)?;
    let recorder = Recorder::default();
    let addr = start_server(recorder.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let calls = runtime.block_on(async {
        let contenders = Contenders::new(addr)?;
        check_same_requests(&contenders, &recorder).await?;
        time_calls(&contenders, &args).await
    })?;
    let report = serde_json::json!({
        "unit": {"calls": "µs", "signing": "ns"},
        "rounds": args.rounds,
        "batch": args.batch,
        "calls": calls,
        "signing": signing,
    });
    println!("{report}");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
