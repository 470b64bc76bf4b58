//! The hand-written runtime behind every generated client: transport, credentials and
//! signing, retries, timeouts, validation, errors. Generated code only describes operations
//! and hands them over to [`Runtime::call`].

mod answer_entry;
mod attempts;
mod auth;
mod body;
mod builder;
mod bytes_formats;
mod client;
mod credentials;
mod error;
mod exchange;
mod fixed_headers;
mod future;
mod lifecycle_errors;
mod paginate;
mod pattern;
mod prepare;
mod redact;
mod request;
mod response;
mod retry;
mod secret;
mod service;
mod settings;
mod shown;
pub mod signing;
#[doc(hidden)]
pub mod tagged;
#[doc(hidden)]
pub mod text_enum;
mod timestamp;
mod validate;
mod wait;

#[doc(hidden)]
pub use answer_entry::{RawOutcome, read_raw_answer};
pub use builder::{ClientBuilder, ServiceClient, region_endpoint};
pub use bytes::Bytes;
pub use bytes_formats::{Base64, Binary};
pub use client::Runtime;
pub use credentials::*;
pub use error::{
    ApiError, ConfigError, DecodeError, Error, TimeoutError, TimeoutKind, TooLargeError,
    TransportError,
};
pub use future::CallFuture;
pub use lifecycle_errors::{PaginationError, WaitError};
pub use paginate::{
    DEFAULT_MAX_PAGES, Items, PageRule, PageStyle, Pages, as_position, page_position,
};
pub use request::{Request, Rfc3339, encode, encode_list, join_list};
pub use response::json_of;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use serde_json::Value;
pub use service::*;
pub use settings::{DEFAULT_MAX_RESPONSE_BYTES, Timeouts};
pub use timestamp::Timestamp;
pub use validate::{Validate, ValidationError, Validator, Violation};
pub use wait::{DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, Wait, WaitRule, WaitStart, wait_id};

/// `format: date-time`: an RFC 3339 time with its offset, kept as sent.
pub type DateTime = chrono::DateTime<chrono::FixedOffset>;

/// `format: date`: a calendar date, `2026-01-31` on the wire.
pub type Date = chrono::NaiveDate;
