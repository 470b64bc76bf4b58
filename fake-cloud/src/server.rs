//! HTTP serving below axum: one accept loop per service, one hyper connection
//! per socket, and the request pipeline shared by all three services
//! (fault → auth by headers → body within its limits → record → auth → content type →
//! axum router). A request whose credentials are wrong or missing is refused before its
//! body is read, and recorded without it; a body past the size or time limit is never
//! held whole.
//!
//! Faults that HTTP cannot express (no answer at all, a short body, a reset)
//! are carried out by taking the socket back from hyper and writing raw bytes.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service as _, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinSet;

use crate::auth::{HuaweiVerifier, OcpVerifier, Verifier};
use crate::faults::{Plan, WireFault};
use crate::http::{RequestCtx, RequestView, apigw_not_found, is_json};
use crate::journal::{Journal, RecordedRequest};
use crate::operations::{Operation, Service, routes};
use crate::state::Shared;
use crate::{ddm, dws, ids, ocp};

/// How long a graceful shutdown waits for open connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
/// Pause between sending the partial response and resetting, so the peer
/// reads the bytes before the RST arrives.
const RESET_PAUSE: Duration = Duration::from_millis(20);

/// Everything one service's listener needs to answer requests.
pub(crate) struct Endpoint {
    pub service: Service,
    pub journal: Arc<Journal>,
    pub router: Router,
    pub verifier: Box<dyn Verifier>,
    /// Largest request body read.
    pub max_body_bytes: usize,
    /// How long a request's head, and then its body, may take to arrive.
    pub body_timeout: Duration,
}

impl Endpoint {
    pub fn new(service: Service, shared: Arc<Shared>, journal: Arc<Journal>) -> Endpoint {
        // The routes come from the operations table; what the service answers to an
        // unknown path or method, and how it checks credentials, is the service's own.
        let routes = routes(service);
        let (routes, verifier): (_, Box<dyn Verifier>) = match service {
            Service::Ddm | Service::Dws => (
                routes
                    .fallback(apigw_not_found)
                    .method_not_allowed_fallback(apigw_not_found),
                Box::new(HuaweiVerifier::new(&shared.config)),
            ),
            Service::Ocp => (
                routes
                    .fallback(ocp::not_found)
                    .method_not_allowed_fallback(ocp::method_not_allowed),
                Box::new(OcpVerifier::new(&shared.config)),
            ),
        };
        Endpoint {
            service,
            journal,
            max_body_bytes: shared.config.max_body_bytes,
            body_timeout: shared.config.body_timeout,
            router: routes.with_state(shared),
            verifier,
        }
    }

    /// Huawei services put the request id in a header; OCP puts it in the body.
    fn uses_request_id_header(&self) -> bool {
        self.service != Service::Ocp
    }

    fn new_request_id(&self) -> String {
        match self.service {
            Service::Ocp => ids::hex16(),
            Service::Ddm | Service::Dws => ids::hex32(),
        }
    }

    /// The service's generic "bad request" answer.
    fn bad_request(&self, status: StatusCode, message: &str, ctx: &RequestCtx) -> Response {
        match self.service {
            Service::Ddm => ddm::error(status, ddm::CODE_PARAMETER, message),
            Service::Dws => dws::error(status, dws::CODE_PARAMETER, message),
            Service::Ocp => ocp::error_response(
                status,
                ocp::CODE_ILLEGAL_ARGUMENT,
                message,
                &ctx.id,
                ctx.started,
                None,
            ),
        }
    }
}

/// Where the request pipeline hands a socket-level fault to the connection task.
type TakeoverSlot = Arc<Mutex<Option<oneshot::Sender<WireFault>>>>;

/// Accepts connections until `shutdown` fires, then lets open connections
/// finish (bounded by [`SHUTDOWN_GRACE`]).
pub(crate) async fn accept_loop(
    listener: TcpListener,
    endpoint: Arc<Endpoint>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, endpoint.clone(), shutdown.clone()));
                }
                Err(error) => {
                    tracing::warn!(service = %endpoint.service, %error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    let drain = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(SHUTDOWN_GRACE, drain).await.is_err() {
        tracing::debug!(service = %endpoint.service, "closing connections still open after grace period");
    }
    // Dropping the JoinSet aborts whatever is left.
}

async fn serve_connection(
    stream: TcpStream,
    endpoint: Arc<Endpoint>,
    mut shutdown: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let head_timeout = endpoint.body_timeout;
    let (takeover_tx, mut takeover_rx) = oneshot::channel::<WireFault>();
    let slot: TakeoverSlot = Arc::new(Mutex::new(Some(takeover_tx)));
    let service = service_fn(move |request: Request<Incoming>| {
        let endpoint = endpoint.clone();
        let slot = slot.clone();
        async move { Ok::<_, Infallible>(handle(endpoint, slot, request).await) }
    });
    let mut connection = http1::Builder::new()
        .timer(TokioTimer::new())
        // A client that never finishes its head is dropped, not held.
        .header_read_timeout(head_timeout)
        .serve_connection(TokioIo::new(stream), service);
    let mut closing = *shutdown.borrow();
    if closing {
        std::pin::Pin::new(&mut connection).graceful_shutdown();
    }
    loop {
        tokio::select! {
            result = &mut connection => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            takeover = &mut takeover_rx => {
                match takeover {
                    Ok(fault) => {
                        let stream = connection.into_parts().io.into_inner();
                        write_wire_fault(stream, fault).await;
                    }
                    // The service (and its sender) is gone: the connection is over.
                    Err(_) => {
                        let _ = connection.await;
                    }
                }
                return;
            }
            _ = shutdown.changed(), if !closing => {
                closing = true;
                std::pin::Pin::new(&mut connection).graceful_shutdown();
            }
        }
    }
}

async fn write_wire_fault(mut stream: TcpStream, fault: WireFault) {
    if !fault.bytes.is_empty() {
        let _ = stream.write_all(&fault.bytes).await;
        let _ = stream.flush().await;
    }
    if fault.reset {
        tokio::time::sleep(RESET_PAUSE).await;
        let _ = stream.set_zero_linger();
    } else {
        let _ = stream.shutdown().await;
    }
    drop(stream);
}

/// The request pipeline.
async fn handle(
    endpoint: Arc<Endpoint>,
    slot: TakeoverSlot,
    request: Request<Incoming>,
) -> Response {
    let ctx = RequestCtx {
        id: endpoint.new_request_id(),
        started: Instant::now(),
    };
    let (mut parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let operation = Operation::matching(endpoint.service, &parts.method, parts.uri.path());
    // An injected fault comes before authentication (as a gateway's would).
    let fault = operation.and_then(|op| endpoint.journal.lock().take_fault(op));
    // Credentials carried by headers alone are checked before the body is read: an
    // unauthenticated request costs the fake no body, in memory or in the log.
    let refused = (operation.is_some() && fault.is_none())
        .then(|| refuse_by_headers(&endpoint, &parts, &ctx))
        .flatten();
    let body = match refused {
        Some(_) => Err(BodyRefused::NotRead),
        None => read_body(&endpoint, &parts.headers, body).await,
    };

    let recorded = RecordedRequest {
        service: endpoint.service,
        operation,
        method: parts.method.as_str().to_owned(),
        path,
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.as_ref().map(|b| b.to_vec()).unwrap_or_default(),
        request_id: ctx.id.clone(),
        status: None,
    };
    if let Some(response) = refused {
        let mut log = endpoint.journal.lock();
        log.record(recorded);
        log.record_status(&ctx.id, response.status().as_u16());
        return finish(&endpoint, response, &ctx);
    }
    endpoint.journal.lock().record(recorded);

    let log_path = parts.uri.path().to_owned();
    let method = parts.method.clone();
    let response = match body {
        Err(refused) => refused.answer(&endpoint, &ctx),
        Ok(bytes) => {
            let mut answer = None;
            if let Some(fault) = &fault {
                let request_id = endpoint.uses_request_id_header().then_some(ctx.id.as_str());
                match fault.plan(request_id) {
                    Plan::Respond(response) => answer = Some(response),
                    Plan::Delay(delay) => tokio::time::sleep(delay).await,
                    Plan::Wire(wire) => {
                        tracing::info!(
                            service = %endpoint.service, ?operation, %method, path = %log_path,
                            ?fault, "injected fault: taking over the connection"
                        );
                        let sender = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                        if let Some(sender) = sender
                            && sender.send(wire).is_ok()
                        {
                            // The connection task drops this future with the connection.
                            return std::future::pending().await;
                        }
                        answer = Some(endpoint.bad_request(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "fake-cloud could not carry out the injected fault.",
                            &ctx,
                        ));
                    }
                }
            }
            match answer {
                Some(response) => response,
                None => {
                    parts.extensions.insert(ctx.clone());
                    route(
                        &endpoint,
                        operation,
                        Request::from_parts(parts, bytes),
                        &ctx,
                    )
                    .await
                }
            }
        }
    };

    endpoint
        .journal
        .lock()
        .record_status(&ctx.id, response.status().as_u16());
    tracing::info!(
        service = %endpoint.service,
        ?operation,
        %method,
        path = %log_path,
        status = response.status().as_u16(),
        elapsed_ms = ctx.started.elapsed().as_millis() as u64,
        fault = ?fault,
        "request"
    );
    finish(&endpoint, response, &ctx)
}

/// Gives the answer the request id header of the Huawei services.
fn finish(endpoint: &Endpoint, mut response: Response, ctx: &RequestCtx) -> Response {
    if endpoint.uses_request_id_header()
        && !response.headers().contains_key("x-request-id")
        && let Ok(value) = HeaderValue::from_str(&ctx.id)
    {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Why a request body was not taken.
enum BodyRefused {
    /// The request was refused before its body was read.
    NotRead,
    /// Larger than the limit (by `Content-Length`, or counted while read).
    TooLarge,
    /// It did not arrive within the time limit.
    TooSlow,
    /// The connection broke, or the body was malformed.
    Broken,
}

impl BodyRefused {
    fn answer(&self, endpoint: &Endpoint, ctx: &RequestCtx) -> Response {
        let (status, message) = match self {
            BodyRefused::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "The request body is larger than {} bytes.",
                    endpoint.max_body_bytes
                ),
            ),
            BodyRefused::TooSlow => (
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "The request body did not arrive within {:?}.",
                    endpoint.body_timeout
                ),
            ),
            BodyRefused::NotRead | BodyRefused::Broken => (
                StatusCode::BAD_REQUEST,
                "The request body could not be read.".to_owned(),
            ),
        };
        endpoint.bad_request(status, &message, ctx)
    }
}

/// The body, within the size and time limits; a `Content-Length` over the limit is
/// refused before a byte is read.
async fn read_body(
    endpoint: &Endpoint,
    headers: &axum::http::HeaderMap,
    body: Incoming,
) -> Result<Bytes, BodyRefused> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > endpoint.max_body_bytes as u64) {
        return Err(BodyRefused::TooLarge);
    }
    let read = axum::body::to_bytes(Body::new(body), endpoint.max_body_bytes);
    match tokio::time::timeout(endpoint.body_timeout, read).await {
        Err(_elapsed) => Err(BodyRefused::TooSlow),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(error)) => {
            // axum's limit error is http-body-util's `LengthLimitError`, somewhere in
            // the chain of sources.
            let mut source: Option<&dyn std::error::Error> = Some(&error);
            while let Some(cause) = source {
                if cause.to_string() == "length limit exceeded" {
                    return Err(BodyRefused::TooLarge);
                }
                source = cause.source();
            }
            Err(BodyRefused::Broken)
        }
    }
}

/// The service's 401, when the request's credentials are in its headers alone (a token,
/// Basic) and are missing or wrong. Signed requests are checked once their body is read
/// (the signature covers it).
fn refuse_by_headers(
    endpoint: &Endpoint,
    parts: &axum::http::request::Parts,
    ctx: &RequestCtx,
) -> Option<Response> {
    let authorization = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let signed = ["SDK-HMAC-SHA256 ", "OCP-ACCESS-KEY-HMACSHA1 "]
        .iter()
        .any(|scheme| authorization.starts_with(scheme));
    if signed && !parts.headers.contains_key("x-auth-token") {
        return None;
    }
    let view = RequestView {
        method: &parts.method,
        path_and_query: parts.uri.path_and_query().map_or("/", |pq| pq.as_str()),
        headers: &parts.headers,
        body: b"",
    };
    let failure = endpoint.verifier.verify(&view).err()?;
    tracing::info!(service = %endpoint.service, ?failure, "authentication failed before the body");
    Some(endpoint.verifier.reject(&failure, &ctx.id))
}

/// Auth and content-type checks for matched operations, then the axum router.
async fn route(
    endpoint: &Endpoint,
    operation: Option<Operation>,
    request: Request<Bytes>,
    ctx: &RequestCtx,
) -> Response {
    if operation.is_some() {
        let view = RequestView {
            method: request.method(),
            path_and_query: request.uri().path_and_query().map_or("/", |pq| pq.as_str()),
            headers: request.headers(),
            body: request.body(),
        };
        if let Err(failure) = endpoint.verifier.verify(&view) {
            tracing::info!(service = %endpoint.service, ?failure, "authentication failed");
            return endpoint.verifier.reject(&failure, &ctx.id);
        }
        if !request.body().is_empty() && !is_json(request.headers().get(header::CONTENT_TYPE)) {
            return endpoint.bad_request(
                StatusCode::BAD_REQUEST,
                "Content-Type must be application/json.",
                ctx,
            );
        }
    }
    let request = request.map(Body::from);
    match TowerToHyperService::new(endpoint.router.clone())
        .call(request)
        .await
    {
        Ok(response) => response,
        Err(never) => match never {},
    }
}
