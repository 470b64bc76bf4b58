//! One step of the demo: a call against the fake, what it sent on the wire, its outcome,
//! and whether that is what the service's documentation says; and the score kept over all
//! steps.

use std::fmt::Debug;
use std::future::IntoFuture;

use fake_cloud::FakeCloud;
use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Error, RetryPolicy};
use serde::de::DeserializeOwned;

/// What a step should end with, as the service's documentation says.
pub enum Expect {
    Success,
    /// Success after this many requests (a paginator's pages, a waiter's polls).
    SuccessIn(usize),
    /// An error answer with this HTTP status and service error code.
    Error {
        status: u16,
        code: &'static str,
    },
    /// Refused by the client's own validation: nothing reaches the service.
    NotSent,
}

/// Runs the steps against one fake and keeps the score.
pub struct Demo<'a> {
    pub fake: &'a FakeCloud,
    pub steps: usize,
    pub unexpected: usize,
}

impl Demo<'_> {
    pub async fn step<T: Debug>(
        &mut self,
        title: &str,
        request: &dyn Debug,
        expect: Expect,
        call: impl IntoFuture<Output = Result<T, Error>>,
    ) {
        self.steps += 1;
        self.fake.clear_requests();
        println!("[{}] {title}", self.steps);
        println!("    request  {request:?}");
        let outcome = call.await;
        let sent = self.fake.requests();
        if sent.is_empty() {
            println!("    sent     nothing");
        }
        for request in &sent {
            let status = request
                .status
                .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
            println!(
                "    sent     {} {}  ->  {status}",
                request.method, request.path
            );
        }
        match &outcome {
            Ok(value) => println!("    answer   {value:?}"),
            Err(error) => println!("    error    {error}"),
        }
        let as_expected = match (&expect, &outcome) {
            (Expect::Success, Ok(_)) => sent.len() == 1,
            (Expect::SuccessIn(requests), Ok(_)) => sent.len() == *requests,
            (Expect::Error { status, code }, Err(error)) => {
                error.status() == Some(*status) && error.code() == Some(*code) && sent.len() == 1
            }
            (Expect::NotSent, Err(Error::Validation(_))) => sent.is_empty(),
            _ => false,
        };
        let wanted = match expect {
            Expect::Success => "success".to_owned(),
            Expect::SuccessIn(requests) => format!("success in {requests} requests"),
            Expect::Error { status, code } => format!("HTTP {status} with error code {code}"),
            Expect::NotSent => "refused before sending".to_owned(),
        };
        if as_expected {
            println!("    => as documented: {wanted}\n");
        } else {
            self.unexpected += 1;
            println!("    => UNEXPECTED: the documentation says {wanted}\n");
        }
    }
}

/// A typed request from its JSON form.
pub fn body<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| {
        format!(
            "a demo request does not fit the generated {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// A client that sends each call once, so every step shows exactly one request.
pub fn once<C: ServiceClient>(builder: ClientBuilder<C>) -> Result<C, String> {
    builder
        .retry(RetryPolicy::none())
        .build()
        .map_err(|e| e.to_string())
}
