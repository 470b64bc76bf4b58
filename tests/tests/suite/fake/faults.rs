//! The fault matrix: what each fault a server or a network can produce ends with, for every
//! operation of every generated client, over real HTTP on 127.0.0.1.
//!
//! The matrix is data ([`MATRIX`]). One test runs every row against every operation of the
//! specs in `specs/` and checks the typed error, the exact number of requests the server
//! saw under a small retry policy, and what the error kept of the last answer; an
//! operation fake-cloud has no route for, or that has no example request, fails it by
//! name. Another checks that `docs/FAULTS.md` shows this very matrix.

mod docs;

use client_tests::{every_operation, unreachable};

use Ends::{Api, Decode, Transport};
use Keeps::{Answer, Nothing, PartOfAnswer, PrefixOfAnswer};
use every_operation::{
    Op, SpecOperation, Target, call, covered_operations, example, fake_operation, is_idempotent,
    spec_operations,
};
use fake_cloud::{FakeCloud, Fault, Service, codes};
use generated_client::runtime::TimeoutKind;
use generated_client::{Credentials, Error, RetryPolicy, Timeouts};
use serde_json::Value;
use std::time::{Duration, SystemTime};
use unreachable::{closed_port, full_listener};

/// How a call ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ends {
    Ok,
    Api,
    Decode,
    Transport,
    Timeout(TimeoutKind),
    TooLarge,
    /// `build()` refused the configuration: nothing was sent.
    Config,
}

/// How a call ends, and after how many attempts.
#[derive(Clone, Copy, Debug)]
struct Outcome {
    ends: Ends,
    attempts: u32,
}

const fn ends(ends: Ends, attempts: u32) -> Outcome {
    Outcome { ends, attempts }
}

/// What the error keeps of the last answer.
#[derive(Clone, Copy, Debug)]
enum Keeps {
    /// Its status, its body byte for byte, its request id (`X-Request-Id`, or OCP's `traceId`).
    Answer,
    /// Status 200, the bytes that arrived before the connection broke, the request id header.
    PartOfAnswer,
    /// Its status, the first bytes of its body (at most 64 KiB), its request id header.
    PrefixOfAnswer,
    /// Nothing: no answer came.
    Nothing,
    /// The call succeeded.
    Success,
}

/// What is at the other end.
enum Server {
    /// fake-cloud, answering the first `times` requests of the operation with the fault
    /// (made in the service's own error shape), then normally.
    Fake {
        fault: fn(Service) -> Fault,
        times: usize,
    },
    /// Nothing listens on the port: the connection is refused.
    NothingListening,
    /// A listener whose accept queue is full: the connection is never opened.
    BacklogFull,
    /// fake-cloud, but the client is given a token (DDM, DWS) or access key id (OCP) with
    /// CR LF in it, which no header can carry.
    UnsendableCredentials,
}

struct Row {
    /// What happens, as the docs say it.
    case: &'static str,
    server: Server,
    timeouts: Timeouts,
    /// A POST (not idempotent) and a GET, PUT or DELETE (idempotent).
    post: Outcome,
    put: Outcome,
    keeps: Keeps,
    /// Operations that end otherwise, and why.
    except: &'static [(Which, Outcome, &'static str)],
}

/// The operations an exception of the matrix is about.
#[derive(Clone, Copy, Debug)]
enum Which {
    /// Every operation of a service.
    Service(Service),
    /// Every operation whose success may come without a body, as its spec says.
    BodyOptional,
}

impl Which {
    fn applies(self, spec: &SpecOperation, op: Op) -> bool {
        match self {
            Which::Service(service) => op.service() == service,
            Which::BodyOptional => spec.body_optional,
        }
    }

    fn describe(self) -> String {
        match self {
            Which::Service(service) => format!("every `{service}` operation"),
            Which::BodyOptional => "operations whose answer may have no body".into(),
        }
    }
}

/// Faults repeat for more requests than the policy makes.
const ALWAYS: usize = 10;
const PATIENT: Timeouts = Timeouts {
    connect: Duration::from_secs(10),
    attempt: Duration::from_secs(20),
    total: Duration::from_secs(60),
};
// Long enough that a request reaches the server inside the limit on a loaded 2-core
// machine; the rows that use them run apart from the heavy ones (see the matrix test).
const SHORT_ATTEMPT: Timeouts = Timeouts {
    attempt: Duration::from_millis(1000),
    ..PATIENT
};
const SHORT_CONNECT: Timeouts = Timeouts {
    connect: Duration::from_millis(1000),
    ..PATIENT
};
const SHORT_TOTAL: Timeouts = Timeouts {
    total: Duration::from_millis(1500),
    ..PATIENT
};
/// Past the client's default answer limit (16 MiB).
const OVERSIZE: usize = 17 * 1024 * 1024;
/// How much of an oversize answer the error keeps at most.
const OVERSIZE_PREFIX: usize = 64 * 1024;
/// How long one case may take before it counts as hanging.
const CASE_LIMIT: Duration = Duration::from_secs(90);

/// Longer than any limit above: an answer that never comes.
const NEVER: Duration = Duration::from_secs(60);

fn policy() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(4),
        retry_non_idempotent: false,
    }
}

/// An error answer in the service's own shape.
fn error_in_shape(service: Service, status: u16, code: &str) -> Fault {
    let message = "injected by the fault matrix";
    match service {
        Service::Ddm => Fault::ddm_error(status, code, message),
        Service::Dws => Fault::dws_error(status, code, message),
        Service::Ocp => Fault::ocp_error(status, code.parse().unwrap_or(10001), message),
    }
}

/// A generic error: a parameter error code of the service.
fn service_error(service: Service, status: u16) -> Fault {
    let code = match service {
        Service::Ddm => codes::ddm::CODE_PARAMETER.to_string(),
        Service::Dws => codes::dws::CODE_PARAMETER.to_string(),
        Service::Ocp => codes::ocp::CODE_ILLEGAL_ARGUMENT.to_string(),
    };
    error_in_shape(service, status, &code)
}

fn http_date(offset_seconds: i64) -> String {
    let now = SystemTime::now();
    let when = if offset_seconds >= 0 {
        now + Duration::from_secs(offset_seconds as u64)
    } else {
        now - Duration::from_secs(offset_seconds.unsigned_abs())
    };
    generated_client::runtime::signing::ocp::format_http_date(when)
}

const fn row(case: &'static str, server: Server, post: Outcome, put: Outcome, keeps: Keeps) -> Row {
    Row {
        case,
        server,
        timeouts: PATIENT,
        post,
        put,
        keeps,
        except: &[],
    }
}

impl Row {
    const fn within(self, timeouts: Timeouts) -> Row {
        Row { timeouts, ..self }
    }

    /// Whether the row's timeouts are shorter than the patient ones its case runs out.
    fn ends_on_a_timeout(&self) -> bool {
        self.timeouts.connect < PATIENT.connect
            || self.timeouts.attempt < PATIENT.attempt
            || self.timeouts.total < PATIENT.total
    }

    const fn except(self, except: &'static [(Which, Outcome, &'static str)]) -> Row {
        Row { except, ..self }
    }

    fn expected(&self, spec: &SpecOperation, op: Op) -> Outcome {
        self.except
            .iter()
            .find(|(which, _, _)| which.applies(spec, op))
            .map(|(_, outcome, _)| *outcome)
            .unwrap_or(if is_idempotent(op) {
                self.put
            } else {
                self.post
            })
    }
}

/// fake-cloud answers every request of the operation with the fault.
const fn always(fault: fn(Service) -> Fault) -> Server {
    Server::Fake {
        fault,
        times: ALWAYS,
    }
}

#[rustfmt::skip]
const MATRIX: &[Row] = &[
    row("500 with the service's error body", always(|s| service_error(s, 500)), ends(Api, 1), ends(Api, 1), Answer),
    row("500 with an HTML error page", always(|_| Fault::html(500)), ends(Api, 1), ends(Api, 1), Answer),
    row("502 with a gateway's HTML page", always(|_| Fault::html(502)), ends(Api, 1), ends(Api, 3), Answer),
    row("503 with the service's error body, no `Retry-After`", always(|s| service_error(s, 503)), ends(Api, 3), ends(Api, 3), Answer),
    row("503 with `Retry-After: 0`", always(|s| service_error(s, 503).with_retry_after("0")), ends(Api, 3), ends(Api, 3), Answer),
    row("503 with `Retry-After: 3600` (past the total timeout: not waited out)",
        always(|s| service_error(s, 503).with_retry_after("3600")), ends(Api, 1), ends(Api, 1), Answer),
    row("503 with `Retry-After` as an HTTP date an hour ahead",
        always(|s| service_error(s, 503).with_retry_after(http_date(3600))), ends(Api, 1), ends(Api, 1), Answer),
    row("503 with `Retry-After` as an HTTP date already past",
        always(|s| service_error(s, 503).with_retry_after(http_date(-60))), ends(Api, 3), ends(Api, 3), Answer),
    row("503 once, then the normal answer", Server::Fake { fault: |s| service_error(s, 503), times: 1 },
        ends(Ends::Ok, 2), ends(Ends::Ok, 2), Keeps::Success),
    row("504 with a gateway's HTML page", always(|_| Fault::html(504)), ends(Api, 1), ends(Api, 3), Answer),
    row("429 with the service's error body", always(|s| service_error(s, 429)), ends(Api, 3), ends(Api, 3), Answer),
    row("409 with the service's busy code (DDM `DBS.200019`, DWS `DWS.0011`)", always(busy), ends(Api, 3), ends(Api, 3), Answer)
        .except(&[(Which::Service(Service::Ocp), ends(Api, 1), "OCP has no busy code: its 409 is final")]),
    row("409 with another code", always(not_busy), ends(Api, 1), ends(Api, 1), Answer),
    row("200 with malformed JSON", always(|_| Fault::status(200, r#"{"data": {"name": "x", "#, "application/json")),
        ends(Decode, 1), ends(Decode, 1), Answer),
    row("200 with an HTML page (a proxy's login page)",
        always(|_| Fault::status(200, "<html><body>Sign in</body></html>", "text/html")), ends(Decode, 1), ends(Decode, 1), Answer),
    row("200 with an empty body where JSON is expected", always(|_| Fault::status(200, "", "application/json")),
        ends(Decode, 1), ends(Decode, 1), Answer)
        .except(&[(Which::BodyOptional, ends(Ends::Ok, 1),
            "empty reads as `{}` (DDM's 202 without a job id, DWS's user changes) or as nothing (OCP's acknowledgements)")]),
    row("200 whose body is cut short (`Content-Length` longer than what comes, then FIN)", always(|_| Fault::TruncatedBody),
        ends(Transport, 1), ends(Transport, 3), PartOfAnswer),
    row("connection reset in the middle of a 200", always(|_| Fault::ResetMidResponse),
        ends(Transport, 1), ends(Transport, 3), PartOfAnswer),
    row("connection closed before any answer", always(|_| Fault::DropConnection), ends(Transport, 1), ends(Transport, 3), Nothing),
    row("the answer never comes (per-attempt timeout 1 s)", always(|_| Fault::Delay(NEVER)),
        ends(Ends::Timeout(TimeoutKind::Attempt), 1), ends(Ends::Timeout(TimeoutKind::Attempt), 3), Nothing)
        .within(SHORT_ATTEMPT),
    row("the answer never comes and the total timeout (1.5 s) runs out first", always(|_| Fault::Delay(NEVER)),
        ends(Ends::Timeout(TimeoutKind::Total), 1), ends(Ends::Timeout(TimeoutKind::Total), 1), Nothing)
        .within(SHORT_TOTAL),
    row("connection refused (nothing listens; the server sees no request)", Server::NothingListening,
        ends(Transport, 3), ends(Transport, 3), Nothing),
    row("connection never opened (accept queue full; connect timeout 1 s)", Server::BacklogFull,
        ends(Ends::Timeout(TimeoutKind::Connect), 3), ends(Ends::Timeout(TimeoutKind::Connect), 3), Nothing)
        .within(SHORT_CONNECT),
    row("200 with a body over the answer limit (17 MiB; the default limit is 16 MiB): not read further, not retried",
        always(|_| Fault::status(200, "x".repeat(OVERSIZE), "application/json")),
        ends(Ends::TooLarge, 1), ends(Ends::TooLarge, 1), PrefixOfAnswer),
    row("a token or access key id with CR LF in it: `build()` refuses it, nothing is sent", Server::UnsendableCredentials,
        ends(Ends::Config, 0), ends(Ends::Config, 0), Nothing),
];

fn busy(service: Service) -> Fault {
    match service {
        Service::Ddm => error_in_shape(service, 409, "DBS.200019"),
        Service::Dws => error_in_shape(service, 409, "DWS.0011"),
        Service::Ocp => service_error(service, 409),
    }
}

fn not_busy(service: Service) -> Fault {
    match service {
        Service::Ddm => error_in_shape(service, 409, codes::ddm::CODE_ACCOUNT_EXISTS),
        Service::Dws => error_in_shape(service, 409, "DWS.0012"),
        Service::Ocp => error_in_shape(service, 409, &codes::ocp::CODE_USER_EXISTS.to_string()),
    }
}

fn ends_of(result: &Result<(), Error>) -> Option<Ends> {
    Some(match result {
        Ok(()) => Ends::Ok,
        Err(Error::Api(_)) => Ends::Api,
        Err(Error::Decode(_)) => Ends::Decode,
        Err(Error::Transport(_)) => Ends::Transport,
        Err(Error::Timeout(t)) => Ends::Timeout(t.kind),
        Err(Error::TooLarge(_)) => Ends::TooLarge,
        Err(Error::Config(_)) => Ends::Config,
        Err(_) => return None,
    })
}

fn point_at(target: &mut Target, url: &str) {
    target.ddm = url.to_string();
    target.dws = url.to_string();
    target.ocp = url.to_string();
}

/// Runs one row against one operation; `Err` says what differed.
async fn run(row: &Row, spec: &SpecOperation, op: Op) -> Result<(), String> {
    let expected = row.expected(spec, op);
    let fake = FakeCloud::start().await;
    let mut target = Target::fake(&fake);
    target.retry = policy();
    target.timeouts = row.timeouts;
    // What must exist for the normal answer to be a success (an account to change).
    // Set up within patient limits: a row's short limits are for the call it tests.
    if let Some(prepare) = example(op).and_then(|e| e.needs) {
        let setup = Target {
            timeouts: PATIENT,
            ..target.clone()
        };
        prepare(&setup)
            .await
            .map_err(|e| format!("setting up: {e}"))?;
    }
    let mut injected = None;
    let _full_listener;
    let _closed_port;
    match &row.server {
        Server::Fake { fault, times } => {
            let fault = fault(op.service());
            fake.inject(op, fault.clone(), *times);
            injected = Some(fault);
        }
        Server::NothingListening => {
            let closed = closed_port();
            point_at(&mut target, &closed.url);
            _closed_port = closed;
        }
        Server::BacklogFull => {
            let listener = full_listener().await;
            point_at(&mut target, &listener.url);
            _full_listener = listener;
        }
        Server::UnsendableCredentials => {
            target.huawei = Credentials::token("token\r\nX-Injected: 1");
            target.ocp_credentials = Credentials::ocp_access_key("id\r\nX-Injected: 1", "secret");
        }
    }

    let result = call(&target, op).await;

    let mut problems = Vec::new();
    let got = ends_of(&result);
    if got != Some(expected.ends) {
        problems.push(format!(
            "ends with {result:?}, expected {:?}",
            expected.ends
        ));
    }
    let seen = fake.request_count(op);
    let expected_seen = match row.server {
        Server::Fake { .. } | Server::UnsendableCredentials => expected.attempts as usize,
        Server::NothingListening | Server::BacklogFull => 0,
    };
    if seen != expected_seen {
        problems.push(format!(
            "the server saw {seen} requests, expected {expected_seen}"
        ));
    }
    if let Err(error) = &result {
        if error.attempts() != expected.attempts {
            problems.push(format!(
                "the error says {} attempts, expected {}",
                error.attempts(),
                expected.attempts
            ));
        }
        let text = error.to_string();
        if expected.attempts > 1 && !text.contains(&format!("after {} attempts", expected.attempts))
        {
            problems.push(format!("the message does not count the attempts: {text}"));
        }
        // The request id the last answer carried, if one came: a header from the Huawei
        // services, `traceId` in OCP's body.
        let last_id = fake
            .requests()
            .iter()
            .rev()
            .find(|r| r.operation == Some(op))
            .map(|r| r.request_id.clone());
        if let Some(problem) = check_kept(row.keeps, error, injected.as_ref(), op, last_id) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Whether the error kept what the row says; `Some(problem)` when not.
fn check_kept(
    keeps: Keeps,
    error: &Error,
    injected: Option<&Fault>,
    op: Op,
    last_request_id: Option<String>,
) -> Option<String> {
    let huawei = op.service() != Service::Ocp;
    let body = error.body().unwrap_or_default();
    // The status, whether the body is right, and the request id the error must keep.
    let (status, body_is_right, request_id) = match keeps {
        Keeps::Success => return Some(format!("an error where success was expected: {error}")),
        Keeps::Nothing => {
            return (error.status().is_some() || error.body().is_some())
                .then(|| format!("an answer is kept where none came: {error:?}"));
        }
        Keeps::Answer => {
            let Some(Fault::Status {
                status, body: sent, ..
            }) = injected
            else {
                return Some("the row keeps an answer but injects no status fault".into());
            };
            let trace_id = || {
                let json = serde_json::from_str::<Value>(sent).ok()?;
                json["traceId"].as_str().map(str::to_string)
            };
            let id = if huawei { last_request_id } else { trace_id() };
            (*status, body == sent.as_bytes(), id)
        }
        Keeps::PrefixOfAnswer => {
            let Some(Fault::Status {
                status, body: sent, ..
            }) = injected
            else {
                return Some("the row keeps a prefix but injects no status fault".into());
            };
            let prefix = !body.is_empty()
                && body.len() <= OVERSIZE_PREFIX
                && sent.as_bytes().starts_with(body);
            (*status, prefix, last_request_id.filter(|_| huawei))
        }
        Keeps::PartOfAnswer => {
            // Some bytes, but not a whole JSON document.
            let partial = !body.is_empty() && serde_json::from_slice::<Value>(body).is_err();
            (200, partial, last_request_id.filter(|_| huawei))
        }
    };
    if error.status() != Some(status) {
        Some(format!("status {:?}, expected {status}", error.status()))
    } else if !body_is_right {
        Some(format!(
            "body {:?} is not what the answer sent",
            String::from_utf8_lossy(body)
        ))
    } else if error.request_id() != request_id.as_deref() {
        Some(format!(
            "request id {:?}, expected {request_id:?}",
            error.request_id()
        ))
    } else {
        None
    }
}

#[test]
fn every_spec_operation_has_a_fake_route_and_an_example() {
    let (_, mut problems) = covered_operations();
    let specs = spec_operations();
    for op in Op::ALL {
        if !specs.iter().any(|spec| fake_operation(spec) == Ok(op)) {
            problems.push(format!(
                "fake-cloud's {op:?} (`{} {}`) serves no operation of the specs",
                op.method(),
                op.path_template()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_on_every_operation() {
    // An operation without a route or an example is a failure here too, not a skip.
    let (covered, mut failures) = covered_operations();
    for row in MATRIX {
        for (which, _, _) in row.except {
            if !covered.iter().any(|(spec, op)| which.applies(spec, *op)) {
                failures.push(format!(
                    "{}: the exception for {which:?} is about no operation of the specs",
                    row.case
                ));
            }
        }
    }
    // The rows that end on a timeout run after the others, one case at a time per row:
    // beside the oversize answers, the retries and the client set-ups of the other rows, a
    // loaded machine held a request back past a short limit and the server counted one
    // too few.
    let (timed, untimed): (Vec<&'static Row>, Vec<&'static Row>) =
        MATRIX.iter().partition(|row| row.ends_on_a_timeout());
    for rows in [untimed, timed] {
        let mut runs = Vec::new();
        for row in rows {
            let covered = covered.clone();
            runs.push(tokio::spawn(async move {
                let mut failures = Vec::new();
                for (spec, op) in covered {
                    failures.extend(run_case(row, spec, op).await);
                }
                failures
            }));
        }
        for run in runs {
            failures.extend(run.await.expect("a row panicked"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from the matrix:\n{}",
        failures.len(),
        MATRIX.len() * covered.len(),
        failures.join("\n")
    );
}

/// One row on one operation, under its own limit: a case that hangs fails, named, instead
/// of holding the whole run.
async fn run_case(row: &'static Row, spec: SpecOperation, op: Op) -> Option<String> {
    let outcome = tokio::time::timeout(CASE_LIMIT, run(row, &spec, op))
        .await
        .unwrap_or_else(|_| Err(format!("did not finish within {CASE_LIMIT:?}: it hangs")));
    outcome
        .err()
        .map(|problem| format!("{} × {}: {problem}", row.case, spec.name))
}
