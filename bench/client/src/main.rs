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

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use generated_client::runtime::signing::{RequestParts, huawei};
use generated_client::{Credentials, ddm};
use serde::{Deserialize, Serialize};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

mod alone;
mod signing;
use alone::{Only, run_alone};
use signing::{signed_headers, time_signing};

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE: &str = "b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7in09";
const TOKEN: &str = "MIIDtgYJKoZIhvcNAQcCoIIDpzCCA6MCAQExDTALBglghkgBZQMEAgEwgXXX";
const ACCESS_KEY: &str = "HPUABCDEFGHIJKLMNOPQ";
const SECRET_KEY: &str = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0";
/// What the generated client sends as `User-Agent`; the hand-written code sends the same.
const USER_AGENT: &str = "generated-client/0.1.0 (ddm)";
const ANSWER: &str = r#"{"users":[{"name":"ddm_user1"},{"name":"ddm_user2"}]}"#;

// ---- the server ------------------------------------------------------------------------

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: Method,
    uri: Uri,
    headers: Vec<(String, String)>,
    body: Bytes,
}

#[derive(Clone, Default)]
struct Recorder {
    /// `Some` while recording.
    seen: Arc<Mutex<Option<Vec<Seen>>>>,
}

async fn answer(
    State(recorder): State<Recorder>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> ([(&'static str, &'static str); 1], &'static str) {
    if let Some(seen) = recorder.seen.lock().unwrap().as_mut() {
        seen.push(Seen {
            method,
            uri,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("?").to_string()))
                .collect(),
            body,
        });
    }
    ([("content-type", "application/json")], ANSWER)
}

/// Serves on 127.0.0.1 from its own thread (its own single-threaded runtime), so the server
/// and the client each have a core of their own on a two-core machine.
fn start_server(recorder: Recorder) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener
        .set_nonblocking(true)
        .expect("nonblocking listener");
    let addr = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            let app = Router::new()
                .route(
                    "/v1/{project_id}/instances/{instance_id}/users",
                    axum::routing::post(answer),
                )
                .with_state(recorder);
            axum::serve(listener, app).await.expect("server runs");
        });
    });
    addr
}

// ---- the hand-written contender --------------------------------------------------------

/// The request body, as one would write it by hand for this call.
#[derive(Serialize)]
struct NewUsers<'a> {
    users: Vec<NewUser<'a>>,
}

#[derive(Serialize)]
struct NewUser<'a> {
    name: &'a str,
    password: &'a str,
    base_authority: Vec<&'a str>,
    extend_authority: Vec<&'a str>,
    databases: Vec<Database<'a>>,
}

#[derive(Serialize)]
struct Database<'a> {
    name: &'a str,
}

#[derive(Deserialize)]
struct Created {
    users: Vec<CreatedUser>,
}

#[derive(Deserialize)]
struct CreatedUser {
    #[allow(dead_code)]
    name: String,
}

enum HandAuth {
    Token,
    AkSk,
}

/// Plain reqwest: serialize, add the headers, sign if asked, send, check the status, decode.
/// No validation, retries or tracing: the least a caller can do; with `timeout`, the whole
/// exchange runs under `tokio::time::timeout`, as careful code would.
struct HandWritten {
    http: reqwest::Client,
    host: String,
    path: String,
    url: String,
    auth: HandAuth,
    timeout: Option<Duration>,
}

impl HandWritten {
    fn new(addr: std::net::SocketAddr, auth: HandAuth, timeout: Option<Duration>) -> Self {
        let host = addr.to_string();
        let path = format!("/v1/{PROJECT}/instances/{INSTANCE}/users");
        HandWritten {
            http: reqwest::Client::new(),
            url: format!("http://{host}{path}"),
            host,
            path,
            auth,
            timeout,
        }
    }

    async fn create_users(&self, body: &NewUsers<'_>) -> Result<Created, String> {
        match self.timeout {
            Some(limit) => tokio::time::timeout(limit, self.exchange(body))
                .await
                .map_err(|_| "timed out".to_string())?,
            None => self.exchange(body).await,
        }
    }

    async fn exchange(&self, body: &NewUsers<'_>) -> Result<Created, String> {
        let body = serde_json::to_vec(body).map_err(|e| e.to_string())?;
        let mut headers: Vec<(String, String)> = vec![
            ("User-Agent".into(), USER_AGENT.into()),
            (
                "Content-Type".into(),
                "application/json;charset=utf-8".into(),
            ),
        ];
        match self.auth {
            HandAuth::Token => headers.push(("X-Auth-Token".into(), TOKEN.into())),
            HandAuth::AkSk => {
                headers.push(("X-Project-Id".into(), PROJECT.into()));
                let date = huawei::format_sdk_date(SystemTime::now());
                headers.push(("X-Sdk-Date".into(), date.clone()));
                let parts = RequestParts {
                    method: "POST",
                    host: &self.host,
                    path: &self.path,
                    query: &[],
                    headers: &headers,
                    body: &body,
                };
                let signature = huawei::sign(ACCESS_KEY, SECRET_KEY, &date, &parts)
                    .map_err(|e| e.to_string())?;
                headers.push(("Authorization".into(), signature.authorization));
            }
        }
        let mut request = self.http.post(&self.url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let response = request.body(body).send().await.map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()));
        }
        let bytes = response.bytes().await.map_err(|e| e.to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    }
}

fn hand_body() -> NewUsers<'static> {
    NewUsers {
        users: vec![NewUser {
            name: "ddm_user1",
            password: "Axejs@98a!",
            base_authority: vec!["SELECT", "INSERT", "UPDATE"],
            extend_authority: vec!["fulltableSelect"],
            databases: vec![Database { name: "orders" }],
        }],
    }
}

fn generated_body() -> ddm::CreateUsersRequest {
    ddm::CreateUsersRequest {
        users: vec![ddm::CreateDdmUsersInfo {
            name: "ddm_user1".into(),
            password: "Axejs@98a!".into(),
            base_authority: vec![
                ddm::BaseAuthority::Select,
                ddm::BaseAuthority::Insert,
                ddm::BaseAuthority::Update,
            ],
            extend_authority: Some(vec![ddm::ExtendAuthority::FulltableSelect]),
            description: None,
            databases: Some(vec![ddm::CreateDdmUsersDatabases {
                name: "orders".into(),
            }]),
        }],
    }
}

// ---- the contest -----------------------------------------------------------------------

struct Contenders {
    ours_token: ddm::Client,
    ours_aksk: ddm::Client,
    hand_token: HandWritten,
    hand_aksk: HandWritten,
    hand_timeout_token: HandWritten,
    hand_timeout_aksk: HandWritten,
    generated_body: ddm::CreateUsersRequest,
    hand_body: NewUsers<'static>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    OursToken,
    HandToken,
    HandTimeoutToken,
    OursAkSk,
    HandAkSk,
    HandTimeoutAkSk,
}

const EVERYONE: [Who; 6] = [
    Who::OursToken,
    Who::HandToken,
    Who::HandTimeoutToken,
    Who::OursAkSk,
    Who::HandAkSk,
    Who::HandTimeoutAkSk,
];

/// The per-attempt limit of our runtime's default `Timeouts`, for the careful hand-written code.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

impl Contenders {
    fn new(addr: std::net::SocketAddr) -> Result<Self, String> {
        let ours = |credentials| {
            ddm::Client::builder()
                .endpoint(format!("http://{addr}"))
                .allow_insecure_http()
                .project_id(PROJECT)
                .credentials(credentials)
                .build()
                .map_err(|e| e.to_string())
        };
        Ok(Contenders {
            ours_token: ours(Credentials::token(TOKEN))?,
            ours_aksk: ours(Credentials::aksk(ACCESS_KEY, SECRET_KEY))?,
            hand_token: HandWritten::new(addr, HandAuth::Token, None),
            hand_aksk: HandWritten::new(addr, HandAuth::AkSk, None),
            hand_timeout_token: HandWritten::new(addr, HandAuth::Token, Some(CALL_TIMEOUT)),
            hand_timeout_aksk: HandWritten::new(addr, HandAuth::AkSk, Some(CALL_TIMEOUT)),
            generated_body: generated_body(),
            hand_body: hand_body(),
        })
    }

    /// One call; the number of users in the answer, so a wrong answer cannot pass unseen.
    async fn call(&self, who: Who) -> Result<usize, String> {
        match who {
            Who::OursToken => self.ours(&self.ours_token).await,
            Who::OursAkSk => self.ours(&self.ours_aksk).await,
            Who::HandToken => self.hand(&self.hand_token).await,
            Who::HandAkSk => self.hand(&self.hand_aksk).await,
            Who::HandTimeoutToken => self.hand(&self.hand_timeout_token).await,
            Who::HandTimeoutAkSk => self.hand(&self.hand_timeout_aksk).await,
        }
    }

    async fn ours(&self, client: &ddm::Client) -> Result<usize, String> {
        let created = client
            .create_users(INSTANCE, &self.generated_body)
            .await
            .map_err(|e| e.to_string())?;
        Ok(created.users.map_or(0, |users| users.len()))
    }

    async fn hand(&self, client: &HandWritten) -> Result<usize, String> {
        let created = client.create_users(&self.hand_body).await?;
        Ok(created.users.len())
    }
}

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

/// A progress line on stderr at every tenth of `total` (stdout carries the result).
fn report_progress(what: &str, done: usize, total: usize) {
    if done.is_multiple_of(total.div_ceil(10)) {
        eprintln!("bench-client: {what}, {done} of {total} done");
    }
}

/// Median and 99th percentile of `samples` (sorted here), in the samples' unit.
fn summary(samples: &mut [f64]) -> serde_json::Value {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    let median = if !n.is_multiple_of(2) {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    };
    let p99 = samples[((n as f64 * 0.99).ceil() as usize).clamp(1, n) - 1];
    serde_json::json!({"median": median, "p99": p99, "samples": n})
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
    let signing = time_signing(&args)?;
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
