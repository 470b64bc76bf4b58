//! How an operation's parts travel: path pieces, parameter places, body and answer
//! encodings. Leaves of the model, named by the IR's operations.

use serde::{Deserialize, Serialize};

/// One piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathSegment {
    /// Text sent as written.
    Literal(String),
    /// A placeholder filled from the method argument of this Rust name, percent-encoded.
    Argument(String),
    /// A placeholder filled from the client setting of this name, percent-encoded.
    ClientParam(String),
}

/// What a success answer carries, as the runtime reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseBody {
    /// Nothing to read: the operation returns `()`.
    None,
    /// JSON, required.
    #[default]
    Json,
    /// JSON, or no body at all (read as `{}`): `x-body-optional`.
    JsonOrEmpty,
    /// The body's bytes, kept exactly (`rt::Bytes`): a media type other than JSON, or none.
    Bytes,
    /// Successes of different types: the status picks the arm of an enum
    /// ([`Operation::success_arms`](super::Operation::success_arms)).
    ByStatus,
}

/// Which answer statuses mean success.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuccessRule {
    /// Exactly the statuses listed in
    /// [`Operation::success`](super::Operation::success).
    #[default]
    Listed,
    /// The operation documents no 2xx: its `default` answer is the success, and every 2xx
    /// status means it (none can be documented as an error). The list is then empty.
    Any2xx,
}

impl SuccessRule {
    pub fn is_listed(&self) -> bool {
        *self == SuccessRule::Listed
    }
}

/// How a request body is encoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BodyMedia {
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`: the struct's fields as `key=value` pairs.
    Form,
    /// `multipart/form-data`: one part per field.
    Multipart,
    /// Text sent as is (`text/plain`); the body is a `&str`.
    Text,
    /// Bytes sent as they are (`application/octet-stream` and every other media type).
    Bytes,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    /// A path parameter filled from the client's configuration.
    Client,
}
