//! What the fake saw and what it was told to do: the requests it received, in order, and
//! the faults queued per operation.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use crate::faults::Fault;
use crate::operations::{Operation, Service};

/// A request as the fake received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// Which listener received it.
    pub service: Service,
    /// The operation its method and path matched, if any.
    pub operation: Option<Operation>,
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Path and query string as sent, e.g. `/api/v2/ob/clusters/1/tenants/2/users?id=1`.
    pub path: String,
    /// Every header in the order received (names lower-case).
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
    /// The `X-Request-Id` (DDM, DWS) or `traceId` (OCP) the fake gave its answer.
    pub request_id: String,
    /// The HTTP status of the answer; `None` while it is being handled, and for
    /// injected faults that answer below HTTP (dropped or reset connections).
    pub status: Option<u16>,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// The requests received and the faults still to answer with.
pub(crate) struct Log {
    pub faults: HashMap<Operation, VecDeque<(Fault, usize)>>,
    /// The latest requests, oldest first: a ring of at most `capacity`, so a long run
    /// (or a flood) cannot grow the fake's memory without end.
    pub requests: VecDeque<RecordedRequest>,
    capacity: usize,
}

impl Log {
    /// Records a request, forgetting the oldest when the log is full.
    pub fn record(&mut self, request: RecordedRequest) {
        if self.capacity == 0 {
            return;
        }
        while self.requests.len() >= self.capacity {
            self.requests.pop_front();
        }
        self.requests.push_back(request);
    }

    /// Notes the status answered to the request with this id (looked up by id:
    /// the list may have been cleared meanwhile).
    pub fn record_status(&mut self, request_id: &str, status: u16) {
        if let Some(request) = self
            .requests
            .iter_mut()
            .rev()
            .find(|r| r.request_id == request_id)
        {
            request.status = Some(status);
        }
    }

    /// Takes one use of the next fault queued for `op`.
    pub fn take_fault(&mut self, op: Operation) -> Option<Fault> {
        let queue = self.faults.get_mut(&op)?;
        let (fault, remaining) = queue.front_mut()?;
        let fault = fault.clone();
        *remaining -= 1;
        if *remaining == 0 {
            queue.pop_front();
        }
        Some(fault)
    }
}

/// The log every listener writes to, behind its own lock (handlers never take it, so it
/// is never held together with the accounts' lock).
pub(crate) struct Journal {
    log: Mutex<Log>,
}

impl Journal {
    /// A journal keeping the latest `capacity` requests.
    pub fn new(capacity: usize) -> Journal {
        Journal {
            log: Mutex::new(Log {
                faults: HashMap::new(),
                requests: VecDeque::new(),
                capacity,
            }),
        }
    }

    /// Locks the log. A panic while locked cannot leave it half-updated in a way that
    /// matters to a fake, so poisoning is ignored.
    pub fn lock(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }
}
