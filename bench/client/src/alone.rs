//! `bench-client --loop WHO [--calls N]`: one contender (or signing alone) in a loop and
//! nothing else, a process to watch with `strace -f -c` or `perf record -g`.

use super::contenders::{
    ACCESS_KEY, Contenders, Recorder, SECRET_KEY, SigningInput, Who, start_server,
};
use generated_client::runtime::signing::huawei;
use std::hint::black_box;
use std::time::Instant;

/// What `--loop` runs on its own.
#[derive(Clone, Copy)]
pub(crate) enum Only {
    Call(Who),
    Sign,
}

impl Only {
    pub(crate) fn named(name: &str) -> Option<Only> {
        Some(match name {
            "ours-token" => Only::Call(Who::OursToken),
            "reqwest-token" => Only::Call(Who::HandToken),
            "reqwest-timeout-token" => Only::Call(Who::HandTimeoutToken),
            "ours-aksk" => Only::Call(Who::OursAkSk),
            "reqwest-aksk" => Only::Call(Who::HandAkSk),
            "reqwest-timeout-aksk" => Only::Call(Who::HandTimeoutAkSk),
            "sign" => Only::Sign,
            _ => return None,
        })
    }
}

/// One contender (or signing) `calls` times in a row, nothing else: a process to watch
/// with `strace -f -c` or `perf record`. Prints the mean per call on stderr.
pub(crate) fn run_alone(only: Only, calls: usize) -> Result<(), String> {
    let started;
    match only {
        Only::Sign => {
            let input = SigningInput::now()?;
            let (date, parts) = (&input.date, input.parts());
            started = Instant::now();
            for _ in 0..calls {
                let signature = huawei::sign(ACCESS_KEY, SECRET_KEY, date, black_box(&parts))
                    .map_err(|e| e.to_string())?;
                black_box(signature);
            }
        }
        Only::Call(who) => {
            let addr = start_server(Recorder::default());
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            let contenders = Contenders::new(addr)?;
            started = runtime.block_on(async {
                // The connection opens outside the loop, as in the contest.
                contenders.call(who).await?;
                let started = Instant::now();
                for _ in 0..calls {
                    contenders.call(who).await?;
                }
                Ok::<_, String>(started)
            })?;
        }
    }
    let per_call = started.elapsed().as_secs_f64() * 1e6 / calls as f64;
    eprintln!("bench-client: {calls} in a row, {per_call:.2} µs each");
    Ok(())
}
