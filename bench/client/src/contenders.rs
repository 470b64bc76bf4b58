//! The contenders and what they call: the server on 127.0.0.1 that records what each sends,
//! the hand-written reqwest client, ours, and the request both make.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use generated_client::runtime::signing::{RequestParts, huawei};
use generated_client::{Credentials, ddm};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

pub(crate) const PROJECT: &str = "0123456789abcdef0123456789abcdef";
pub(crate) const INSTANCE: &str = "b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7in09";
pub(crate) const TOKEN: &str = "MIIDtgYJKoZIhvcNAQcCoIIDpzCCA6MCAQExDTALBglghkgBZQMEAgEwgXXX";
pub(crate) const ACCESS_KEY: &str = "HPUABCDEFGHIJKLMNOPQ";
pub(crate) const SECRET_KEY: &str = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0";
/// What the generated client sends as `User-Agent`; the hand-written code sends the same.
pub(crate) const USER_AGENT: &str = "generated-client/0.1.0 (ddm)";
pub(crate) const ANSWER: &str = r#"{"users":[{"name":"ddm_user1"},{"name":"ddm_user2"}]}"#;

// ---- the server ------------------------------------------------------------------------

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    pub(crate) method: Method,
    pub(crate) uri: Uri,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Bytes,
}

#[derive(Clone, Default)]
pub(crate) struct Recorder {
    /// `Some` while recording.
    pub(crate) seen: Arc<Mutex<Option<Vec<Seen>>>>,
}

pub(crate) async fn answer(
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
pub(crate) fn start_server(recorder: Recorder) -> std::net::SocketAddr {
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
pub(crate) struct NewUsers<'a> {
    pub(crate) users: Vec<NewUser<'a>>,
}

#[derive(Serialize)]
pub(crate) struct NewUser<'a> {
    pub(crate) name: &'a str,
    pub(crate) password: &'a str,
    pub(crate) base_authority: Vec<&'a str>,
    pub(crate) extend_authority: Vec<&'a str>,
    pub(crate) databases: Vec<Database<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Database<'a> {
    pub(crate) name: &'a str,
}

#[derive(Deserialize)]
pub(crate) struct Created {
    pub(crate) users: Vec<CreatedUser>,
}

#[derive(Deserialize)]
pub(crate) struct CreatedUser {
    #[allow(dead_code)]
    pub(crate) name: String,
}

pub(crate) enum HandAuth {
    Token,
    AkSk,
}

/// Plain reqwest: serialize, add the headers, sign if asked, send, check the status, decode.
/// No validation, retries or tracing: the least a caller can do; with `timeout`, the whole
/// exchange runs under `tokio::time::timeout`, as careful code would.
pub(crate) struct HandWritten {
    pub(crate) http: reqwest::Client,
    pub(crate) host: String,
    pub(crate) path: String,
    pub(crate) url: String,
    pub(crate) auth: HandAuth,
    pub(crate) timeout: Option<Duration>,
}

impl HandWritten {
    pub(crate) fn new(
        addr: std::net::SocketAddr,
        auth: HandAuth,
        timeout: Option<Duration>,
    ) -> Self {
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

    pub(crate) async fn create_users(&self, body: &NewUsers<'_>) -> Result<Created, String> {
        match self.timeout {
            Some(limit) => tokio::time::timeout(limit, self.exchange(body))
                .await
                .map_err(|_| "timed out".to_string())?,
            None => self.exchange(body).await,
        }
    }

    pub(crate) async fn exchange(&self, body: &NewUsers<'_>) -> Result<Created, String> {
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

pub(crate) fn hand_body() -> NewUsers<'static> {
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

pub(crate) fn generated_body() -> ddm::CreateUsersRequest {
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

pub(crate) struct Contenders {
    pub(crate) ours_token: ddm::Client,
    pub(crate) ours_aksk: ddm::Client,
    pub(crate) hand_token: HandWritten,
    pub(crate) hand_aksk: HandWritten,
    pub(crate) hand_timeout_token: HandWritten,
    pub(crate) hand_timeout_aksk: HandWritten,
    pub(crate) generated_body: ddm::CreateUsersRequest,
    pub(crate) hand_body: NewUsers<'static>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Who {
    OursToken,
    HandToken,
    HandTimeoutToken,
    OursAkSk,
    HandAkSk,
    HandTimeoutAkSk,
}

pub(crate) const EVERYONE: [Who; 6] = [
    Who::OursToken,
    Who::HandToken,
    Who::HandTimeoutToken,
    Who::OursAkSk,
    Who::HandAkSk,
    Who::HandTimeoutAkSk,
];

/// The per-attempt limit of our runtime's default `Timeouts`, for the careful hand-written code.
pub(crate) const CALL_TIMEOUT: Duration = Duration::from_secs(30);

impl Contenders {
    pub(crate) fn new(addr: std::net::SocketAddr) -> Result<Self, String> {
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
    pub(crate) async fn call(&self, who: Who) -> Result<usize, String> {
        match who {
            Who::OursToken => self.ours(&self.ours_token).await,
            Who::OursAkSk => self.ours(&self.ours_aksk).await,
            Who::HandToken => self.hand(&self.hand_token).await,
            Who::HandAkSk => self.hand(&self.hand_aksk).await,
            Who::HandTimeoutToken => self.hand(&self.hand_timeout_token).await,
            Who::HandTimeoutAkSk => self.hand(&self.hand_timeout_aksk).await,
        }
    }

    pub(crate) async fn ours(&self, client: &ddm::Client) -> Result<usize, String> {
        let created = client
            .create_users(INSTANCE, &self.generated_body)
            .await
            .map_err(|e| e.to_string())?;
        Ok(created.users.map_or(0, |users| users.len()))
    }

    pub(crate) async fn hand(&self, client: &HandWritten) -> Result<usize, String> {
        let created = client.create_users(&self.hand_body).await?;
        Ok(created.users.len())
    }
}

/// The headers the clients sign with AK/SK, dated `date`.
pub(crate) fn signed_headers(date: &str) -> Vec<(String, String)> {
    vec![
        ("User-Agent".into(), USER_AGENT.into()),
        (
            "Content-Type".into(),
            "application/json;charset=utf-8".into(),
        ),
        ("X-Project-Id".into(), PROJECT.into()),
        ("X-Sdk-Date".into(), date.into()),
    ]
}

/// What the clients' AK/SK request hands the signer, owned, dated `date`: the DDM
/// `create_users` body, headers and path. `parts` borrows it as the signer takes it.
pub(crate) struct SigningInput {
    pub(crate) date: String,
    pub(crate) body: Vec<u8>,
    headers: Vec<(String, String)>,
    path: String,
}

impl SigningInput {
    pub(crate) fn now() -> Result<Self, String> {
        let date = huawei::format_sdk_date(SystemTime::now());
        Ok(SigningInput {
            body: serde_json::to_vec(&hand_body()).map_err(|e| e.to_string())?,
            headers: signed_headers(&date),
            path: format!("/v1/{PROJECT}/instances/{INSTANCE}/users"),
            date,
        })
    }

    pub(crate) fn parts(&self) -> RequestParts<'_> {
        RequestParts {
            method: "POST",
            host: "ddm.eu-west-101.myhuaweicloud.eu",
            path: &self.path,
            query: &[],
            headers: &self.headers,
            body: &self.body,
        }
    }
}
